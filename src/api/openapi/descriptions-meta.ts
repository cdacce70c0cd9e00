// kite's descriptions for the shared machinery types (meta/v1, resource quantities, int-or-string).

import { type DescriptionMap, withPrefix } from './descriptions-util.js';

const META: DescriptionMap = {
  ObjectMeta: {
    description:
      'Metadata every stored object carries: who it is (name, namespace, uid), the labels and annotations users attach, who owns it, how deletion is progressing, and the versions and timestamps the server keeps.',
    properties: {
      annotations:
        'Free-form string key/value pairs that tools and controllers attach for their own purposes. Unlike labels they cannot be used to select objects, and values may be long or structured (the total size is limited to 256 KiB).',
      creationTimestamp:
        'When the server stored this object for the first time, as an RFC 3339 UTC timestamp. Filled in by the server; clients cannot set or change it.',
      deletionGracePeriodSeconds:
        'The number of seconds the object was given to shut down gracefully when its deletion was requested. Only present together with deletionTimestamp; read-only.',
      deletionTimestamp:
        'Filled in by the server once someone asked to delete the object and it is still waiting on finalizers (or, for a pod, on graceful shutdown). It cannot be unset again; the object is removed when no finalizers are left.',
      finalizers:
        'Names of cleanup tasks that still have to run before the object may be removed from storage. A deleted object stays readable, with deletionTimestamp set, until every entry has been taken off the list by the controller responsible for it.',
      generateName:
        'A name prefix: when name is empty at creation, the server builds a unique name from this prefix plus a random suffix of five characters.',
      generation:
        'A counter the server raises each time the desired state (normally the spec) changes. Controllers report the generation they have acted on in their status, so the two can be compared. Read-only.',
      labels:
        'Identifying key/value pairs that selectors (of services, controllers, list and watch requests) match against. A key may have a DNS-subdomain prefix followed by a slash; names and values are limited to 63 characters.',
      managedFields:
        'Which field manager (a client or controller) owns which fields, and through which operation, as tracked for server-side apply conflict detection. Kept up to date by the server; clients rarely need to touch it.',
      name:
        'The object\'s name, unique per kind within its namespace (or within the cluster for cluster-scoped kinds). Required when creating unless generateName is used, and fixed afterwards.',
      namespace:
        'The namespace that holds the object. An empty value means "default" for namespaced kinds; cluster-scoped kinds have none. It cannot be changed once the object exists.',
      ownerReferences:
        'The objects this one depends on. When all of its owners are gone the garbage collector deletes it too; at most one entry may mark its owner as the managing controller.',
      resourceVersion:
        'An opaque token the server changes on every write to the object. Send it back with an update to guard against lost updates (a stale token gets a 409 Conflict) and use it to resume watches; do not parse or compare it.',
      selfLink: 'Deprecated and left empty by the server; it used to hold the URL of the object.',
      uid:
        'An identifier the server assigns at creation that is never reused, even for a later object with the same name. Read-only.',
    },
  },
  ListMeta: {
    description: 'Metadata of a list response as a whole, rather than of any item in it.',
    properties: {
      continue:
        'Present when the list was cut off by a limit: send it as the continue parameter of the next list call to get the following page. Tokens expire; an expired one is answered with 410 Gone.',
      remainingItemCount:
        'For a paged list, roughly how many items are left after this page. Left out when the server cannot tell, for example when a label or field selector filtered the list.',
      resourceVersion:
        'The version of the collection as of this read; a watch started from it sees only the changes made after the list.',
      selfLink: 'Deprecated and left empty by the server; it used to hold the URL of the list.',
      shardInfo:
        'Present only when the list was read for a single shard of the collection (an alpha feature): it echoes the shard selector so that a client can combine the shards.',
    },
  },
  ShardInfo: {
    description: 'Tells which shard of a collection a list response covers (alpha).',
    properties: { selector: 'The shard selector from the request, returned unchanged.' },
  },
  LabelSelector: {
    description:
      'A query over labels. Both parts must hold for an object to match; an empty selector ({}) matches every object, while an absent one matches none.',
    properties: {
      matchExpressions: 'Requirements on label keys and values, all of which must be satisfied.',
      matchLabels:
        'Label key/value pairs an object must carry exactly. Each pair works like a matchExpressions entry with the In operator and a single value.',
    },
  },
  LabelSelectorRequirement: {
    description: 'One test applied to the value of a label key.',
    properties: {
      key: 'The label key the test looks at.',
      operator: 'The comparison to make: In, NotIn, Exists or DoesNotExist.',
      values:
        'The values for In and NotIn, which need at least one; for Exists and DoesNotExist the list must be empty.',
    },
  },
  OwnerReference: {
    description:
      'A link from an object to an object that owns it, used by the garbage collector. The owner must be in the same namespace or be cluster-scoped.',
    properties: {
      apiVersion: 'The group/version of the owner, such as apps/v1.',
      blockOwnerDeletion:
        'If true, deleting the owner in foreground mode waits until this object has been deleted. Setting it needs permission to delete the owner. Defaults to false.',
      controller: 'True when this owner is the controller managing the object; an object can have only one such owner.',
      kind: 'The kind of the owner, for example ReplicaSet.',
      name: 'The name of the owner.',
      uid: 'The uid of the owner. The link only counts while an object with exactly this uid exists.',
    },
  },
  Condition: {
    description:
      'One observation about an object in the common shape used across APIs: a type, whether it currently holds (True, False or Unknown), and why.',
    properties: {
      lastTransitionTime: 'When status last switched to a different value; checks that find the same value do not change it.',
      message: 'A readable explanation for people, which may be empty.',
      observedGeneration:
        'The metadata.generation the condition was computed from. A value below the object\'s current generation means the condition may be out of date.',
      reason: 'A short machine-readable CamelCase word giving the cause of the current status; it must not be empty.',
      status: 'Whether the condition holds: True, False or Unknown.',
      type:
        'What the condition is about, in CamelCase (Ready, Available, ...). Types owned by an extension carry a domain prefix, e.g. example.com/Synced.',
    },
  },
  ManagedFieldsEntry: {
    description: 'The set of fields one field manager owns in an object, as tracked by server-side apply.',
    properties: {
      apiVersion: 'The API version the field set is expressed in, since paths may differ from one version to another.',
      fieldsType: 'The encoding of the field set; FieldsV1 is the only one defined.',
      fieldsV1: 'The owned fields, as a FieldsV1 tree.',
      manager: 'The name of the client or controller owning these fields, e.g. kubectl or kube-controller-manager.',
      operation: 'How the fields came to be owned: Apply (server-side apply) or Update (any other write).',
      subresource: 'The subresource the writes were made through, such as status; empty for the object itself.',
      time: 'When the entry was created, moved forward whenever one of the owned fields is added, changed or removed.',
    },
  },
  FieldsV1: {
    description:
      'A set of field paths encoded as a JSON tree. Keys are "f:<field>" for a field, "k:<json>" for a list item picked by its key fields, "v:<json>" for a set value and "i:<n>" for a list index; "." stands for the node itself.',
  },
  Time: {
    description: 'A moment in time, written as an RFC 3339 string in UTC with one-second precision (for example 2024-05-01T12:00:00Z).',
  },
  MicroTime: {
    description: 'A moment in time, written as an RFC 3339 string with microsecond precision (for example 2024-05-01T12:00:00.123456Z).',
  },
  Status: {
    description:
      'The answer the server gives to calls that return no object, and to every failed call: whether it worked and, if not, why.',
    properties: {
      code: 'The HTTP status code of the answer, such as 404 or 409; 0 when not set.',
      details: 'More data about the failure, depending on reason; clients should not rely on it being present.',
      message: 'A readable description of what happened.',
      metadata: 'List-style metadata of the answer (resourceVersion and so on).',
      reason:
        'A machine-readable CamelCase word naming the failure, such as NotFound, AlreadyExists, Conflict, Invalid or Forbidden; empty when unknown.',
      status: 'Success or Failure.',
    },
  },
  StatusDetails: {
    description: 'Extra data that comes with a failed call, to say which object was affected and which fields were wrong.',
    properties: {
      causes: 'The individual problems behind the failure, for example one per invalid field.',
      group: 'The API group of the affected resource.',
      kind: 'The kind (or resource name) of the affected object.',
      name: 'The name of the affected object, when there is one.',
      retryAfterSeconds: 'How many seconds the client should wait before trying again, when the server suggests a retry.',
      uid: 'The uid of the affected object, when known.',
    },
  },
  StatusCause: {
    description: 'One reason a call failed, often tied to one field.',
    properties: {
      field: 'The path of the field at fault, like spec.containers[0].image; empty when no single field is to blame.',
      message: 'A readable explanation of this problem.',
      reason: 'A machine-readable word for the problem, such as FieldValueRequired or FieldValueInvalid.',
    },
  },
  DeleteOptions: {
    description: 'Options sent in the body (or query) of a delete call.',
    properties: {
      dryRun: 'When set to ["All"], every step of the deletion is checked but nothing is stored.',
      gracePeriodSeconds:
        'How many seconds the object gets to shut down before it is removed; 0 means at once. When unset the kind\'s own default is used (a pod\'s terminationGracePeriodSeconds).',
      ignoreStoreReadErrorWithClusterBreakingPotential:
        'If true, an object that can no longer be read from storage (undecodable or undecryptable) is removed anyway, skipping finalizers and admission. Dangerous; needs special permission.',
      orphanDependents:
        'Deprecated in favour of propagationPolicy: true means "Orphan", false means "Background".',
      preconditions: 'Conditions (uid, resourceVersion) the object must meet for the delete to go ahead.',
      propagationPolicy:
        'What happens to dependents: Orphan leaves them, Background deletes them after the owner, Foreground deletes them before the owner is removed. The default depends on the kind.',
    },
  },
  Preconditions: {
    description: 'Values an object must still have for an operation to go ahead; a mismatch makes the call fail with a conflict.',
    properties: {
      resourceVersion: 'The resourceVersion the object must currently have.',
      uid: 'The uid the object must have.',
    },
  },
  WatchEvent: {
    description: 'One change reported by a watch.',
    properties: {
      object:
        'The object after the change (ADDED, MODIFIED), its last state (DELETED), a bookmark carrying only a resourceVersion (BOOKMARK), or a Status (ERROR).',
      type: 'The kind of change: ADDED, MODIFIED, DELETED, BOOKMARK or ERROR.',
    },
  },
  FieldSelectorRequirement: {
    description: 'One test on the value of a field.',
    properties: {
      key: 'The path of the field tested.',
      operator: 'The comparison: In or NotIn (Exists and DoesNotExist are not supported for fields).',
      values: 'The values to compare with; needs at least one for In and NotIn.',
    },
  },
};

