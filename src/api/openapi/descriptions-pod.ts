// kite's descriptions for pods and everything a pod spec is made of: containers, ports,
// environment, resources, probes, lifecycle hooks, security contexts, scheduling
// (affinity, tolerations, spreading) and the pod and container statuses.

import { type DescriptionMap, withPrefix } from './descriptions-util.js';

/** Texts shared by Container and EphemeralContainer (same fields, mostly the same meaning). */
const CONTAINER_FIELDS: Record<string, string> = {
  args:
    'Arguments passed to the entrypoint. When empty, the image\'s CMD is used. $(NAME) is replaced by the value of the container variable NAME (an unknown name is left as written) and $$(NAME) yields a literal $(NAME). Not updatable.',
  command:
    'The program to run and its leading arguments, replacing the image\'s ENTRYPOINT; it is not run through a shell. When empty, the image\'s ENTRYPOINT is used. $(NAME) expands container variables as in args. Not updatable.',
  env:
    'Environment variables for the container\'s processes, each with a literal value or one taken from elsewhere (a ConfigMap or Secret key, a pod field, a resource amount). Entries here take precedence over envFrom. Not updatable.',
  envFrom:
    'Whole ConfigMaps or Secrets whose keys all become environment variables. When a key appears in several sources the last one wins, and explicit env entries override them all. Not updatable.',
  image:
    'The container image to run, as a registry reference like nginx:1.27 or registry.example.com/team/app@sha256:.... Workload controllers may leave it empty in a template to be filled in by their own defaults.',
  imagePullPolicy:
    'When the kubelet pulls the image: Always (look up the image on every start), IfNotPresent (only when it is not already on the node) or Never (use only a local image). Defaults to Always for the :latest tag or no tag, IfNotPresent otherwise. Not updatable.',
  lifecycle: 'Hooks the kubelet runs right after the container starts and right before it is stopped. Not updatable.',
  livenessProbe:
    'A periodic check that the container is still working; after enough consecutive failures the container is killed and handled by the restart policy. Not updatable.',
  name: 'The container\'s name, a DNS label (lowercase letters, digits and dashes) that is unique within the pod. Not updatable.',
  ports:
    'Network ports the container listens on, listed for information, naming and host port mapping. A port opened by the process is reachable whether or not it is listed here. Not updatable.',
  readinessProbe:
    'A periodic check that the container can take traffic; while it fails, the pod is not Ready and is taken out of service endpoints. Not updatable.',
  resizePolicy: 'For each resource, whether changing its request or limit on a running pod restarts the container.',
  resources:
    'How much CPU, memory and other resources the container asks for (requests, used for scheduling) and may use at most (limits, enforced at run time).',
  restartPolicy:
    'A container-level restart policy. Only "Always" is accepted for an init container, which turns it into a sidecar that keeps running next to the regular containers and is stopped after them; regular containers may also use Never or OnFailure where the feature is enabled.',
  restartPolicyRules:
    'Rules, checked in order, that decide on the container\'s exit code whether it is restarted; the first rule that matches applies, and when none matches the container\'s restartPolicy decides. restartPolicy must be set when rules are given (alpha).',
  securityContext:
    'Security settings for this container, such as the user it runs as, Linux capabilities and privilege escalation. Fields set here override the same fields of the pod\'s securityContext.',
  startupProbe:
    'A check that the container has finished starting. Until it succeeds, the liveness and readiness probes are not run; if it fails too often, the container is restarted. Useful for slow starting programs. Not updatable.',
  stdin: 'Whether the container keeps a standard input stream open for attaching clients. When false, reads from stdin get end-of-file at once. Defaults to false.',
  stdinOnce:
    'When stdin is true, whether the stdin stream is closed for good after the first attached client disconnects (instead of staying open for later clients). Defaults to false.',
  terminationMessagePath:
    'The file inside the container whose contents the kubelet reads when the container ends and reports as its termination message (at most 4096 bytes, 12 KiB across the pod). Defaults to /dev/termination-log. Not updatable.',
  terminationMessagePolicy:
    'Where the termination message comes from: File (only the terminationMessagePath file) or FallbackToLogsOnError (the end of the container log when the file is empty and the container failed). Defaults to File. Not updatable.',
  tty: 'Whether to allocate a terminal for the container; it needs stdin to be true as well. Defaults to false.',
  volumeDevices: 'Raw block volumes from the pod\'s volumes that appear as device files inside the container.',
  volumeMounts: 'Where the pod\'s volumes are mounted in this container\'s filesystem. Not updatable.',
  workingDir: 'The directory the command starts in. When empty, the image\'s working directory (or the runtime\'s default) is used. Not updatable.',
};

