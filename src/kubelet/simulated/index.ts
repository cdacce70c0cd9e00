// Simulated nodes: a fleet of Node objects whose kubelet kite plays in-process (kwok's idea),
// so a cluster of thousands of nodes runs in one process, without containers. Started by
// `kite server --simulated-nodes N` (src/cli/server-command.ts) or, in tests and benchmarks,
// by startSimulatedNodes({ client, count, ... }) (fleet.ts).
//
// What a user sees:
//  - Nodes `<prefix>-0` … `<prefix>-<N-1>` (prefix kite-sim-node), Ready, labelled
//    node.kubernetes.io/instance-type=kite-simulated, with the configured capacity (= allocatable),
//    a /24 spec.podCIDR each (10.42.<i>.0/24 for the first 256, then the following /16s,
//    skipping the service CIDR 10.43.0.0/16; up to 54,528 nodes) and an InternalIP in
//    172.16.0.0/12 (addresses.ts). Each renews its Lease in kube-node-lease every 10 s and
//    reports its status every 5 minutes, spread over the fleet (heartbeat.ts).
//  - A pod bound to one of them (by the scheduler through pods/binding, or created with
//    spec.nodeName) is ContainerCreating for the start delay, then Running with an IP of the
//    node's podCIDR and the kubelet's conditions and container statuses (pod-status.ts).
//    Probes are not run, their timing is: ready after readinessProbe.initialDelaySeconds;
//    never ready with `readinessProbe: {exec: {command: [false]}}`. Pods with restartPolicy
//    Never/OnFailure and the annotation kite.io/simulated-run-seconds complete after that
//    many seconds (exit code: kite.io/simulated-exit-code, default 0) (pod-timeline.ts).
//  - A deleted pod is stopped after min(its grace period, the stop delay), then removed with
//    grace period 0 (pod-controller.ts). A pod bound to a node outside the fleet stays Pending.
//  - A deleted Node is not registered again while the fleet runs (the kubelet registers once,
//    at start); its pods keep running. A restarted fleet finds its Nodes, Leases and pods
//    again and keeps their addresses.

export { startSimulatedNodes, type SimulatedNodes, type SimulatedNodesOptions } from './fleet.js';
export { DEFAULT_CAPACITY, DEFAULT_PREFIX, resolveFleetConfig, SimulatedFleetConfigError, simulatedNodeName, type NodeCapacity, type SimulatedFleetConfig, type SimulatedFleetSettings } from './config.js';
export { MAX_SIMULATED_NODES, simulatedNodeIP, simulatedPodCIDR } from './addresses.js';
export { EXIT_CODE_ANNOTATION, RUN_SECONDS_ANNOTATION } from './pod-timeline.js';
export { INSTANCE_TYPE_LABEL, SIMULATED_INSTANCE_TYPE, SIMULATED_NODE_ANNOTATION } from './node-template.js';
export { parseDuration, DurationError } from './duration.js';
export { totalWrites, type FleetStats } from './stats.js';
