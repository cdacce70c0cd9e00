// kite's descriptions for the rest of core/v1: services, config maps and secrets,
// namespaces, nodes, persistent volumes and claims, events, endpoints, service accounts,
// quotas, limit ranges and replication controllers.

import { type DescriptionMap, withPrefix } from './descriptions-util.js';

const ACCESS_MODES =
  'ReadWriteOnce (read-write by one node), ReadOnlyMany (read-only by many nodes), ReadWriteMany (read-write by many nodes) or ReadWriteOncePod (read-write by a single pod)';

const CORE: DescriptionMap = {
  Service: {
    description:
      'A Service gives a set of pods, usually chosen by labels, one stable virtual address and DNS name, and spreads the connections made to its ports over those pods.',
  },
  ServiceSpec: {
    description: 'How a service is exposed and which pods receive its traffic.',
    properties: {
      allocateLoadBalancerNodePorts:
        'For type LoadBalancer: whether node ports are allocated as well. Set it to false when the load balancer sends traffic straight to the pods. Defaults to true.',
      clusterIP:
        'The virtual IP address of the service inside the cluster. Left empty, one is allocated; "None" makes a headless service whose DNS name resolves to the pods directly. It can only be changed by changing the type to or from ExternalName.',
      clusterIPs:
        'The service\'s virtual addresses, at most one per IP family (for dual-stack); the first always equals clusterIP. Allocated like clusterIP when left empty.',
      externalIPs:
        'Extra addresses, not managed by kite, on which nodes accept traffic for this service\'s ports; routing them to a node is up to the network.',
      externalName:
        'For type ExternalName: the DNS name the service\'s name is an alias (CNAME) of, such as db.example.com. No proxying takes place.',
      externalTrafficPolicy:
        'How traffic arriving from outside (node ports, load balancer, external IPs) is routed: Cluster (the default, to any ready pod, hiding the client address) or Local (only to pods on the receiving node, keeping the client address).',
      healthCheckNodePort:
        'For type LoadBalancer with externalTrafficPolicy Local: the node port serving health checks that tell the load balancer which nodes have local pods. Allocated when not set.',
      internalTrafficPolicy:
        'How traffic from inside the cluster to the cluster IP is routed: Cluster (the default, to any ready pod) or Local (only to pods on the same node as the client, dropping it when there are none).',
      ipFamilies:
        'The IP families the service uses, IPv4 and/or IPv6, in order of preference. Filled in from ipFamilyPolicy and the cluster\'s configuration when left empty.',
      ipFamilyPolicy:
        'How many IP families the service gets: SingleStack (the default, one), PreferDualStack (two when the cluster supports it) or RequireDualStack (two, or fail).',
      loadBalancerClass:
        'For type LoadBalancer: which load balancer implementation handles the service, as a domain-prefixed name. When unset, the default (cloud provider) implementation does. Cannot be changed.',
      loadBalancerIP:
        'Deprecated: an address requested from the load balancer implementation; its support varies. Use the implementation\'s own annotations instead.',
      loadBalancerSourceRanges:
        'For type LoadBalancer: client address ranges (CIDRs) allowed to reach the load balancer, where the implementation supports it.',
      ports: 'The ports the service exposes and the pod ports they are forwarded to.',
      publishNotReadyAddresses:
        'If true, pods are published in the service\'s endpoints (and DNS) even while not ready, for example so that peers of a StatefulSet can find each other during startup. Defaults to false.',
      selector:
        'Labels of the pods traffic is sent to. When empty, kite manages no endpoints for the service and they must be supplied by other means. Ignored for type ExternalName.',
      sessionAffinity:
        'Whether connections from one client keep going to the same pod: None (the default) or ClientIP (chosen by client address).',
      sessionAffinityConfig: 'Settings of the session affinity, such as how long it lasts.',
      trafficDistribution:
        'A hint on how to prefer endpoints: PreferClose sends traffic to endpoints in the client\'s zone when possible. Implementations may ignore it; unset means their default.',
      type:
        'How the service is exposed: ClusterIP (the default, a virtual address inside the cluster), NodePort (also a port on every node), LoadBalancer (also an external load balancer, when the environment provides one) or ExternalName (a DNS alias of externalName, without proxying).',
    },
  },
  ServicePort: {
    description: 'One port a service exposes.',
    properties: {
      appProtocol:
        'The application protocol of the port, as a hint to implementations: an IANA service name (http, https, ...), a kubernetes.io name (kubernetes.io/h2c, kubernetes.io/ws, kubernetes.io/wss) or a domain-prefixed custom name.',
      name: 'The port\'s name, a DNS label unique in the service. Required when the service has more than one port; endpoints use it.',
      nodePort:
        'For types NodePort and LoadBalancer: the port opened on every node for this service port. Allocated from the node port range (30000-32767 by default) when not set.',
      port: 'The port number the service listens on, 1 to 65535.',
      protocol: 'TCP, UDP or SCTP. Defaults to TCP.',
      targetPort:
        'The port on the pods traffic is sent to, as a number or as the name of a container port. Defaults to the same value as port; ignored for headless services.',
    },
  },
  ServiceStatus: {
    description: 'The observed state of a service.',
    properties: {
      conditions: 'Conditions of the service, in the standard shape.',
      loadBalancer: 'The addresses of the external load balancer, once it exists.',
    },
  },
  SessionAffinityConfig: {
    description: 'Settings for session affinity.',
    properties: { clientIP: 'Settings for ClientIP affinity.' },
  },
  ClientIPConfig: {
    description: 'Settings for affinity by client address.',
    properties: { timeoutSeconds: 'How long, in seconds, a client stays tied to one pod without new traffic: 1 to 86400. Defaults to 10800 (3 hours).' },
  },
  LoadBalancerStatus: {
    description: 'Where a load balancer can be reached.',
    properties: { ingress: 'The load balancer\'s entry points: addresses or host names.' },
  },
  LoadBalancerIngress: {
    description: 'One entry point of a load balancer.',
    properties: {
      hostname: 'A DNS name, for load balancers reached by name.',
      ip: 'An IP address, for load balancers reached by address.',
      ipMode:
        'How traffic to ip reaches the nodes: VIP (addressed to the load balancer IP itself, so nodes may short-cut it) or Proxy (addressed to a node or pod, as a proxying load balancer does). Only with ip.',
      ports: 'The state of each of the service\'s ports on this entry point.',
    },
  },
  PortStatus: {
    description: 'The state of one port of a load balancer or ingress.',
    properties: {
      error: 'Why the port has a problem, as a CamelCase word (or domain-prefixed name); empty when it works.',
      port: 'The port number.',
      protocol: 'TCP, UDP or SCTP.',
    },
  },
  ConfigMap: {
    description:
      'A ConfigMap holds non-secret configuration as named strings or byte arrays, which pods read as environment variables, command arguments or files. Its whole content is limited to 1 MiB.',
    properties: {
      binaryData:
        'Entries holding arbitrary bytes, base64-encoded in JSON and YAML. Keys are letters, digits, "-", "_" and "." and must differ from those in data.',
      data: 'Entries holding UTF-8 text. Keys are letters, digits, "-", "_" and "." and must differ from those in binaryData.',
      immutable:
        'If true, data and binaryData can no longer be changed (only the object\'s metadata can); the object has to be deleted and recreated. It cannot be set back to false.',
    },
  },
  Secret: {
    description:
      'A Secret holds a small amount of sensitive data, such as passwords, tokens or keys, for pods to read as files or environment variables. Its content is limited to 1 MiB.',
    properties: {
      data: 'The secret entries, with values base64-encoded in JSON and YAML. Keys are letters, digits, "-", "_" and ".".',
      immutable:
        'If true, data can no longer be changed (only the object\'s metadata can). It cannot be set back to false.',
      stringData:
        'A write-only convenience: entries given as plain strings are merged into data on write, replacing entries of the same key. It is never returned on reads.',
      type:
        'What the secret holds, which decides the keys it must have: Opaque (the default, anything), kubernetes.io/service-account-token, kubernetes.io/dockercfg, kubernetes.io/dockerconfigjson, kubernetes.io/basic-auth, kubernetes.io/ssh-auth, kubernetes.io/tls or bootstrap.kubernetes.io/token. Cannot be changed.',
    },
  },
  ServiceAccount: {
    description:
      'A ServiceAccount is an identity for processes in pods, which they present to the API server with tokens issued for it; RBAC bindings grant it permissions.',
    properties: {
      automountServiceAccountToken:
        'Whether pods running as this account get an API token mounted by default. A pod\'s own setting takes precedence. Defaults to true.',
      imagePullSecrets:
        'Secrets with registry credentials that are added to the imagePullSecrets of every pod using this account.',
      secrets:
        'Deprecated: Secrets linked to the account, such as legacy long-lived token secrets. Pods no longer need them; use short-lived projected tokens instead.',
    },
  },
  Namespace: {
    description:
      'A Namespace partitions the cluster: the names of namespaced objects only need to be unique within one, and policies, quotas and access rules can be set per namespace.',
  },
  NamespaceSpec: {
    description: 'The desired state of a namespace.',
    properties: {
      finalizers:
        'Cleanup tasks that must finish before the namespace can be removed for good; the "kubernetes" finalizer removes every object the namespace holds.',
    },
  },
  NamespaceStatus: {
    description: 'The observed state of a namespace.',
    properties: {
      conditions: 'Conditions describing problems while the namespace is being deleted.',
      phase: 'Active (in use) or Terminating (being deleted; no new objects may be created in it).',
    },
  },
  NamespaceCondition: {
    description: 'One observation about a namespace, mostly about the progress of its deletion.',
    properties: {
      lastTransitionTime: 'When status last changed.',
      message: 'A readable explanation.',
      reason: 'A short CamelCase word for the cause.',
      status: 'True, False or Unknown.',
      type:
        'What the condition is about: NamespaceDeletionDiscoveryFailure, NamespaceDeletionContentFailure, NamespaceDeletionGroupVersionParsingFailure, NamespaceContentRemaining or NamespaceFinalizersRemaining.',
    },
  },
  Node: {
    description:
      'A Node is a machine, physical or virtual, on which pods run. Its kubelet registers it and keeps its status (capacity, conditions, addresses) up to date.',
  },
  NodeSpec: {
    description: 'How a node is configured for scheduling.',
    properties: {
      configSource: 'Deprecated: dynamic kubelet configuration was removed and this field is ignored.',
      externalID: 'Deprecated and unused.',
      podCIDR: 'The address range assigned to pods on this node; the first entry of podCIDRs.',
      podCIDRs: 'The address ranges assigned to pods on this node, at most one per IP family. Once set they cannot be changed.',
      providerID: 'The cloud provider\'s identifier of the machine, as <provider>://<id>.',
      taints: 'Taints that repel pods which do not tolerate them.',
      unschedulable:
        'If true, no new pods are scheduled on the node (what kubectl cordon sets); pods already running are left alone. Defaults to false.',
    },
  },
  NodeStatus: {
    description: 'The observed state of a node, reported by its kubelet.',
    properties: {
      addresses: 'The node\'s addresses, by type (InternalIP, ExternalIP, Hostname, ...).',
      allocatable:
        'The part of the capacity available to pods, after what is reserved for the system and the kubelet. The scheduler places pods against it.',
      capacity: 'The total resources of the node: cpu, memory, ephemeral-storage, pods (how many may run), hugepages and extended resources.',
      conditions: 'The node\'s conditions, such as Ready, MemoryPressure, DiskPressure, PIDPressure and NetworkUnavailable.',
      config: 'Deprecated: the state of dynamic kubelet configuration, which was removed.',
      daemonEndpoints: 'The ports the node\'s daemons (the kubelet) listen on.',
      declaredFeatures: 'Feature names the node says it supports, for the scheduler and admission to check pods against.',
      features: 'Optional features the node supports.',
      images: 'Container images present on the node, with their sizes.',
      nodeInfo: 'Facts about the machine and the software it runs, such as the kernel, runtime and kubelet versions.',
      phase: 'Deprecated and no longer set: Pending, Running or Terminated.',
      runtimeHandlers: 'The runtime handlers the container runtime offers and their features.',
      volumesAttached: 'Volumes attached to the node.',
      volumesInUse: 'Volumes the node is using (mounted or about to be).',
    },
  },
  NodeAddress: {
    description: 'One address of a node.',
    properties: {
      address: 'The address itself.',
      type: 'What kind of address it is: Hostname, InternalIP, ExternalIP, InternalDNS or ExternalDNS.',
    },
  },
  NodeCondition: {
    description: 'One observation about a node.',
    properties: {
      lastHeartbeatTime: 'When the kubelet last reported this condition.',
      lastTransitionTime: 'When status last changed.',
      message: 'A readable explanation.',
      reason: 'A short CamelCase word for the cause.',
      status: 'True, False or Unknown (Unknown when the node stopped reporting).',
      type: 'What the condition is about: Ready, MemoryPressure, DiskPressure, PIDPressure or NetworkUnavailable.',
    },
  },
  NodeConfigSource: {
    description: 'Deprecated: where a node\'s kubelet configuration came from under dynamic kubelet configuration.',
    properties: { configMap: 'A ConfigMap holding the configuration.' },
  },
  ConfigMapNodeConfigSource: {
    description: 'Deprecated: a ConfigMap used as a kubelet configuration source.',
    properties: {
      kubeletConfigKey: 'The key of the ConfigMap holding the KubeletConfiguration.',
      name: 'The ConfigMap\'s name.',
      namespace: 'The ConfigMap\'s namespace.',
      resourceVersion: 'The ConfigMap\'s resourceVersion, in status only.',
      uid: 'The ConfigMap\'s uid, in status only.',
    },
  },
  NodeConfigStatus: {
    description: 'Deprecated: the state of dynamic kubelet configuration.',
    properties: {
      active: 'The configuration in use.',
      assigned: 'The configuration the node was asked to use.',
      error: 'A problem applying the configuration.',
      lastKnownGood: 'The configuration to fall back to.',
    },
  },
  NodeDaemonEndpoints: {
    description: 'The ports daemons on a node listen on.',
    properties: { kubeletEndpoint: 'The kubelet\'s port.' },
  },
  DaemonEndpoint: {
    description: 'A port a daemon listens on.',
    properties: { Port: 'The port number.' },
  },
  NodeFeatures: {
    description: 'Optional features a node supports.',
    properties: { supplementalGroupsPolicy: 'Whether the node honours the pod securityContext\'s supplementalGroupsPolicy.' },
  },
  NodeRuntimeHandler: {
    description: 'A runtime handler the node\'s container runtime offers.',
    properties: {
      features: 'What the handler supports.',
      name: 'What the handler is called; the default one has an empty name.',
    },
  },
  NodeRuntimeHandlerFeatures: {
    description: 'Features of a runtime handler.',
    properties: {
      recursiveReadOnlyMounts: 'Whether the handler can make read-only mounts read-only recursively.',
      userNamespaces: 'Whether the handler can run pods in their own user namespace (hostUsers false).',
    },
  },
  NodeSwapStatus: {
    description: 'The swap space of a node.',
    properties: { capacity: 'The total swap, in bytes.' },
  },
  NodeSystemInfo: {
    description: 'Facts about a node\'s machine and software.',
    properties: {
      architecture: 'The CPU architecture, e.g. amd64 or arm64.',
      bootID: 'An id that changes every time the machine boots.',
      containerRuntimeVersion: 'The container runtime and its version, as <runtime>://<version>.',
      kernelVersion: 'The kernel release, as uname -r reports it.',
      kubeProxyVersion: 'Deprecated and unreliable: the kube-proxy version the kubelet assumed.',
      kubeletVersion: 'The kubelet\'s version.',
      machineID: 'The machine id, from /etc/machine-id.',
      operatingSystem: 'The operating system, linux or windows.',
      osImage: 'The operating system distribution, from /etc/os-release.',
      swap: 'The node\'s swap space.',
      systemUUID: 'The hardware UUID reported by the machine.',
    },
  },
  AttachedVolume: {
    description: 'A volume that has been attached to the node by the attach/detach controller.',
    properties: {
      devicePath: 'Where the volume\'s device appears on the node.',
      name: 'The volume\'s unique name.',
    },
  },
  ContainerImage: {
    description: 'An image present on a node.',
    properties: {
      names: 'The names and digests the image is known by.',
      sizeBytes: 'The image\'s size, in bytes.',
    },
  },
  Taint: {
    description: 'A mark on a node that keeps away pods which do not tolerate it.',
    properties: {
      effect:
        'What happens to pods that do not tolerate it: NoSchedule (new pods are not placed on the node), PreferNoSchedule (avoided when possible) or NoExecute (running pods are also evicted).',
      key: 'The taint\'s key.',
      timeAdded: 'When the taint was added; set for NoExecute taints.',
      value: 'The taint\'s value.',
    },
  },
  PersistentVolume: {
    description:
      'A PersistentVolume is a piece of storage in the cluster, created by an administrator or provisioned for a claim, which a PersistentVolumeClaim binds to.',
  },
  PersistentVolumeSpec: {
    description: 'The storage a persistent volume provides and how it is used. Exactly one storage source is set.',
    properties: {
      accessModes: `How the volume may be mounted: ${ACCESS_MODES}.`,
      awsElasticBlockStore: 'An AWS EBS disk (deprecated, served by the CSI driver).',
      azureDisk: 'An Azure data disk (deprecated, served by the CSI driver).',
      azureFile: 'An Azure File share (deprecated, served by the CSI driver).',
      capacity: 'How much storage the volume offers, as a quantity under the key "storage".',
      cephfs: 'A CephFS mount (no longer supported).',
      cinder: 'An OpenStack Cinder volume (deprecated, served by the CSI driver).',
      claimRef:
        'The claim the volume is bound to. Setting it by hand reserves the volume for that claim (pre-binding).',
      csi: 'A volume provided by a CSI driver.',
      fc: 'A Fibre Channel disk.',
      flexVolume: 'A volume mounted by a FlexVolume driver (deprecated).',
      flocker: 'A Flocker dataset (no longer supported).',
      gcePersistentDisk: 'A GCE persistent disk (deprecated, served by the CSI driver).',
      glusterfs: 'A GlusterFS mount (no longer supported).',
      hostPath: 'A directory on one node; fit only for trying things out on a one-node cluster.',
      iscsi: 'An iSCSI disk.',
      local: 'Storage local to one node; needs nodeAffinity.',
      mountOptions: 'Mount options used when the volume is mounted, such as hard or nfsvers=4.1; they are not validated.',
      nfs: 'An NFS export.',
      nodeAffinity: 'Which nodes can reach the volume; pods using it are scheduled there.',
      persistentVolumeReclaimPolicy:
        'What happens to the volume when its claim is deleted: Retain (kept for manual recovery), Delete (the storage is deleted) or Recycle (deprecated: wiped and made available again). Dynamically provisioned volumes default to Delete, others to Retain.',
      photonPersistentDisk: 'A Photon Controller disk (no longer supported).',
      portworxVolume: 'A Portworx volume (deprecated, served by the CSI driver).',
      quobyte: 'A Quobyte mount (no longer supported).',
      rbd: 'A Ceph RBD image (no longer supported).',
      scaleIO: 'A ScaleIO volume (no longer supported).',
      storageClassName: 'The StorageClass the volume belongs to; only claims asking for this class can bind to it. Empty means no class.',
      storageos: 'A StorageOS volume (no longer supported).',
      volumeAttributesClassName:
        'The VolumeAttributesClass whose parameters (such as IOPS) the volume has; can be changed to modify a volume in place (beta).',
      volumeMode: 'Filesystem (the default, mounted as a directory) or Block (handed to the pod as a raw device).',
      vsphereVolume: 'A vSphere VMDK (deprecated, served by the CSI driver).',
    },
  },
  PersistentVolumeStatus: {
    description: 'The observed state of a persistent volume.',
    properties: {
      lastPhaseTransitionTime: 'When phase last changed.',
      message: 'A readable explanation of the phase.',
      phase:
        'Pending (not available yet), Available (free to bind), Bound (bound to a claim), Released (its claim was deleted but it was not reclaimed yet) or Failed (automatic reclamation failed).',
      reason: 'A short CamelCase word explaining a failure.',
    },
  },
  PersistentVolumeClaim: {
    description:
      'A PersistentVolumeClaim is a request for storage by a user: a size, access modes and a class, which kite satisfies by binding it to a PersistentVolume (provisioning one when the class allows). Pods mount the storage through the claim.',
  },
  PersistentVolumeClaimSpec: {
    description: 'What storage a claim asks for.',
    properties: {
      accessModes: `How the volume must be mountable: ${ACCESS_MODES}.`,
      dataSource:
        'An existing VolumeSnapshot or PersistentVolumeClaim (in the same namespace) to fill the new volume from. Kept in sync with dataSourceRef when that one is a core or snapshot object.',
      dataSourceRef:
        'An object to fill the new volume from: like dataSource, but it may also name a volume populator\'s custom resource, and a namespace when cross-namespace sources are enabled.',
      resources: 'The storage size requested (requests.storage), and optionally a limit. Raising the request expands the volume if its class allows it.',
      selector: 'Labels an existing volume must have to be bound to this claim.',
      storageClassName:
        'The StorageClass to provision from or bind to. Unset means the cluster\'s default class; an empty string means a volume without class.',
      volumeAttributesClassName:
        'The VolumeAttributesClass to apply to the volume (beta). Changing it asks the driver to modify the volume.',
      volumeMode: 'Filesystem (the default) or Block.',
      volumeName: 'A specific PersistentVolume to bind to.',
    },
  },
  PersistentVolumeClaimStatus: {
    description: 'The observed state of a claim.',
    properties: {
      accessModes: 'The access modes of the bound volume.',
      allocatedResourceStatuses:
        'The state of a pending resize, by resource: ControllerResizeInProgress, ControllerResizeInfeasible, NodeResizePending, NodeResizeInProgress or NodeResizeInfeasible.',
      allocatedResources: 'The size the system has accepted for the volume, which can be more than capacity while a resize is underway.',
      capacity: 'The actual size of the bound volume.',
      conditions: 'Conditions of the claim, such as Resizing, FileSystemResizePending, ModifyingVolume or ModifyVolumeError.',
      currentVolumeAttributesClassName: 'The VolumeAttributesClass the volume currently has.',
      modifyVolumeStatus: 'The state of a change of volumeAttributesClassName that is in progress.',
      phase: 'Pending (not bound yet), Bound (bound to a volume) or Lost (its volume disappeared).',
    },
  },
  PersistentVolumeClaimCondition: {
    description: 'One observation about a claim.',
    properties: {
      lastProbeTime: 'When the condition was last checked.',
      lastTransitionTime: 'When status last changed.',
      message: 'A readable explanation.',
      reason: 'A short CamelCase word for the cause, such as Resizing.',
      status: 'True, False or Unknown.',
      type: 'What the condition is about: Resizing, FileSystemResizePending, ModifyingVolume or ModifyVolumeError.',
    },
  },
  ModifyVolumeStatus: {
    description: 'The progress of a volume attribute change.',
    properties: {
      status: 'Pending (waiting, for example for the class to exist), InProgress or Infeasible (rejected by the driver).',
      targetVolumeAttributesClassName: 'The VolumeAttributesClass being applied.',
    },
  },
  VolumeNodeAffinity: {
    description: 'The nodes a volume can be used from.',
    properties: { required: 'Node selector terms a node must match to use the volume.' },
  },
  VolumeResourceRequirements: {
    description: 'The storage a claim requests.',
    properties: {
      limits: 'The most storage the volume may have.',
      requests: 'The storage the claim needs, under the key "storage", e.g. 10Gi.',
    },
  },
  TopologySelectorTerm: {
    description: 'A topology domain selector: all of its label requirements must match.',
    properties: { matchLabelExpressions: 'Label requirements on topology labels.' },
  },
  TopologySelectorLabelRequirement: {
    description: 'Requires a topology label to have one of some values.',
    properties: {
      key: 'The topology label key, e.g. topology.kubernetes.io/zone.',
      values: 'The accepted values.',
    },
  },
  Event: {
    description:
      'An Event records something that happened to an object, such as a pod being scheduled or an image failing to pull. Events are kept only for a limited time (one hour by default).',
    properties: {
      action: 'What was done, or failed, about the object, e.g. Binding or Pulling.',
      count: 'How many times the event happened.',
      eventTime: 'When the event first happened, with microsecond precision.',
      firstTimestamp: 'The first time this event was seen.',
      involvedObject: 'The object the event is about.',
      lastTimestamp: 'When the event was last recorded.',
      message: 'A readable description of what happened.',
      reason: 'A short CamelCase word for what happened, such as Scheduled, Pulled or BackOff.',
      related: 'A second object involved, if any.',
      reportingComponent: 'The controller that reported the event, e.g. kubelet or default-scheduler.',
      reportingInstance: 'The instance of that controller, e.g. a node name.',
      series: 'For an event that keeps repeating: how often and until when.',
      source: 'The component (and host) that reported the event.',
      type: 'Normal or Warning.',
    },
  },
  EventSeries: {
    description: 'Data about an event that repeats.',
    properties: {
      count: 'How many times it has happened so far.',
      lastObservedTime: 'When it was last seen.',
    },
  },
  EventSource: {
    description: 'Who reported an event.',
    properties: {
      component: 'The reporting component.',
      host: 'The node the component runs on.',
    },
  },
  Endpoints: {
    description:
      'Endpoints lists the addresses and ports behind a service, as the older, single-object counterpart of EndpointSlice; prefer EndpointSlices, which scale better and support dual-stack.',
    properties: {
      subsets: 'Groups of addresses that all share the same ports.',
    },
  },
  EndpointSubset: {
    description: 'Addresses that all serve the same set of ports.',
    properties: {
      addresses: 'Addresses ready to take traffic.',
      notReadyAddresses: 'Addresses that are not ready yet (or not any more).',
      ports: 'The ports served on every address of the subset.',
    },
  },
  EndpointAddress: {
    description: 'One address behind a service.',
    properties: {
      hostname: 'The hostname of the endpoint.',
      ip: 'The IP address.',
      nodeName: 'The node hosting the endpoint.',
      targetRef: 'The object (usually a pod) the address belongs to.',
    },
  },
  EndpointPort: {
    description: 'One port of an endpoint.',
    properties: {
      appProtocol: 'The application protocol, as in a service port.',
      name: 'The name of the matching service port; optional when there is only one.',
      port: 'The port number.',
      protocol: 'TCP, UDP or SCTP. Defaults to TCP.',
    },
  },
  ResourceQuota: {
    description:
      'A ResourceQuota limits the total amount of resources (cpu, memory, storage) and the number of objects of each kind that a namespace may use.',
  },
  ResourceQuotaSpec: {
    description: 'The limits a quota enforces.',
    properties: {
      hard: 'The most of each resource the namespace may use, such as requests.cpu, limits.memory, pods or count/deployments.apps.',
      scopeSelector: 'Which objects the quota applies to, expressed as scope requirements.',
      scopes:
        'Limits the quota to matching objects: Terminating, NotTerminating, BestEffort, NotBestEffort, PriorityClass, CrossNamespacePodAffinity or VolumeAttributesClass.',
    },
  },
  ResourceQuotaStatus: {
    description: 'The observed usage of a quota.',
    properties: {
      hard: 'The limits enforced.',
      used: 'The amounts currently used in the namespace.',
    },
  },
  ScopeSelector: {
    description: 'Scope requirements, all of which an object must meet.',
    properties: { matchExpressions: 'The requirements.' },
  },
  ScopedResourceSelectorRequirement: {
    description: 'One scope requirement.',
    properties: {
      operator: 'In, NotIn, Exists or DoesNotExist.',
      scopeName: 'The scope, such as PriorityClass.',
      values: 'The values, for In and NotIn.',
    },
  },
  LimitRange: {
    description:
      'A LimitRange sets, per namespace, the smallest and largest resource amounts a pod, container or claim may ask for, and the defaults given to containers that say nothing.',
    properties: { spec: 'The limits to enforce.' },
  },
  LimitRangeSpec: {
    description: 'The limits of a LimitRange.',
    properties: { limits: 'One entry per kind of object limited.' },
  },
  LimitRangeItem: {
    description: 'Limits for one kind of object.',
    properties: {
      default: 'Limits given to containers that set none.',
      defaultRequest: 'Requests given to containers that set none.',
      max: 'The largest amount allowed, per resource.',
      maxLimitRequestRatio: 'The largest allowed ratio between a resource\'s limit and its request.',
      min: 'The smallest amount allowed, per resource.',
      type: 'What is limited: Pod, Container or PersistentVolumeClaim.',
    },
  },
  ReplicationController: {
    description:
      'A ReplicationController keeps a given number of copies of a pod running. It predates ReplicaSet and Deployment, which should be used instead.',
  },
  ReplicationControllerSpec: {
    description: 'The desired state of a replication controller.',
    properties: {
      minReadySeconds: 'How many seconds a new pod must stay ready before it counts as available. Defaults to 0.',
      replicas: 'How many pods to run. Defaults to 1.',
      selector: 'Labels of the pods counted against replicas. When empty, it defaults to the template\'s labels.',
      template: 'The pods to create when too few exist.',
    },
  },
  ReplicationControllerStatus: {
    description: 'The observed state of a replication controller.',
    properties: {
      availableReplicas: 'How many pods have been ready for at least minReadySeconds.',
      conditions: 'Conditions of the controller, such as ReplicaFailure.',
      fullyLabeledReplicas: 'How many pods carry all the labels of the template.',
      observedGeneration: 'The generation of the spec the status was computed for.',
      readyReplicas: 'How many pods are ready.',
      replicas: 'How many pods exist.',
    },
  },
  ReplicationControllerCondition: {
    description: 'One observation about a replication controller.',
    properties: {
      lastTransitionTime: 'When status last changed.',
      message: 'A readable explanation.',
      reason: 'A short CamelCase word for the cause.',
      status: 'True, False or Unknown.',
      type: 'What the condition is about; ReplicaFailure when pods could not be created or deleted.',
    },
  },
};

export const CORE_DESCRIPTIONS: DescriptionMap = withPrefix('io.k8s.api.core.v1.', CORE);
