// kite's descriptions for networking (Ingress, IngressClass, NetworkPolicy), discovery
// (EndpointSlice), events/v1, RBAC, scheduling (PriorityClass), storage (StorageClass) and
// coordination (Lease).

import { type DescriptionMap, withPrefix } from './descriptions-util.js';

const NETWORKING: DescriptionMap = {
  Ingress: {
    description:
      'An Ingress routes HTTP and HTTPS traffic from outside the cluster to services, by host name and URL path, and can terminate TLS. An ingress controller must be running for it to have any effect.',
  },
  IngressSpec: {
    description: 'The routing rules of an ingress.',
    properties: {
      defaultBackend: 'Where requests that match no rule go. When unset, the ingress controller decides (often a 404 page).',
      ingressClassName:
        'The IngressClass, and so the controller, that handles this ingress. When unset, the class marked as default is used, if there is one.',
      rules: 'Host and path rules, checked against each request. With no rules, everything goes to defaultBackend.',
      tls: 'TLS settings: which hosts are served over HTTPS, with which certificate. Only port 443 is assumed.',
    },
  },
  IngressRule: {
    description: 'Routes the requests for one host (or for any host) by path.',
    properties: {
      host:
        'The host name requests must be sent to, as in the HTTP Host header; "*.example.com" matches one extra label in front of the domain. IP addresses are not allowed. When empty, the rule applies to every host.',
      http: 'The paths and the backends they lead to.',
    },
  },
  HTTPIngressRuleValue: {
    description: 'The HTTP paths of an ingress rule.',
    properties: { paths: 'Paths and the backends serving them.' },
  },
  HTTPIngressPath: {
    description: 'A path and the backend its requests are sent to.',
    properties: {
      backend: 'The service or resource that serves matching requests.',
      path: 'The URL path to match; it must start with "/" unless pathType is ImplementationSpecific.',
      pathType:
        'How path is compared: Exact (the whole path, case-sensitive), Prefix (by "/"-separated elements, so /foo matches /foo/bar but not /foobar) or ImplementationSpecific (up to the ingress class).',
    },
  },
  IngressBackend: {
    description: 'Where matching requests are sent: a service or another resource, not both.',
    properties: {
      resource: 'An object in the same namespace that serves the requests, such as a storage bucket; interpreted by the controller.',
      service: 'A service in the same namespace.',
    },
  },
  IngressServiceBackend: {
    description: 'A service used as an ingress backend.',
    properties: {
      name: 'The service\'s name, in the ingress\'s namespace.',
      port: 'The service port to send traffic to.',
    },
  },
  ServiceBackendPort: {
    description: 'A port of a service, by name or by number (not both).',
    properties: {
      name: 'The name of the service port.',
      number: 'The number of the service port.',
    },
  },
  IngressTLS: {
    description: 'The certificate for a set of hosts.',
    properties: {
      hosts: 'The host names covered by the certificate; they must match the rules\' hosts. Defaults to the controller\'s wildcard host.',
      secretName:
        'A kubernetes.io/tls Secret, in the ingress\'s namespace, with the certificate and key. It may be empty when the controller picks the certificate from SNI alone.',
    },
  },
  IngressStatus: {
    description: 'The observed state of an ingress.',
    properties: { loadBalancer: 'The addresses where the ingress can be reached.' },
  },
  IngressLoadBalancerStatus: {
    description: 'Where an ingress can be reached.',
    properties: { ingress: 'The entry points, by address or host name.' },
  },
  IngressLoadBalancerIngress: {
    description: 'One entry point of an ingress.',
    properties: {
      hostname: 'A DNS name of the entry point.',
      ip: 'An IP address of the entry point.',
      ports: 'The state of each port on this entry point.',
    },
  },
  IngressPortStatus: {
    description: 'The state of one port of an ingress entry point.',
    properties: {
      error: 'Why the port has a problem, as a CamelCase word (or domain-prefixed name); empty when it works.',
      port: 'The port number.',
      protocol: 'TCP, UDP or SCTP.',
    },
  },
  IngressClass: {
    description:
      'An IngressClass names a kind of ingress handling, with the controller that implements it and optional parameters. Ingresses choose it through ingressClassName; the annotation ingressclass.kubernetes.io/is-default-class marks the default one.',
  },
  IngressClassSpec: {
    description: 'Which controller implements an ingress class.',
    properties: {
      controller: 'The name of the controller, domain-prefixed, e.g. example.com/ingress-controller. Cannot be changed.',
      parameters: 'An object holding extra settings for the controller.',
    },
  },
  IngressClassParametersReference: {
    description: 'Points at the object holding an ingress class\'s settings.',
    properties: {
      apiGroup: 'The API group of the object; empty for the core group.',
      kind: 'The kind of the object.',
      name: 'The name of the object.',
      namespace: 'For Namespace scope: the object\'s namespace.',
      scope: 'Cluster (the default, a cluster-scoped object) or Namespace.',
    },
  },
  NetworkPolicy: {
    description:
      'A NetworkPolicy restricts which network traffic the pods it selects may receive and send. Pods selected by no policy accept everything; it takes a network plugin that implements policies.',
    properties: { spec: 'Which pods the policy applies to and the traffic it allows.' },
  },
  NetworkPolicySpec: {
    description: 'The pods a policy isolates and the traffic it allows them. Policies are additive: traffic is allowed if any policy allows it.',
    properties: {
      egress:
        'Rules for outgoing traffic: a connection is allowed when it matches at least one. With policyTypes including Egress and no rules, no outgoing traffic is allowed.',
      ingress:
        'Rules for incoming traffic: a connection is allowed when it matches at least one. With policyTypes including Ingress and no rules, no incoming traffic is allowed.',
      podSelector: 'The pods of the namespace the policy applies to. An empty selector selects every pod of the namespace.',
      policyTypes:
        'Which directions the policy isolates: Ingress, Egress or both. When unset, Ingress is always included, and Egress only when egress rules are given.',
    },
  },
  NetworkPolicyIngressRule: {
    description: 'Allows incoming traffic that matches both its sources and its ports.',
    properties: {
      from: 'Allowed sources; any one of them is enough. Empty or unset means any source.',
      ports: 'Allowed destination ports; any one is enough. Empty or unset means every port.',
    },
  },
  NetworkPolicyEgressRule: {
    description: 'Allows outgoing traffic that matches both its destinations and its ports.',
    properties: {
      ports: 'Allowed destination ports; any one is enough. Empty or unset means every port.',
      to: 'Allowed destinations; any one of them is enough. Empty or unset means any destination.',
    },
  },
  NetworkPolicyPeer: {
    description:
      'A source or destination of traffic: selected pods, selected namespaces, both together, or an address block.',
    properties: {
      ipBlock: 'An address range; cannot be combined with the selectors.',
      namespaceSelector:
        'Namespaces whose pods match. Together with podSelector, only the selected pods of these namespaces; empty selects every namespace.',
      podSelector:
        'Pods that match, in the policy\'s namespace unless namespaceSelector is also set. Empty selects every pod.',
    },
  },
  IPBlock: {
    description: 'A range of IP addresses, optionally with holes.',
    properties: {
      cidr: 'The range, in CIDR notation such as 192.168.0.0/16 or 2001:db8::/64.',
      except: 'Sub-ranges excluded from cidr, also in CIDR notation.',
    },
  },
  NetworkPolicyPort: {
    description: 'A port, or range of ports, traffic may use.',
    properties: {
      endPort: 'The last port of a range starting at port; port must then be a number, and endPort at least port.',
      port: 'A port number or a named container port. When unset, every port matches.',
      protocol: 'TCP, UDP or SCTP. Defaults to TCP.',
    },
  },
};