export const META_DESCRIPTIONS: DescriptionMap = {
  ...withPrefix('io.k8s.apimachinery.pkg.apis.meta.v1.', META),
  'io.k8s.apimachinery.pkg.api.resource.Quantity': {
    description:
      'An amount written as a number with an optional suffix: binary (Ki, Mi, Gi, Ti, Pi, Ei, powers of 1024), decimal (m for 1/1000, k, M, G, T, P, E) or an exponent (1e3). For example 250m CPU is a quarter core and 128Mi is 128 × 2^20 bytes.',
  },
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': {
    description: 'A value that may be written as a whole number or as a string, such as a port number or a port name, or a count or a percentage like "25%".',
  },
  'io.k8s.apimachinery.pkg.runtime.RawExtension': {
    description: 'An embedded object of any kind, kept as the JSON it was sent as.',
  },
  'io.k8s.apimachinery.pkg.version.Info': {
    description: 'The version of the server software, as served at /version.',
    properties: {
      buildDate: 'When the binary was built, as an RFC 3339 timestamp.',
      compiler: 'The Go compiler the binary was built with (gc for kube-apiserver).',
      emulationMajor: 'The major version the server emulates when it runs in compatibility mode.',
      emulationMinor: 'The minor version the server emulates when it runs in compatibility mode.',
      gitCommit: 'The source commit the binary was built from.',
      gitTreeState: 'Whether the source tree was clean or dirty at build time.',
      gitVersion: 'The full version string, e.g. v1.32.0.',
      goVersion: 'The Go release used for the build.',
      major: 'The major version number.',
      minCompatibilityMajor: 'The oldest major version this server can stay compatible with.',
      minCompatibilityMinor: 'The oldest minor version this server can stay compatible with.',
      minor: 'The minor version number, possibly with a suffix such as "+".',
      platform: 'The operating system and architecture, e.g. linux/amd64.',
    },
  },
};