const POD: DescriptionMap = {
  Pod: {
    description:
      'A Pod is the smallest unit kite schedules and runs: one or more containers placed together on a node, sharing a network address and storage volumes, and created, started and deleted as one.',
  },
  PodTemplate: {
    description: 'A stored, named pod template that other objects can copy pods from.',
    properties: { template: 'The pod template: the metadata and spec of the pods to be made from it.' },
  },
  PodTemplateSpec: {
    description: 'A pattern for pods: the metadata and spec every pod made from the template starts with.',
    properties: {
      metadata: 'Metadata given to each pod made from the template, typically the labels the owning controller\'s selector matches.',
      spec: 'The spec of each pod made from the template.',
    },
  },
  PodSpec: {
    description: 'The desired state of a pod: its containers and volumes, and how and where it is run.',
    properties: {
      activeDeadlineSeconds:
        'How many seconds the pod may stay active, counted from its start time, before the kubelet fails it and kills its containers. A positive integer; it may only be lowered on a running pod.',
      affinity: 'Rules that attract the pod to, or keep it away from, certain nodes and certain other pods when it is scheduled.',
      automountServiceAccountToken:
        'Whether a token for the pod\'s service account is mounted automatically into its containers. When unset, the service account\'s own setting decides (which defaults to true).',
      containers:
        'The pod\'s regular containers, started once all init containers have finished. At least one is required, and the list is fixed once the pod exists.',
      dnsConfig: 'Extra DNS settings (name servers, search domains, resolver options) merged into the resolver configuration made according to dnsPolicy.',
      dnsPolicy:
        'How the pod\'s resolver is configured: ClusterFirst (the cluster DNS, falling back to the node\'s upstream servers for other names), ClusterFirstWithHostNet (the same, for pods on the host network), Default (inherit the node\'s resolver configuration) or None (only what dnsConfig gives). Defaults to ClusterFirst.',
      enableServiceLinks:
        'Whether the addresses and ports of the services in the pod\'s namespace are passed to the containers as environment variables, in the style of Docker links. Defaults to true.',
      ephemeralContainers:
        'Temporary containers added to a running pod, usually for interactive debugging (kubectl debug). They can only be added through the ephemeralcontainers subresource and are never restarted or removed.',
      hostAliases: 'Extra hostname to IP mappings written into the pod\'s /etc/hosts file.',
      hostIPC: 'Whether the pod shares the node\'s IPC namespace. Defaults to false.',
      hostNetwork:
        'Whether the pod uses the node\'s network namespace, so its containers see the node\'s interfaces and bind its ports directly. Any ports listed must then use the same host port. Defaults to false.',
      hostPID: 'Whether the pod shares the node\'s process ID namespace, seeing every process on the node. Defaults to false.',
      hostUsers:
        'Whether the pod runs in the node\'s user namespace (true, the default) or in a user namespace of its own (false), where root inside the pod is an unprivileged user on the node. Host namespaces (network, IPC, PID) require true.',
      hostname: 'The hostname the containers see. When empty, the system picks one (normally the pod\'s name).',
      hostnameOverride:
        'Sets the pod\'s hostname outright, taking precedence over hostname and subdomain; it does not change DNS records. Cannot be combined with setHostnameAsFQDN or hostNetwork (alpha).',
      imagePullSecrets:
        'Names of Secrets in the pod\'s namespace holding registry credentials (docker config JSON) used to pull the containers\' images.',
      initContainers:
        'Containers that run, one at a time and in order, before the regular containers start; each must exit successfully before the next begins, and a failure is handled by the restart policy. An init container with restartPolicy Always is a sidecar instead: it starts in sequence and keeps running. Not updatable.',
      nodeName:
        'The node the pod runs on. The scheduler fills it in; setting it at creation skips the scheduler and places the pod directly, without checking resources. It cannot be changed once set.',
      nodeSelector:
        'Labels a node must carry (every key with the given value) for the pod to be placed on it.',
      os: 'The operating system the pod\'s containers need (linux or windows); settings that only apply to the other OS are then rejected.',
      overhead:
        'Resources the pod\'s sandbox itself uses on top of its containers, copied from its RuntimeClass at admission. Used for scheduling and quota.',
      preemptionPolicy:
        'Whether the pod may evict lower-priority pods to make room for itself: PreemptLowerPriority (the default) or Never. Normally copied from the priority class.',
      priority:
        'The pod\'s scheduling priority; a higher value means more important. Filled in at admission from priorityClassName; it should not be set by hand.',
      priorityClassName:
        'The PriorityClass that gives the pod its priority. Two classes always exist, system-node-critical (the highest) and system-cluster-critical; when empty the global default class applies if there is one, otherwise priority 0.',
      readinessGates:
        'Extra pod conditions that must all be True, besides every container being ready, for the pod to count as Ready.',
      resourceClaims:
        'Dynamic resource claims (DRA) the pod uses, each named so that containers can refer to it in resources.claims. Not updatable.',
      resources:
        'Requests and limits for the pod as a whole, shared by its containers; only cpu, memory and hugepages-* are allowed (a feature gate).',
      restartPolicy:
        'What happens when a container exits: Always restarts it, OnFailure restarts it only after a non-zero exit, Never leaves it stopped. Defaults to Always; pods of Jobs must use OnFailure or Never.',
      runtimeClassName:
        'The RuntimeClass (container runtime configuration) to run the pod with. When empty, the node\'s default runtime handler is used.',
      schedulerName: 'The scheduler responsible for placing the pod. Defaults to default-scheduler.',
      schedulingGates:
        'Names that hold the pod back from scheduling while any of them is present. They may only be removed, never added, after creation; once the list is empty the scheduler considers the pod.',
      schedulingGroup:
        'The runtime scheduling group (a PodGroup) the pod belongs to, so that the scheduler can place the group together (alpha).',
      securityContext:
        'Security settings for the pod as a whole and defaults for its containers, such as user and group ids, fsGroup, sysctls and the seccomp profile.',
      serviceAccount: 'Deprecated alias of serviceAccountName.',
      serviceAccountName: 'The ServiceAccount the pod runs as, in the pod\'s namespace. Defaults to "default".',
      setHostnameAsFQDN:
        'If true, the pod\'s hostname is its fully qualified domain name (hostname.subdomain.namespace.svc.<cluster domain>) rather than the short name. Defaults to false.',
      shareProcessNamespace:
        'If true, all containers of the pod share one process namespace, so they can see and signal each other\'s processes; the first process is then not PID 1. Cannot be combined with hostPID. Defaults to false.',
      subdomain:
        'If set, the pod gets a DNS name of the form <hostname>.<subdomain>.<namespace>.svc.<cluster domain>, provided a headless Service with that name exists.',
      terminationGracePeriodSeconds:
        'How many seconds the pod\'s containers get to exit after being sent the stop signal before they are killed. 0 means kill at once. Defaults to 30.',
      tolerations: 'The node taints this pod accepts, allowing it to be scheduled on (or keep running on) tainted nodes.',
      topologySpreadConstraints:
        'How evenly the pod and its siblings (pods matching a label selector) must be spread across topology domains such as zones or nodes.',
      volumes: 'The volumes the pod\'s containers can mount, each with a name and one source.',
    },
  },
  Container: {
    description: 'One container of a pod: the image it runs and how it is configured, connected and checked.',
    properties: CONTAINER_FIELDS,
  },
  EphemeralContainer: {
    description:
      'A temporary container added to a running pod to inspect it, typically by kubectl debug. It has no resource guarantees, no ports and no probes, is not restarted, and cannot be changed or removed once added.',
    properties: {
      ...CONTAINER_FIELDS,
      lifecycle: 'Must stay empty: ephemeral containers have no lifecycle hooks.',
      livenessProbe: 'Must stay empty: ephemeral containers are never probed.',
      name: 'The container\'s name, a DNS label unique among all containers of the pod.',
      ports: 'Must stay empty: an ephemeral container cannot declare ports.',
      readinessProbe: 'Must stay empty: ephemeral containers are never probed.',
      resizePolicy: 'Must stay empty: ephemeral containers have no resources to resize.',
      resources: 'Must stay empty: an ephemeral container gets no reservation and uses what the pod has left.',
      restartPolicy: 'Must stay empty: ephemeral containers are never restarted.',
      restartPolicyRules: 'Must stay empty: ephemeral containers are never restarted.',
      startupProbe: 'Must stay empty: ephemeral containers are never probed.',
      targetContainerName:
        'The name of a container in the pod whose namespaces (IPC, PID and so on) this container joins, so it can see that container\'s processes. The runtime must support it; when empty, only the pod\'s shared namespaces apply.',
      volumeMounts: 'Mounts of the pod\'s volumes in this container; subPath mounts are not allowed.',
    },
  },
  ContainerPort: {
    description: 'A network port a container listens on.',
    properties: {
      containerPort: 'The port number inside the pod\'s network namespace, between 1 and 65535.',
      hostIP: 'The node address the host port is bound to, when hostPort is set.',
      hostPort:
        'A port number on the node (1 to 65535) forwarded to this container port. Pods using the same host port and protocol cannot share a node; with hostNetwork it must equal containerPort.',
      name: 'A name for the port, a lowercase IANA service name of at most 15 characters that is unique in the pod. Services can target the port by this name.',
      protocol: 'The transport protocol: TCP, UDP or SCTP. Defaults to TCP.',
    },
  },
  EnvVar: {
    description: 'One environment variable of a container.',
    properties: {
      name: 'What the variable is called. Printable ASCII is allowed, except for "=".',
      value:
        'The literal value. $(NAME) references to variables defined earlier in the list (or by the service links) are expanded, $$ gives a literal $, and unknown references are left as they are. Defaults to "".',
      valueFrom: 'Where to read the value from instead, when value is empty.',
    },
  },
  EnvVarSource: {
    description: 'Where an environment variable gets its value; exactly one of the fields is set.',
    properties: {
      configMapKeyRef: 'Reads the value from one entry of a ConfigMap, which must be in the same namespace as the pod.',
      fieldRef:
        'Reads something about the pod itself: its name, namespace or uid (metadata.name and so on), one label or annotation (metadata.labels[\'<key>\']), the node or service account it uses (spec.nodeName, spec.serviceAccountName), or its own or its node\'s addresses (status.podIP(s), status.hostIP(s)).',
      fileKeyRef: 'A key of an env-style file found in one of the pod\'s volumes (alpha).',
      resourceFieldRef:
        'Reads a container\'s request or limit of cpu, memory or ephemeral-storage, named like requests.cpu or limits.memory.',
      secretKeyRef: 'Reads the value from one entry of a Secret, which must be in the same namespace as the pod.',
    },
  },
  EnvFromSource: {
    description: 'A ConfigMap or Secret whose keys all become environment variables of a container.',
    properties: {
      configMapRef: 'The ConfigMap to read.',
      prefix: 'A string put in front of every variable name made from this source.',
      secretRef: 'The Secret to read.',
    },
  },
  ConfigMapEnvSource: {
    description: 'Names a ConfigMap whose data entries become environment variables.',
    properties: {
      name: 'The ConfigMap\'s name, in the pod\'s namespace.',
      optional: 'If true, the container starts even when the ConfigMap does not exist.',
    },
  },
  SecretEnvSource: {
    description: 'Names a Secret whose data entries become environment variables.',
    properties: {
      name: 'The Secret\'s name, in the pod\'s namespace.',
      optional: 'If true, the container starts even when the Secret does not exist.',
    },
  },
  ConfigMapKeySelector: {
    description: 'Points at one key of a ConfigMap.',
    properties: {
      key: 'The key to read.',
      name: 'The ConfigMap\'s name, in the same namespace.',
      optional: 'If true, a missing ConfigMap or key is not an error: the variable is simply left unset.',
    },
  },
  SecretKeySelector: {
    description: 'Points at one key of a Secret.',
    properties: {
      key: 'Which entry of the Secret to read.',
      name: 'The Secret\'s name, in the same namespace.',
      optional: 'If true, a missing Secret or key is not an error: the variable is simply left unset.',
    },
  },
  FileKeySelector: {
    description: 'Points at one key of an env-style (KEY=value lines) file in a volume (alpha).',
    properties: {
      key: 'The key to read from the file.',
      optional: 'If true, a missing file or key just leaves the variable unset; otherwise the pod fails to start.',
      path: 'The file\'s path, relative to the root of the volume; it must not contain "..".',
      volumeName: 'The name of the pod volume that holds the file.',
    },
  },
  ObjectFieldSelector: {
    description: 'Points at one field of the pod, by path.',
    properties: {
      apiVersion: 'The version the field path is written against. Defaults to "v1".',
      fieldPath: 'The path of the field, such as metadata.name or status.podIP.',
    },
  },
  ResourceFieldSelector: {
    description: 'Points at a resource request or limit of a container, as a number.',
    properties: {
      containerName: 'The container whose resources are read; required in volumes, optional for environment variables (then the current container).',
      divisor: 'The unit the value is expressed in, for example 1m for millicores or 1Mi for mebibytes. Defaults to 1.',
      resource: 'The resource to read, such as limits.cpu or requests.memory.',
    },
  },
  ResourceRequirements: {
    description: 'The compute resources a container (or pod) asks for and the most it may use.',
    properties: {
      claims:
        'Names of entries of the pod\'s resourceClaims that this container uses. The claimed devices become available inside the container (dynamic resource allocation). Not updatable.',
      limits:
        'The most of each resource (cpu, memory, ephemeral-storage, hugepages-<size> or extended resources) the container may use, as quantities. Going over the memory limit gets the container killed; CPU use over the limit is throttled.',
      requests:
        'The amount of each resource reserved for the container; the scheduler only picks nodes with that much left. When a request is missing it defaults to the limit, if one is given.',
    },
  },
  ResourceClaim: {
    description: 'Refers a container to one of the pod\'s resource claims.',
    properties: {
      name: 'The name of an entry in the pod\'s spec.resourceClaims.',
      request: 'A single request of that claim to expose; when empty, everything allocated for the claim is available.',
    },
  },
  ContainerResizePolicy: {
    description: 'Whether changing one resource of a running container restarts it.',
    properties: {
      resourceName: 'The resource the policy applies to: cpu or memory.',
      restartPolicy: 'NotRequired (the default) resizes in place if possible, RestartContainer restarts the container to apply the new values.',
    },
  },
  ContainerRestartRule: {
    description: 'A rule deciding whether a container that exited is restarted (alpha).',
    properties: {
      action: 'What to do when the rule matches; the only value is Restart.',
      exitCodes: 'The exit codes the rule matches.',
    },
  },
  ContainerRestartRuleOnExitCodes: {
    description: 'A test on a container\'s exit code.',
    properties: {
      operator: 'In matches when the exit code is one of values, NotIn when it is none of them.',
      values: 'The exit codes to compare with (at most 255).',
    },
  },
  Probe: {
    description:
      'A health check the kubelet runs against a container on a schedule. Exactly one way of checking is set: exec, httpGet, tcpSocket or grpc.',
    properties: {
      exec: 'Runs a command inside the container; exit status 0 counts as success.',
      failureThreshold: 'How many failed checks in a row make the probe fail. Defaults to 3, minimum 1.',
      grpc: 'Calls the standard gRPC health checking service on a port of the container.',
      httpGet: 'Sends an HTTP GET request; a status from 200 to 399 counts as success.',
      initialDelaySeconds: 'How many seconds after the container starts the first check runs. Defaults to 0.',
      periodSeconds: 'How often, in seconds, the check runs. Defaults to 10, minimum 1.',
      successThreshold:
        'Consecutive successes needed, after a failure, for the probe to pass again: 1 by default, and liveness and startup probes only accept 1.',
      tcpSocket: 'Opens a TCP connection to a port; a connection that opens counts as success.',
      terminationGracePeriodSeconds:
        'Grace period, in seconds, used instead of the pod\'s terminationGracePeriodSeconds when this probe\'s failure gets the container killed. Only for liveness and startup probes; 0 is not allowed (1 is the minimum).',
      timeoutSeconds: 'How many seconds one check may take before it counts as failed. Defaults to 1, minimum 1.',
    },
  },
  ExecAction: {
    description: 'Runs a command inside the container.',
    properties: {
      command:
        'The command and its arguments, run directly in the container\'s root directory without a shell (use ["sh", "-c", "..."] for shell syntax). Exit status 0 means success.',
    },
  },
  HTTPGetAction: {
    description: 'An HTTP GET request sent to the container.',
    properties: {
      host: 'Which host to connect to; when empty, the pod\'s own IP address is used. To pick a virtual host, send a Host header rather than changing this.',
      httpHeaders: 'Extra headers sent with the request.',
      path: 'The path to request, such as /healthz.',
      port: 'The port to connect to, as a number (1 to 65535) or the name of a container port.',
      scheme: 'HTTP or HTTPS (certificates are not verified). Defaults to HTTP.',
    },
  },
  HTTPHeader: {
    description: 'One header of an HTTP request.',
    properties: {
      name: 'The header name; it is sent in canonical form.',
      value: 'The header value.',
    },
  },
  TCPSocketAction: {
    description: 'A TCP connection attempt to the container.',
    properties: {
      host: 'Which host to connect to; when empty, the pod\'s own IP address is used.',
      port: 'The port to connect to, as a number (1 to 65535) or the name of a container port.',
    },
  },
  GRPCAction: {
    description: 'A call to the gRPC Health Checking Protocol service.',
    properties: {
      port: 'The port the gRPC server listens on, 1 to 65535.',
      service: 'The service name sent in the health check request. When empty, the server\'s overall health is asked for.',
    },
  },
  SleepAction: {
    description: 'Waits a while before going on.',
    properties: { seconds: 'How many seconds to wait; 0 is allowed.' },
  },
  Lifecycle: {
    description: 'Actions the kubelet takes at points of a container\'s life. A container is not marked running until postStart finishes.',
    properties: {
      postStart:
        'Runs right after the container is created. If it fails, the container is killed and handled by the restart policy; the container counts as running only after it completes.',
      preStop:
        'Runs before the container is stopped by an API request or management event (not when it exits on its own); the stop signal is sent after it finishes, and it shares the termination grace period.',
      stopSignal:
        'The signal sent to stop the container, such as SIGTERM or SIGUSR1. When unset, the runtime\'s default (usually the image\'s STOPSIGNAL or SIGTERM) is used. Requires spec.os.name.',
    },
  },
  LifecycleHandler: {
    description: 'The action of a lifecycle hook; exactly one field is set.',
    properties: {
      exec: 'Runs a command in the container.',
      httpGet: 'Calls an HTTP endpoint of the container with GET.',
      sleep: 'Waits for a number of seconds.',
      tcpSocket: 'Deprecated and unsupported: still accepted for compatibility, but a hook that uses it fails when it runs.',
    },
  },
  SecurityContext: {
    description:
      'Security settings for one container. Any field also present in the pod\'s securityContext takes its value from here when set in both.',
    properties: {
      allowPrivilegeEscalation:
        'Whether processes may end up with more privileges than the process that started them (false sets no_new_privs). It is effectively true for privileged containers and those with CAP_SYS_ADMIN. Not available on Windows.',
      appArmorProfile: 'The AppArmor profile to confine the container with, overriding the pod\'s. Not available on Windows.',
      capabilities: 'Linux capabilities to add to or remove from the runtime\'s default set. Not available on Windows.',
      privileged:
        'Run the container as privileged: its processes are practically root on the node, with all devices available. Defaults to false. Not available on Windows.',
      procMount:
        'How /proc is mounted: Default (the runtime masks and makes read-only some paths) or Unmasked (no masking, which needs hostUsers false). Not available on Windows.',
      readOnlyRootFilesystem: 'Whether the container\'s root filesystem is mounted read-only. Defaults to false. Not available on Windows.',
      runAsGroup: 'The primary group id for the container\'s processes. Defaults to the runtime\'s choice. Not available on Windows.',
      runAsNonRoot:
        'If true, the kubelet refuses to start the container when it would run as user id 0 (checked against the image when runAsUser is unset).',
      runAsUser: 'The user id the container\'s processes run as. Defaults to the user given in the image. Not available on Windows.',
      seLinuxOptions: 'The SELinux context for the container. When unset, the runtime picks a random one. Not available on Windows.',
      seccompProfile: 'The seccomp profile for the container, overriding the pod\'s. Not available on Windows.',
      windowsOptions: 'Settings specific to Windows containers. Not available on Linux.',
    },
  },
  PodSecurityContext: {
    description:
      'Security settings for a whole pod. Several of them also act as defaults for each container\'s securityContext, where a container can override them.',
    properties: {
      appArmorProfile: 'The AppArmor profile for the pod\'s containers. Not available on Windows.',
      fsGroup:
        'A supplementary group added to every container\'s processes. Volumes that support ownership management are made group-owned by it (with the setgid bit) and group-writable. Not available on Windows.',
      fsGroupChangePolicy:
        'When volume ownership and permissions are changed to match fsGroup: Always (every mount) or OnRootMismatch (only when the volume\'s root does not match already). Defaults to Always. Not available on Windows.',
      runAsGroup: 'The primary group id for the containers\' processes, unless a container sets its own. Not available on Windows.',
      runAsNonRoot: 'If true, every container must run as a non-zero user id; the kubelet refuses to start one that would run as root.',
      runAsUser: 'The user id the containers\' processes run as, unless a container sets its own. Defaults to the image\'s user. Not available on Windows.',
      seLinuxChangePolicy:
        'How the SELinux label is applied to the pod\'s volumes: Recursive (relabel every file) or MountOption (mount with a context option, when the volume supports it). Not available on Windows.',
      seLinuxOptions: 'The SELinux context for all containers, unless a container sets its own. Not available on Windows.',
      seccompProfile: 'The seccomp profile for all containers, unless a container sets its own. Not available on Windows.',
      supplementalGroups:
        'Additional group ids given to the first process of each container, on top of its primary group and fsGroup. Not available on Windows.',
      supplementalGroupsPolicy:
        'How the supplementary groups of a container\'s first process are worked out: Merge (the groups from the image\'s /etc/group are added, the default) or Strict (only the groups listed here). Not available on Windows.',
      sysctls: 'Namespaced kernel parameters set for the pod. Unsafe ones must be allowed by the kubelet. Not available on Windows.',
      windowsOptions: 'Settings specific to Windows containers, used by every container that does not set its own. Not available on Linux.',
    },
  },
  Capabilities: {
    description: 'Changes to the Linux capabilities of a running container.',
    properties: {
      add: 'Capabilities to grant, such as NET_ADMIN or SYS_TIME.',
      drop: 'Capabilities to take away; "ALL" removes all of them.',
    },
  },
  SELinuxOptions: {
    description: 'The parts of an SELinux label applied to a container.',
    properties: {
      level: 'The SELinux level (sensitivity and categories), e.g. s0:c123,c456.',
      role: 'The SELinux role.',
      type: 'The SELinux type, e.g. container_t.',
      user: 'The SELinux user.',
    },
  },
  SeccompProfile: {
    description: 'Which seccomp profile (system call filter) to apply.',
    properties: {
      localhostProfile:
        'For type Localhost: the profile\'s file, relative to the kubelet\'s seccomp directory on the node. Must not be set for other types.',
      type:
        'The kind of profile: RuntimeDefault (the container runtime\'s default filter), Localhost (a file on the node) or Unconfined (no filtering).',
    },
  },
  AppArmorProfile: {
    description: 'Which AppArmor profile to confine a container with.',
    properties: {
      localhostProfile: 'For type Localhost: the name of a profile loaded on the node. Must not be set for other types.',
      type:
        'The kind of profile: RuntimeDefault (the runtime\'s default), Localhost (a profile already loaded on the node) or Unconfined (no AppArmor).',
    },
  },
  WindowsSecurityContextOptions: {
    description: 'Security settings that only apply to Windows containers.',
    properties: {
      gmsaCredentialSpec: 'Filled in by the GMSA admission webhook with the full credential spec that gmsaCredentialSpecName refers to.',
      gmsaCredentialSpecName: 'Which GMSA (group managed service account) credential spec the container runs with, by name.',
      hostProcess:
        'Whether the container runs as a Windows HostProcess container, with access to the host. All containers of such a pod must set it the same way, and the pod must use hostNetwork.',
      runAsUserName: 'The Windows user name the entrypoint runs as. Defaults to the image\'s user.',
    },
  },
  Sysctl: {
    description: 'One kernel parameter to set in the pod.',
    properties: {
      name: 'The parameter\'s name, such as net.ipv4.ip_local_port_range.',
      value: 'The value to set.',
    },
  },
  VolumeMount: {
    description: 'Where and how one of the pod\'s volumes appears inside a container.',
    properties: {
      mountPath: 'The absolute path in the container the volume is mounted at; it must not contain ":".',
      mountPropagation:
        'Whether mounts are passed between the node and the container: None (the default, no propagation), HostToContainer (mounts made on the node later show up in the container) or Bidirectional (also the other way; privileged containers only).',
      name: 'The name of the pod volume to mount.',
      readOnly: 'Mount the volume read-only. Defaults to false.',
      recursiveReadOnly:
        'Whether a read-only mount is also read-only for the mounts beneath it: Disabled (the default, only the top mount), IfPossible (when the runtime supports it) or Enabled (required, the pod fails otherwise). Needs readOnly true and mountPropagation None for IfPossible and Enabled.',
      subPath: 'A path inside the volume to mount instead of its root. Defaults to "" (the root).',
      subPathExpr:
        'Like subPath, but $(VAR) references to the container\'s environment variables are expanded first. Cannot be combined with subPath.',
    },
  },
  VolumeDevice: {
    description: 'Maps a raw block volume of the pod to a device file in a container.',
    properties: {
      devicePath: 'The path in the container the device appears at.',
      name: 'Which of the pod\'s volumes to expose; it has to be a persistentVolumeClaim volume.',
    },
  },
  Affinity: {
    description: 'Scheduling preferences and requirements relative to nodes and to other pods.',
    properties: {
      nodeAffinity: 'Which nodes the pod should (or must) be placed on, by node labels and fields.',
      podAffinity: 'Which other pods this pod should (or must) run near, in the same topology domain.',
      podAntiAffinity: 'Which other pods this pod should (or must) stay away from, in the same topology domain.',
    },
  },
  NodeAffinity: {
    description: 'Node affinity rules. They are only checked when the pod is scheduled; a node whose labels change later does not lose its pods.',
    properties: {
      preferredDuringSchedulingIgnoredDuringExecution:
        'Soft rules: the scheduler favours nodes matching them, adding each matched term\'s weight to a node\'s score, but may still choose a node that matches none.',
      requiredDuringSchedulingIgnoredDuringExecution: 'Hard rules: the pod is only scheduled on a node that satisfies them.',
    },
  },
  NodeSelector: {
    description: 'A set of node selector terms, any one of which is enough for a node to match.',
    properties: { nodeSelectorTerms: 'The terms, combined with OR. An empty or null term matches no node.' },
  },
  NodeSelectorTerm: {
    description: 'Tests on a node\'s labels and fields, all of which must pass (AND).',
    properties: {
      matchExpressions: 'Tests on node labels.',
      matchFields: 'Tests on node fields; only metadata.name is supported.',
    },
  },
  NodeSelectorRequirement: {
    description: 'One test on a node label (or field).',
    properties: {
      key: 'The label key (or field path) tested.',
      operator:
        'The comparison: In, NotIn, Exists, DoesNotExist, Gt or Lt. Gt and Lt compare the value as an integer.',
      values:
        'The values to compare with: at least one for In and NotIn, none for Exists and DoesNotExist, exactly one integer for Gt and Lt.',
    },
  },
  PreferredSchedulingTerm: {
    description: 'A node selector term with a weight, used as a soft preference.',
    properties: {
      preference: 'The node selector term to match.',
      weight: 'How much a match adds to the node\'s score, from 1 to 100.',
    },
  },
  PodAffinity: {
    description: 'Rules placing a pod in the same topology domain (node, zone, ...) as certain other pods.',
    properties: {
      preferredDuringSchedulingIgnoredDuringExecution:
        'Soft rules: domains holding matching pods are favoured, by the sum of the matched terms\' weights, but are not required.',
      requiredDuringSchedulingIgnoredDuringExecution:
        'Hard rules: the pod is only scheduled into a domain that already runs pods matching every term. Not re-checked after scheduling.',
    },
  },
  PodAntiAffinity: {
    description: 'Rules keeping a pod out of topology domains (node, zone, ...) that run certain other pods.',
    properties: {
      preferredDuringSchedulingIgnoredDuringExecution:
        'Soft rules: domains holding matching pods are avoided when possible, weighted by each term\'s weight.',
      requiredDuringSchedulingIgnoredDuringExecution:
        'Hard rules: the pod is never scheduled into a domain that runs a pod matching any term. Not re-checked after scheduling.',
    },
  },
  PodAffinityTerm: {
    description: 'Picks a group of pods (by labels and namespaces) and a topology key that defines what "near" means.',
    properties: {
      labelSelector: 'Which pods count. When null, no pods do.',
      matchLabelKeys:
        'Label keys whose values are taken from the incoming pod and added to labelSelector as key In (value), so that, for example, only pods of the same rollout are considered. Keys missing on the pod are skipped.',
      mismatchLabelKeys:
        'Label keys whose values are taken from the incoming pod and added to labelSelector as key NotIn (value).',
      namespaceSelector:
        'Namespaces (by their labels) whose pods are considered, in addition to those listed in namespaces. An empty selector means every namespace; null and an empty namespaces list mean the pod\'s own namespace.',
      namespaces: 'Names of namespaces whose pods are considered, in addition to those selected by namespaceSelector.',
      topologyKey:
        'The node label whose value defines a domain: nodes with the same value (for example the same topology.kubernetes.io/zone) are in the same domain. Must not be empty.',
    },
  },
  WeightedPodAffinityTerm: {
    description: 'A pod affinity term with a weight, used as a soft preference.',
    properties: {
      podAffinityTerm: 'The term to match.',
      weight: 'How much a match counts in the node\'s score, from 1 to 100.',
    },
  },
  Toleration: {
    description: 'Lets a pod be scheduled on, or keep running on, nodes with a matching taint.',
    properties: {
      effect:
        'The taint effect tolerated: NoSchedule, PreferNoSchedule or NoExecute. Empty tolerates every effect.',
      key: 'The taint key the toleration applies to. Empty matches every key, which requires operator Exists.',
      operator:
        'How the value is compared: Equal (the taint\'s value must equal value) or Exists (any value; value must then be empty). Defaults to Equal.',
      tolerationSeconds:
        'Only for the NoExecute effect: how many seconds the pod may stay on the node after the taint appears before it is evicted. Unset means forever; 0 or less means evict at once.',
      value: 'The taint value to match when operator is Equal.',
    },
  },
  TopologySpreadConstraint: {
    description: 'Asks the scheduler to spread matching pods evenly over the domains of a topology key.',
    properties: {
      labelSelector: 'Which pods are counted in each domain.',
      matchLabelKeys:
        'Label keys whose values on the incoming pod are added to labelSelector, so that only pods with the same values (for example the same pod-template-hash) are counted.',
      maxSkew:
        'How uneven the spread may get: any eligible domain may hold at most this many more matching pods than the least populated one. At least 1.',
      minDomains:
        'The minimum number of eligible domains. When there are fewer, the global minimum is taken as 0, which limits how many pods each domain may get. Only valid with whenUnsatisfiable DoNotSchedule; defaults to 1.',
      nodeAffinityPolicy:
        'Whether the pod\'s nodeAffinity and nodeSelector limit the nodes taken into account: Honor (the default, only matching nodes count) or Ignore (all nodes count).',
      nodeTaintsPolicy:
        'Whether node taints limit the nodes taken into account: Honor (only nodes the pod tolerates count) or Ignore (the default, all nodes count).',
      topologyKey: 'The node label whose values define the domains, e.g. kubernetes.io/hostname or topology.kubernetes.io/zone.',
      whenUnsatisfiable:
        'What to do when the constraint cannot be met: DoNotSchedule (keep the pod pending, the default) or ScheduleAnyway (schedule it, preferring placements that reduce the skew).',
    },
  },
  PodDNSConfig: {
    description: 'DNS resolver settings added to those generated from the pod\'s dnsPolicy.',
    properties: {
      nameservers: 'Name server IP addresses, added to the generated ones (at most 3 in total); duplicates are removed.',
      options: 'Resolver options; an option given here replaces one of the same name from the generated configuration.',
      searches: 'Search domains, added to the generated ones; duplicates are removed.',
    },
  },
  PodDNSConfigOption: {
    description: 'One resolver option, as written in resolv.conf.',
    properties: {
      name: 'The option\'s name, for example ndots.',
      value: 'The option\'s value, for example "2"; empty for options that take none.',
    },
  },
  HostAlias: {
    description: 'One line added to the pod\'s /etc/hosts file.',
    properties: {
      hostnames: 'Host names resolving to ip.',
      ip: 'The IP address the host names resolve to.',
    },
  },
  PodOS: {
    description: 'The operating system a pod is meant for.',
    properties: {
      name:
        'linux or windows. It lets validation reject settings that do not apply to that OS; the kubelet refuses to run the pod on a node with another OS.',
    },
  },
  PodReadinessGate: {
    description: 'An extra condition a pod needs before it counts as ready.',
    properties: { conditionType: 'The type of a pod condition that must be True.' },
  },
  PodSchedulingGate: {
    description: 'A named gate that keeps a pod from being scheduled until it is removed.',
    properties: { name: 'The gate\'s name, unique within the pod; typically owned by the controller that will lift it.' },
  },
  PodSchedulingGroup: {
    description: 'The scheduling group a pod belongs to (alpha).',
    properties: { podGroupName: 'The name of the PodGroup object for this group; a DNS subdomain.' },
  },
  PodResourceClaim: {
    description: 'A dynamic resource claim made available to a pod, under a name its containers use.',
    properties: {
      name: 'The name the pod\'s containers use for the claim; unique within the pod, a DNS label.',
      resourceClaimName: 'An existing ResourceClaim in the pod\'s namespace to use. Exactly one of this and resourceClaimTemplateName is set.',
      resourceClaimTemplateName:
        'A ResourceClaimTemplate from which a claim is created for this pod alone; the claim is deleted with the pod.',
    },
  },
  PodResourceClaimStatus: {
    description: 'Which ResourceClaim was made for one of the pod\'s template-based claims.',
    properties: {
      name: 'The name of the entry in spec.resourceClaims.',
      resourceClaimName: 'The name of the generated ResourceClaim; empty when none was needed.',
    },
  },
  PodExtendedResourceClaimStatus: {
    description: 'The claim created to provide a pod\'s extended resources through dynamic resource allocation.',
    properties: {
      requestMappings: 'Which request of the claim serves which extended resource of which container.',
      resourceClaimName: 'The name of the generated ResourceClaim.',
    },
  },
  ContainerExtendedResourceRequest: {
    description: 'Links an extended resource of a container to a request of the claim that serves it.',
    properties: {
      containerName: 'The container asking for the resource.',
      requestName: 'The request in the generated claim that provides it.',
      resourceName: 'The extended resource name, as written in the container\'s resources.',
    },
  },
  NodeAllocatableResourceClaimStatus: {
    description: 'Node resources such as cpu or memory handed to a pod through a dynamic resource claim.',
    properties: {
      containers: 'The containers of the pod that use the claim.',
      resourceClaimName: 'The claim the resources were allocated for.',
      resources: 'The amount of each node resource allocated through the claim.',
    },
  },
  PodStatus: {
    description: 'What kite last observed about a pod. It may lag behind reality and is maintained by the kubelet and controllers.',
    properties: {
      allocatedResources: 'The resources the node has set aside for the pod as a whole.',
      conditions:
        'The pod\'s conditions, such as PodScheduled, Initialized, ContainersReady, Ready and PodReadyToStartContainers.',
      containerStatuses: 'The state of each regular container, in the order of spec.containers.',
      ephemeralContainerStatuses: 'The state of each ephemeral container.',
      extendedResourceClaimStatus: 'The claim that serves the pod\'s extended resources through dynamic resource allocation, if any.',
      hostIP: 'The primary IP address of the node the pod is bound to; empty until the pod is placed.',
      hostIPs: 'The IP addresses of the node, one per IP family; the first equals hostIP.',
      initContainerStatuses: 'The state of each init container, in the order of spec.initContainers.',
      message: 'A readable explanation of why the pod is in its current state.',
      nodeAllocatableResourceClaimStatuses: 'Node resources (cpu, memory, ...) given to the pod through dynamic resource claims.',
      nominatedNodeName:
        'The node this pod was promised after preempting other pods there; it is not guaranteed to end up on it.',
      observedGeneration: 'The metadata.generation the status was written for.',
      phase:
        'Where the pod is in its life: Pending (accepted, but not all containers are running yet, including while images download), Running (bound to a node, all containers created and at least one running or restarting), Succeeded (all containers exited successfully and won\'t restart), Failed (all containers stopped and at least one failed) or Unknown (the node cannot be reached).',
      podIP: 'The pod\'s primary IP address; empty until one is assigned.',
      podIPs: 'The pod\'s IP addresses, at most one per IP family; the first equals podIP.',
      qosClass:
        'The quality of service class derived from the resource settings: Guaranteed (requests equal limits for cpu and memory in every container), Burstable (some requests or limits) or BestEffort (none).',
      reason: 'A short CamelCase word for why the pod is in its state, such as Evicted.',
      resize: 'Deprecated: the progress of a pending in-place resize (Proposed, InProgress, Deferred, Infeasible); replaced by the PodResizePending and PodResizeInProgress conditions.',
      resourceClaimStatuses: 'The ResourceClaims generated for the pod\'s template-based claims.',
      resources: 'The pod-level requests and limits actually applied, when pod-level resources are used.',
      startTime: 'When the kubelet accepted the pod, before any image was pulled.',
    },
  },
  PodCondition: {
    description: 'One observation about a pod, such as whether it is scheduled or ready.',
    properties: {
      lastProbeTime: 'When the condition was last checked.',
      lastTransitionTime: 'When status last changed.',
      message: 'A readable explanation of the last change.',
      observedGeneration: 'The metadata.generation the condition was written for.',
      reason: 'A short CamelCase word for the cause of the last change.',
      status: 'True, False or Unknown.',
      type: 'What the condition is about, for example PodScheduled, Initialized, ContainersReady, Ready or DisruptionTarget.',
    },
  },
  PodIP: {
    description: 'One IP address of a pod.',
    properties: { ip: 'The address.' },
  },
  HostIP: {
    description: 'One IP address of the node a pod runs on.',
    properties: { ip: 'The address.' },
  },
  ContainerStatus: {
    description: 'The observed state of one container of a pod.',
    properties: {
      allocatedResources: 'The resources the node has set aside for this container.',
      allocatedResourcesStatus: 'The health of the devices and other resources allocated to the container.',
      containerID: 'The runtime\'s identifier of the container, in the form <type>://<id>, e.g. containerd://0123....',
      image: 'The image the container runs, which may differ from the one in the spec (for example after tag resolution).',
      imageID: 'The identifier of the image that was run, normally its digest.',
      lastState: 'The state of the container\'s previous run, usually how it terminated; empty if it never restarted.',
      name: 'The container\'s name, as in the pod spec.',
      ready: 'Whether the container passes its readiness probe (true when it has none and is running).',
      resources: 'The requests and limits actually applied to the running container.',
      restartCount: 'How many times the container has been restarted, as counted by the kubelet.',
      started: 'Whether the container has finished starting: its startup probe passed, or it has none and is running.',
      state: 'The container\'s current state: waiting, running or terminated.',
      stopSignal: 'The signal the container will be sent when it is stopped.',
      user: 'The user and group ids the container\'s first process runs as, as reported by the runtime.',
      volumeMounts: 'The state of each of the container\'s volume mounts.',
    },
  },
  ContainerState: {
    description: 'Which state a container is in; exactly one field is set, and none means waiting.',
    properties: {
      running: 'Set when the container is running.',
      terminated: 'Set when the container has stopped.',
      waiting: 'Set when the container is not running yet (or again).',
    },
  },
  ContainerStateRunning: {
    description: 'Details of a running container.',
    properties: { startedAt: 'When the container last started.' },
  },
  ContainerStateTerminated: {
    description: 'Details of a container that has stopped.',
    properties: {
      containerID: 'The runtime\'s identifier of the container, as <type>://<id>.',
      exitCode: 'The exit status of the container\'s process.',
      finishedAt: 'When the container stopped.',
      message: 'A readable explanation, such as the termination message.',
      reason: 'A short word for why it stopped, such as Completed, Error or OOMKilled.',
      signal: 'The signal that ended the process, if any.',
      startedAt: 'When the run that ended had started.',
    },
  },
  ContainerStateWaiting: {
    description: 'Details of a container that is not running yet.',
    properties: {
      message: 'A readable explanation of why it is waiting.',
      reason: 'A short word for why it is waiting, such as ContainerCreating, ImagePullBackOff or CrashLoopBackOff.',
    },
  },
  ContainerUser: {
    description: 'The identity a container\'s processes run with.',
    properties: { linux: 'The Linux user and group ids.' },
  },
  LinuxContainerUser: {
    description: 'The Linux user and groups of a container\'s first process.',
    properties: {
      gid: 'The primary group id.',
      supplementalGroups: 'The supplementary group ids.',
      uid: 'The user id.',
    },
  },
  VolumeMountStatus: {
    description: 'The observed state of one volume mount of a container.',
    properties: {
      mountPath: 'Where the volume is mounted.',
      name: 'The name of the mount, as in volumeMounts.',
      readOnly: 'Whether the mount is read-only.',
      recursiveReadOnly: 'Whether read-only applies recursively: Disabled or Enabled.',
      volumeStatus: 'Details that depend on the volume\'s type.',
    },
  },
  VolumeStatus: {
    description: 'Type-specific state of a mounted volume.',
    properties: { image: 'For an image volume: which image was mounted.' },
  },
  ImageVolumeStatus: {
    description: 'The image actually mounted for an image volume.',
    properties: { imageRef: 'The digest of the image that was pulled and mounted.' },
  },
  ResourceStatus: {
    description: 'The health of the resources of one name allocated to a container.',
    properties: {
      name: 'The resource name, for example a device plugin resource or claim:<claim>/<request>.',
      resources: 'The health of each allocated unit of that resource.',
    },
  },
  ResourceHealth: {
    description: 'The health of one device allocated to a container.',
    properties: {
      health: 'Healthy, Unhealthy or Unknown.',
      message: 'A readable explanation of the health.',
      resourceID: 'The identifier of the device, unique for its resource name.',
    },
  },
  LocalObjectReference: {
    description: 'Names an object in the same namespace.',
    properties: { name: 'The object\'s name.' },
  },
  Binding: {
    description: 'Assigns a pod to a node; a scheduler posts it to a pod\'s binding subresource.',
    properties: { target: 'The node the pod is bound to.' },
  },
  ObjectReference: {
    description: 'A reference to an object, or to a part of one (through fieldPath).',
    properties: {
      apiVersion: 'The group/version of the referenced object.',
      fieldPath:
        'A path to a part of the object rather than the whole, for example spec.containers{web} for one container of a pod.',
      kind: 'The kind of the referenced object.',
      name: 'The name of the referenced object.',
      namespace: 'The namespace of the referenced object.',
      resourceVersion: 'The version of the object the reference was made from, if it matters.',
      uid: 'The uid of the referenced object.',
    },
  },
  TypedLocalObjectReference: {
    description: 'Names an object of a given kind in the same namespace.',
    properties: {
      apiGroup: 'The API group of the object; empty for the core group.',
      kind: 'The kind of the object.',
      name: 'The name of the object.',
    },
  },
  TypedObjectReference: {
    description: 'Names an object of a given kind, possibly in another namespace.',
    properties: {
      apiGroup: 'The API group of the object; empty for the core group.',
      kind: 'The kind of the object.',
      name: 'The name of the object.',
      namespace: 'The object\'s namespace; when it differs from the referring object\'s, a ReferenceGrant must allow it.',
    },
  },
};

export const POD_DESCRIPTIONS: DescriptionMap = withPrefix('io.k8s.api.core.v1.', POD);