const DISCOVERY: DescriptionMap = {
  EndpointSlice: {
    description:
      'An EndpointSlice lists some of the network endpoints (addresses, ports, readiness) behind a service. A service\'s endpoints are spread over several slices, found by the kubernetes.io/service-name label.',
    properties: {
      addressType: 'The kind of addresses in the slice: IPv4, IPv6 or FQDN (deprecated). Cannot be changed.',
      endpoints: 'The endpoints in the slice; at most 1000.',
      ports:
        'The ports every endpoint of the slice serves. An empty list means no ports; a port with no number means all ports. At most 100.',
    },
  },
  Endpoint: {
    description: 'One endpoint of a service, usually a pod.',
    properties: {
      addresses: 'The endpoint\'s addresses (1 to 100), all of the slice\'s addressType and interchangeable; clients may simply take the first.',
      conditions: 'Whether the endpoint is ready, serving and terminating.',
      deprecatedTopology: 'Deprecated topology labels kept for compatibility with the v1beta1 API; use nodeName and zone.',
      hints: 'Hints for proxies on which clients should use the endpoint (topology aware routing).',
      hostname: 'A hostname for the endpoint, for DNS records; a DNS label.',
      nodeName: 'The node hosting the endpoint.',
      targetRef: 'The object the endpoint stands for, usually a pod.',
      zone: 'The zone the endpoint is in.',
    },
  },
  EndpointConditions: {
    description: 'The state of one endpoint.',
    properties: {
      ready:
        'Whether the endpoint should receive traffic: normally serving and not terminating. Unset means unknown, to be read as ready. Services with publishNotReadyAddresses always say true.',
      serving:
        'Whether the endpoint can take traffic according to its readiness, even while it is terminating. Unset means unknown, to be read as serving.',
      terminating: 'Whether the endpoint is shutting down. Unset means unknown, to be read as not terminating.',
    },
  },
  EndpointHints: {
    description: 'Where the endpoint should be used from.',
    properties: {
      forNodes: 'Nodes whose clients should use the endpoint (alpha).',
      forZones: 'Zones whose clients should use the endpoint.',
    },
  },
  ForZone: {
    description: 'A zone, in topology hints.',
    properties: { name: 'The zone\'s name.' },
  },
  ForNode: {
    description: 'A node, in topology hints.',
    properties: { name: 'The node\'s name.' },
  },
  EndpointPort: {
    description: 'A port every endpoint of a slice serves.',
    properties: {
      appProtocol: 'The application protocol, as in a service port (IANA name, kubernetes.io/h2c, ws, wss, or a domain-prefixed name).',
      name: 'The name of the matching service port; empty only when the service has one port.',
      port: 'The port number; unset means every port.',
      protocol: 'TCP, UDP or SCTP. Defaults to TCP.',
    },
  },
};

