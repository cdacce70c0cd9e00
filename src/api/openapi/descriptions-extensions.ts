// kite's descriptions for the ways to extend the API: admission webhooks
// (admissionregistration.k8s.io/v1) and CustomResourceDefinitions (apiextensions.k8s.io/v1).

import { type DescriptionMap, withPrefix } from './descriptions-util.js';

const WEBHOOK_FIELDS: Record<string, string> = {
  admissionReviewVersions:
    'The AdmissionReview versions the webhook understands, in order of preference (v1, v1beta1). The server sends the first one it supports; if none is, the call fails.',
  clientConfig: 'How to reach the webhook: a URL or an in-cluster service, and the CA to trust.',
  failurePolicy:
    'What happens when the webhook cannot be reached or returns an error: Fail (the default, the request is rejected) or Ignore (the request goes on).',
  matchConditions:
    'CEL expressions that must all be true for the webhook to be called, evaluated after rules and selectors; at most 64. An expression that fails to evaluate is handled by failurePolicy.',
  matchPolicy:
    'How rules match a request made through another version or group of the same resource: Equivalent (the default, the request is converted to a version the rules list) or Exact (only the versions listed).',
  name: 'The webhook\'s name, fully qualified and unique within the configuration, e.g. check.example.com.',
  namespaceSelector:
    'Calls the webhook only for objects in namespaces whose labels match (for a Namespace, its own labels). An empty selector matches every namespace.',
  objectSelector:
    'Calls the webhook only for objects whose labels match, looking at both the old and the new object. An empty selector matches every object.',
  rules:
    'The operations and resources that trigger the webhook; a request matching any rule is sent to it, unless the other filters exclude it.',
  sideEffects:
    'Whether calling the webhook changes anything outside the request: None (no side effects) or NoneOnDryRun (side effects are skipped for dry-run requests). Dry-run requests are rejected for webhooks with other values.',
  timeoutSeconds: 'How many seconds to wait for the webhook, from 1 to 30; a timeout is handled by failurePolicy. Defaults to 10.',
};

const ADMISSION: DescriptionMap = {
  ValidatingWebhookConfiguration: {
    description:
      'A ValidatingWebhookConfiguration registers webhooks that the API server calls to accept or reject matching requests, after mutation and before the object is stored.',
    properties: { webhooks: 'The webhooks and the requests that are sent to each.' },
  },
  MutatingWebhookConfiguration: {
    description:
      'A MutatingWebhookConfiguration registers webhooks that the API server calls on matching requests; they may change the object, through a JSON patch, before it is validated and stored.',
    properties: { webhooks: 'The webhooks and the requests that are sent to each.' },
  },
  ValidatingWebhook: {
    description: 'One validating webhook: where it lives and which requests it checks.',
    properties: WEBHOOK_FIELDS,
  },
  MutatingWebhook: {
    description: 'One mutating webhook: where it lives and which requests it may modify.',
    properties: {
      ...WEBHOOK_FIELDS,
      reinvocationPolicy:
        'Whether the webhook is called again when a later mutating webhook or plugin changed the object: Never (the default) or IfNeeded (called at most once more).',
    },
  },
  RuleWithOperations: {
    description: 'A set of operations on a set of resources; a request matches when every list contains its value.',
    properties: {
      apiGroups: 'API groups; "" is the core group and "*" means all.',
      apiVersions: 'API versions; "*" means all.',
      operations: 'Which operations trigger the webhook, among CREATE, UPDATE, DELETE and CONNECT; "*" stands for every one (and must then be the only entry).',
      resources:
        'Resources, with optional subresources: "pods", "pods/status", "*/scale" (a subresource of any resource), "*" (resources only) or "*/*" (everything).',
      scope: 'Which objects match: Cluster (cluster-scoped only), Namespaced (namespaced only) or "*" (both, the default).',
    },
  },
  WebhookClientConfig: {
    description: 'How the API server connects to a webhook. Exactly one of url and service is set.',
    properties: {
      caBundle: 'PEM-encoded CA certificates used to verify the webhook\'s serving certificate. When empty, the server\'s system trust roots are used.',
      service: 'An in-cluster service in front of the webhook, reached over HTTPS.',
      url: 'The webhook\'s address, as https://host[:port]/path. It may not contain user information, a query or a fragment.',
    },
  },
  ServiceReference: {
    description: 'A service the webhook is reached through.',
    properties: {
      name: 'The service\'s name.',
      namespace: 'The service\'s namespace.',
      path: 'The URL path sent with each request.',
      port: 'The service port to connect to, 1 to 65535. Defaults to 443.',
    },
  },
  MatchCondition: {
    description: 'A CEL test a request has to pass before the webhook is called for it.',
    properties: {
      expression:
        'The CEL expression, returning a boolean. It can use object, oldObject, request, authorizer and authorizer.requestResource.',
      name: 'A name for the condition, unique within the webhook, used in logs and error messages.',
    },
  },
};

const CRD: DescriptionMap = {
  CustomResourceDefinition: {
    description:
      'A CustomResourceDefinition adds a new resource type to the API. Its name must be <plural>.<group>; once it is established, the server serves objects of the new kind like built-in ones.',
  },
  CustomResourceDefinitionSpec: {
    description: 'The group, names, scope and versions of a custom resource.',
    properties: {
      conversion: 'How objects are converted between the served versions.',
      group: 'The API group the resource is served under, e.g. stable.example.com (giving /apis/stable.example.com/...).',
      names: 'The names the resource and its kind are known by.',
      preserveUnknownFields:
        'Deprecated: must be false in apiextensions.k8s.io/v1. Use x-kubernetes-preserve-unknown-fields in a schema to keep unknown fields.',
      scope: 'Namespaced (objects live in a namespace) or Cluster (objects are cluster-wide).',
      versions:
        'The versions of the resource. Exactly one is the storage version; versions are listed in API discovery sorted by stability and then by number.',
    },
  },
  CustomResourceDefinitionNames: {
    description: 'The names of a custom resource.',
    properties: {
      categories: 'Groups of resources it belongs to, such as all, so that kubectl get all includes it.',
      kind: 'The kind of its objects, in CamelCase and singular, e.g. CronTab.',
      listKind: 'The kind of its lists. Defaults to <kind>List.',
      plural: 'The plural, lowercase resource name used in URLs, e.g. crontabs. Must match the first part of the definition\'s name.',
      shortNames: 'Short lowercase aliases for kubectl, e.g. ct.',
      singular: 'The singular, lowercase name. Defaults to the lowercased kind.',
    },
  },
  CustomResourceDefinitionVersion: {
    description: 'One version of a custom resource.',
    properties: {
      additionalPrinterColumns: 'Extra columns kubectl get shows for the objects. When none are given, only the age column is added.',
      deprecated: 'Whether this version is deprecated; requests to it get a warning. Defaults to false.',
      deprecationWarning: 'The warning sent to clients using a deprecated version instead of the generated one.',
      name: 'The version name, as in /apis/<group>/<version>, e.g. v1 or v1beta1.',
      schema: 'The schema objects of this version are validated and pruned with.',
      selectableFields: 'Fields that can be used in field selectors on list and watch, in addition to metadata.name and metadata.namespace. At most 8.',
      served: 'Whether the version is served by the API; unserved versions can still be stored.',
      storage: 'Whether objects are stored in this version; exactly one version must be the storage version.',
      subresources: 'The status and scale subresources served for this version.',
    },
  },
  CustomResourceValidation: {
    description: 'The validation schema of a custom resource version.',
    properties: {
      openAPIV3Schema:
        'An OpenAPI v3 schema of the objects. It must be structural: every field has a type, so that unknown fields can be pruned.',
    },
  },
  CustomResourceSubresources: {
    description: 'Subresources of a custom resource version.',
    properties: {
      scale: 'Serves /scale, so autoscalers and kubectl scale can work with the objects.',
      status:
        'Serves /status. The main endpoint then ignores changes to .status, the status endpoint ignores everything but .status, and metadata.generation only moves on spec changes.',
    },
  },
  CustomResourceSubresourceStatus: {
    description: 'Turns on the status subresource; it has no settings.',
  },
  CustomResourceSubresourceScale: {
    description: 'Where the scale subresource finds the replica counts in the objects.',
    properties: {
      labelSelectorPath:
        'Where (a JSON path inside .spec or .status) the objects keep their pod selector as a string; it is copied to the Scale\'s status.selector, which autoscalers need.',
      specReplicasPath: 'A JSON path under .spec to the desired replica count, e.g. .spec.replicas.',
      statusReplicasPath: 'A JSON path under .status to the observed replica count, e.g. .status.replicas.',
    },
  },
  CustomResourceColumnDefinition: {
    description: 'An extra column shown by kubectl get.',
    properties: {
      description: 'A sentence about what the column shows.',
      format: 'A display format for the values: int32, int64, float, double, byte, date, date-time or password.',
      jsonPath: 'A simple JSON path, evaluated on each object, giving the column\'s value.',
      name: 'The column\'s header.',
      priority: 'How important the column is: 0 is always shown, higher values only in wide output (-o wide).',
      type: 'The type of the values: integer, number, string, boolean or date.',
    },
  },
  SelectableField: {
    description: 'A field that field selectors may use.',
    properties: {
      jsonPath: 'A simple JSON path to the field, such as .spec.color; the field must be a string, integer or boolean.',
    },
  },
  CustomResourceConversion: {
    description: 'How objects are converted between versions.',
    properties: {
      strategy:
        'None (the default: only apiVersion changes, the rest is kept as is) or Webhook (a webhook converts the objects).',
      webhook: 'The conversion webhook, for strategy Webhook.',
    },
  },
  WebhookConversion: {
    description: 'The webhook that converts custom objects between versions.',
    properties: {
      clientConfig: 'How to reach the webhook.',
      conversionReviewVersions: 'The ConversionReview versions the webhook understands, in order of preference (v1, v1beta1).',
    },
  },
  WebhookClientConfig: {
    description: 'How the API server connects to a conversion webhook. Exactly one of url and service is set.',
    properties: {
      caBundle: 'PEM-encoded CA certificates used to verify the webhook\'s serving certificate. When empty, the server\'s system trust roots are used.',
      service: 'An in-cluster service in front of the webhook, reached over HTTPS.',
      url: 'The webhook\'s address, as https://host[:port]/path. It may not contain user information, a query or a fragment.',
    },
  },
  ServiceReference: {
    description: 'A service a conversion webhook is reached through.',
    properties: {
      name: 'The service\'s name.',
      namespace: 'The service\'s namespace.',
      path: 'The URL path sent with each request.',
      port: 'The service port to connect to, 1 to 65535. Defaults to 443.',
    },
  },
  CustomResourceDefinitionStatus: {
    description: 'The observed state of a custom resource definition.',
    properties: {
      acceptedNames: 'The names actually being served; they can differ from spec.names when those conflict with another definition.',
      conditions: 'The definition\'s conditions: Established, NamesAccepted, NonStructuralSchema, Terminating and KubernetesAPIApprovalPolicyConformant.',
      observedGeneration: 'The metadata.generation the status was computed for.',
      storedVersions:
        'Every version objects have ever been stored in. A version can only be removed from spec.versions once it is no longer listed here.',
    },
  },
  CustomResourceDefinitionCondition: {
    description: 'One observation about a custom resource definition.',
    properties: {
      lastTransitionTime: 'When status last changed.',
      message: 'A readable explanation.',
      observedGeneration: 'The metadata.generation the condition was computed for.',
      reason: 'A short CamelCase word for the cause.',
      status: 'True, False or Unknown.',
      type: 'What the condition is about, e.g. Established (the resource is served) or NamesAccepted.',
    },
  },
  ExternalDocumentation: {
    description: 'A link to more documentation about a schema.',
    properties: { description: 'What the linked documentation covers.', url: 'The documentation\'s address.' },
  },
  JSON: { description: 'Any JSON value.' },
  JSONSchemaPropsOrArray: { description: 'A schema, or a list of schemas (one per array position).' },
  JSONSchemaPropsOrBool: { description: 'A schema, or a boolean (true allows anything, false nothing).' },
  JSONSchemaPropsOrStringArray: { description: 'A schema, or a list of property names.' },
  ValidationRule: {
    description: 'A CEL validation rule attached to a schema node.',
    properties: {
      fieldPath:
        'The path, relative to the node the rule is on, of the field reported when the rule fails, e.g. .spec.replicas. Defaults to the node itself.',
      message: 'The error message shown when the rule fails. Defaults to a message containing the rule.',
      messageExpression:
        'A CEL expression producing the error message when the rule fails; it takes precedence over message.',
      optionalOldSelf:
        'If true, the rule is also run when there is no old value (on create, or when the field is new), with oldSelf as an optional value. Only for transition rules.',
      reason:
        'The reason given to the client when the rule fails: FieldValueInvalid (the default), FieldValueForbidden, FieldValueRequired or FieldValueDuplicate.',
      rule:
        'The CEL expression, which must return true for valid values. self is the value at the node; oldSelf, the previous value on update, makes it a transition rule.',
    },
  },
  JSONSchemaProps: {
    description: 'A JSON Schema (a subset of OpenAPI v3) describing a value, with Kubernetes extensions.',
    properties: {
      $ref: 'Not allowed in custom resource schemas.',
      $schema: 'The JSON Schema dialect; not used.',
      additionalItems: 'Not allowed in custom resource schemas.',
      additionalProperties: 'The schema of the values of a map (an object with arbitrary keys); cannot be combined with properties.',
      allOf: 'Schemas the value must all satisfy.',
      anyOf: 'Schemas at least one of which the value must satisfy.',
      default: 'The value used for the field when it is missing; applied when objects are read, written and stored. Must be valid for the schema.',
      definitions: 'Not allowed in custom resource schemas.',
      description: 'Text explaining the value; kubectl explain shows it.',
      dependencies: 'Properties that require other properties or schemas when present.',
      enum: 'The only values allowed.',
      example: 'An example value, for documentation.',
      exclusiveMaximum: 'Whether maximum itself is excluded.',
      exclusiveMinimum: 'Whether minimum itself is excluded.',
      externalDocs: 'A link to more documentation.',
      format:
        'A format strings must follow, such as int-or-string, date-time, uuid, byte, ipv4, ipv6, cidr or hostname; unknown formats are ignored.',
      id: 'An identifier of the schema; not used.',
      items: 'The schema of the items of an array.',
      maxItems: 'The most items an array may have.',
      maxLength: 'The longest a string may be, in characters.',
      maxProperties: 'The most properties an object may have.',
      maximum: 'The largest number allowed.',
      minItems: 'The fewest items an array may have.',
      minLength: 'The shortest a string may be, in characters.',
      minProperties: 'The fewest properties an object may have.',
      minimum: 'The smallest number allowed.',
      multipleOf: 'A number the value must be a multiple of.',
      not: 'A schema the value must not satisfy.',
      nullable: 'Whether null is accepted as a value; otherwise a null field is removed (or defaulted).',
      oneOf: 'Schemas exactly one of which the value must satisfy.',
      pattern: 'A regular expression strings must match.',
      patternProperties: 'Schemas for properties whose names match regular expressions.',
      properties: 'The schemas of the named properties of an object.',
      required: 'Properties an object must have.',
      title: 'A short title for the schema.',
      type: 'The JSON type of the value: object, array, string, integer, number or boolean.',
      uniqueItems: 'Whether the items of an array must all differ; not allowed in custom resource schemas (use x-kubernetes-list-type set).',
      'x-kubernetes-embedded-resource':
        'Marks an object holding a complete Kubernetes object (apiVersion, kind, metadata), whose metadata is validated and pruned like an object\'s.',
      'x-kubernetes-int-or-string': 'If true, the value may be an integer or a string, as ports and percentages often are.',
      'x-kubernetes-list-map-keys': 'For a list of type map: the item fields that identify an item together.',
      'x-kubernetes-list-type':
        'How a list is merged by server-side apply: atomic (replaced as a whole, the default), set (unique scalar items) or map (items identified by x-kubernetes-list-map-keys).',
      'x-kubernetes-map-type': 'How an object is merged by server-side apply: granular (field by field, the default) or atomic (replaced as a whole).',
      'x-kubernetes-preserve-unknown-fields': 'Keeps fields the schema does not describe instead of pruning them.',
      'x-kubernetes-validations': 'CEL rules the value must satisfy.',
    },
  },
};

export const EXTENSIONS_DESCRIPTIONS: DescriptionMap = {
  ...withPrefix('io.k8s.api.admissionregistration.v1.', ADMISSION),
  ...withPrefix('io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.', CRD),
};