const EVENTS: DescriptionMap = {
  Event: {
    description:
      'An Event reports something that happened in the cluster, such as a pod being scheduled or a container crashing. This is the newer form of the core Event; both views show the same objects. Events are kept only for a limited time.',
    properties: {
      action: 'What was done, or failed, about the object, e.g. Binding or Pulling; at most 128 characters.',
      deprecatedCount: 'Deprecated: the count of the older core Event.',
      deprecatedFirstTimestamp: 'Deprecated: the firstTimestamp of the older core Event.',
      deprecatedLastTimestamp: 'Deprecated: the lastTimestamp of the older core Event.',
      deprecatedSource: 'Deprecated: the source of the older core Event.',
      eventTime: 'When the event first happened, with microsecond precision. Required.',
      note: 'A readable description of what happened; at most 1 KiB.',
      reason: 'A short CamelCase word for what happened, such as Scheduled or BackOff; at most 128 characters.',
      regarding: 'The object the event is about.',
      related: 'A second object involved, if any.',
      reportingController: 'Which controller wrote the event, such as kubernetes.io/kubelet; new events must name one.',
      reportingInstance: 'The instance of that controller, e.g. kubelet-<node>. Required for new events.',
      series: 'For an event that keeps repeating: how often and until when.',
      type: 'Normal or Warning; other values may be added later.',
    },
  },
  EventSeries: {
    description: 'Data about an event that repeats, updated periodically while it does.',
    properties: {
      count: 'How many times it has happened so far.',
      lastObservedTime: 'When it was last seen.',
    },
  },
};

const RBAC_RULES = 'The permissions the role grants.';

const RBAC: DescriptionMap = {
  Role: {
    description: 'A Role is a set of permissions on resources of one namespace. A RoleBinding grants it to users, groups or service accounts.',
    properties: { rules: RBAC_RULES },
  },
  ClusterRole: {
    description:
      'A ClusterRole is a set of permissions that can be granted in every namespace or, through a ClusterRoleBinding, cluster-wide, including on cluster-scoped resources and non-resource URLs.',
    properties: {
      aggregationRule:
        'When set, the rules are not edited by hand: the controller fills them with the union of the rules of the ClusterRoles this selects.',
      rules: RBAC_RULES,
    },
  },
  AggregationRule: {
    description: 'How an aggregated ClusterRole collects its rules.',
    properties: { clusterRoleSelectors: 'Labels of the ClusterRoles whose rules are added; a role matching any selector counts.' },
  },
  PolicyRule: {
    description:
      'One permission: a set of verbs allowed on a set of resources (or non-resource URLs). Permissions only add up; nothing can be denied.',
    properties: {
      apiGroups: 'The API groups of the resources; "" is the core group and "*" means all groups.',
      nonResourceURLs:
        'URL paths that are not resources, such as /healthz or /api/*; a trailing "*" matches any ending. Only valid in ClusterRoles bound by ClusterRoleBindings, and only with resources left empty.',
      resourceNames: 'Names of objects the rule is limited to. When empty, any object is allowed.',
      resources:
        'The resource types, such as pods or deployments; "pods/log" names a subresource and "*" means all resources.',
      verbs: 'The allowed actions, such as get, list, watch, create, update, patch and delete; "*" means all.',
    },
  },
  RoleBinding: {
    description:
      'A RoleBinding grants the permissions of a Role, or of a ClusterRole, to subjects within the binding\'s namespace.',
    properties: {
      roleRef: 'The Role in the same namespace, or the ClusterRole, being granted. It cannot be changed; delete and recreate the binding instead.',
      subjects: 'The users, groups and service accounts that receive the permissions.',
    },
  },
  ClusterRoleBinding: {
    description: 'A ClusterRoleBinding grants the permissions of a ClusterRole to subjects in the whole cluster.',
    properties: {
      roleRef: 'The ClusterRole being granted. It cannot be changed; delete and recreate the binding instead.',
      subjects: 'The users, groups and service accounts that receive the permissions.',
    },
  },
  RoleRef: {
    description: 'Points at the role a binding grants.',
    properties: {
      apiGroup: 'The role\'s API group: rbac.authorization.k8s.io.',
      kind: 'Role or ClusterRole.',
      name: 'The role\'s name.',
    },
  },
  Subject: {
    description: 'Who a binding grants permissions to: a user, a group or a service account.',
    properties: {
      apiGroup:
        'The API group of the subject: rbac.authorization.k8s.io for users and groups (the default for them), empty for service accounts.',
      kind: 'User, Group or ServiceAccount.',
      name: 'The name of the user, group or service account.',
      namespace: 'For a service account: its namespace. Must be empty for users and groups.',
    },
  },
};

const SCHEDULING: DescriptionMap = {
  PriorityClass: {
    description:
      'A PriorityClass maps a name to a priority value that pods take on through priorityClassName. Higher-priority pods are scheduled first and may preempt lower-priority ones.',
    properties: {
      description: 'Free text telling people when to use this class.',
      globalDefault:
        'If true, pods that name no priority class get this one. At most one class should have it; if several do, the lowest value is used.',
      preemptionPolicy:
        'Whether pods of this class may evict lower-priority pods: PreemptLowerPriority (the default) or Never.',
      value:
        'The priority given to pods of this class; higher means more important. User classes may use up to 1000000000; larger values are kept for system-critical classes.',
    },
  },
};

const STORAGE: DescriptionMap = {
  StorageClass: {
    description:
      'A StorageClass describes a kind of storage that claims can ask for: which provisioner creates the volumes, with which parameters and policies. Most fields cannot change after creation.',
    properties: {
      allowVolumeExpansion: 'Whether claims of this class may be resized by raising their storage request.',
      allowedTopologies:
        'Where volumes may be provisioned, by topology label (for example zones). When empty, anywhere the provisioner supports.',
      mountOptions: 'Mount options given to volumes provisioned from this class, such as ro or soft; they are not validated.',
      parameters: 'Settings passed to the provisioner as they are, such as a disk type; at most 512 entries and 256 KiB in total.',
      provisioner: 'The name of the provisioner (usually a CSI driver) that creates volumes of this class.',
      reclaimPolicy: 'The reclaim policy given to provisioned volumes: Delete (the default) or Retain.',
      volumeBindingMode:
        'When claims are bound and provisioned: Immediate (the default, as soon as the claim is created) or WaitForFirstConsumer (once a pod using the claim is scheduled, so the volume lands where the pod can use it).',
    },
  },
};

const COORDINATION: DescriptionMap = {
  Lease: {
    description:
      'A Lease is a lightweight lock with an expiry, used for leader election among controller replicas and for node heartbeats (one per node in kube-node-lease).',
  },
  LeaseSpec: {
    description: 'Who holds a lease and for how long.',
    properties: {
      acquireTime: 'When the current holder took the lease.',
      holderIdentity: 'The identity of the current holder.',
      leaseDurationSeconds: 'How many seconds after renewTime the lease expires, so others may take it over.',
      leaseTransitions: 'How many times the lease has changed holders.',
      preferredHolder:
        'A candidate the current holder should hand over to, in coordinated leader election; only used with strategy.',
      renewTime: 'When the holder last renewed the lease.',
      strategy: 'How the next holder is picked in coordinated leader election, such as OldestEmulationVersion.',
    },
  },
};

export const MISC_DESCRIPTIONS: DescriptionMap = {
  ...withPrefix('io.k8s.api.networking.v1.', NETWORKING),
  ...withPrefix('io.k8s.api.discovery.v1.', DISCOVERY),
  ...withPrefix('io.k8s.api.events.v1.', EVENTS),
  ...withPrefix('io.k8s.api.rbac.v1.', RBAC),
  ...withPrefix('io.k8s.api.scheduling.v1.', SCHEDULING),
  ...withPrefix('io.k8s.api.storage.v1.', STORAGE),
  ...withPrefix('io.k8s.api.coordination.v1.', COORDINATION),
};
