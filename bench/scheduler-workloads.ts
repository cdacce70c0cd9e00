// The workloads of the scheduler benchmark (bench/scheduler.ts --workload NAME), each one of
// kube-scheduler's scheduler_perf test cases (kubernetes/kubernetes
// test/integration/scheduler_perf: its performance-config.yaml files and templates/*.yaml).
//
// Contract of a Workload:
//  - node(name, i), initPod(name), measuredPod(name) are the objects the bench creates, shaped
//    as scheduler_perf's templates (cited on each workload); only the names are the bench's.
//  - defaults is the scale used for any of --nodes / --pods / --init-pods not given.
//  - setup(client) creates what the pods refer to before any pod exists (PriorityClasses: the
//    Priority admission plugin rejects a pod naming a class that is missing, and a pod may not
//    state spec.priority itself, as scheduler_perf's templates do).
//  - refuse(scale, precreate) says why such a run could never finish, else undefined: the bench
//    waits until every pod is bound, so an impossible run would hang instead of failing.
//  - verify(end) checks the end state read back through the API: every measured pod bound, no
//    node holding more than its allocatable, no pod left terminating, then the workload's own
//    rule. Its lines are printed; ok=false fails the run.

import type { Event, Node, Pod } from '../src/api/types/core-v1.js';
import type { Client } from '../src/client/client.js';
import { milliValue, wholeValue } from '../src/scheduler/framework/resource.js';

export const WORKLOAD_NAMES = ['basic', 'anti-affinity', 'topology-spread', 'preemption'] as const;
export type WorkloadName = (typeof WORKLOAD_NAMES)[number];

export interface Scale {
  readonly nodes: number;
  readonly pods: number;
  readonly initPods: number;
}

/** What the cluster holds once the run is over, and which pods the bench created. */
export interface EndState {
  readonly nodes: readonly Node[];
  readonly pods: readonly Pod[];
  readonly events: readonly Event[];
  readonly initNames: readonly string[];
  readonly measuredNames: readonly string[];
}

export interface Verdict {
  readonly ok: boolean;
  readonly lines: readonly string[];
}

export interface Workload {
  readonly name: WorkloadName;
  /** The scheduler_perf test case it reproduces. */
  readonly title: string;
  readonly defaults: Scale;
  node(name: string, index: number): Node;
  initPod(name: string, namespace: string): Pod;
  measuredPod(name: string, namespace: string): Pod;
  setup(client: Client): Promise<void>;
  refuse(scale: Scale, precreate: boolean): string | undefined;
  verify(end: EndState): Verdict;
}

const HOSTNAME = 'kubernetes.io/hostname';
const ZONE = 'topology.kubernetes.io/zone';
/** scheduler_perf's labelNodePrepareStrategy for TopologySpreading: round-robin over these. */
const ZONES = ['moon-1', 'moon-2', 'moon-3'] as const;
/** templates/pod-with-topology-spreading.yaml's maxSkew (not 1). */
const MAX_SKEW = 5;
const LOW_PRIORITY_CLASS = 'sched-bench-low';
const HIGH_PRIORITY_CLASS = 'sched-bench-high';
/** templates/pod-high-priority.yaml's `priority: 10`; pod-low-priority.yaml's is the default 0. */
const HIGH_PRIORITY = 10;
/** milli-CPU of node-default, pod-low-priority and pod-high-priority. */
const NODE_CPU = 4000;
const LOW_CPU = 900;
const HIGH_CPU = 3000;

/** templates/node-default.yaml: 4 CPU, 32Gi, 110 pods, Ready (plus the hostname label a
 *  kubelet would set, which anti-affinity's topologyKey needs). */
function defaultNode(name: string, labels: Record<string, string> = {}): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { [HOSTNAME]: name, ...labels } },
    spec: {},
    status: {
      capacity: { pods: '110', cpu: '4', memory: '32Gi' },
      allocatable: { pods: '110', cpu: '4', memory: '32Gi' },
      conditions: [{ type: 'Ready', status: 'True' }],
      phase: 'Running',
    },
  };
}

/** templates/pod-default.yaml: one pause container requesting and limited to `cpu`, 500Mi. */
function pausePod(name: string, namespace: string, cpu = '100m', labels?: Record<string, string>): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: labels ? { name, namespace, labels } : { name, namespace },
    spec: {
      containers: [
        {
          name: 'pause',
          image: 'registry.k8s.io/pause:3.10',
          ports: [{ containerPort: 80 }],
          resources: { limits: { cpu, memory: '500Mi' }, requests: { cpu, memory: '500Mi' } },
        },
      ],
    },
  };
}

/** templates/pod-with-pod-anti-affinity.yaml. scheduler_perf puts init and measured pods in two
 *  namespaces and names both in the term; the bench has one namespace, named likewise. */
function antiAffinityPod(name: string, namespace: string): Pod {
  const pod = pausePod(name, namespace, '100m', { color: 'green' });
  pod.spec!.affinity = {
    podAntiAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { color: 'green' } }, topologyKey: HOSTNAME, namespaces: [namespace] }],
    },
  };
  return pod;
}

/** templates/pod-with-topology-spreading.yaml. */
function spreadingPod(name: string, namespace: string): Pod {
  const pod = pausePod(name, namespace, '100m', { color: 'blue' });
  pod.spec!.topologySpreadConstraints = [{ maxSkew: MAX_SKEW, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { color: 'blue' } } }];
  return pod;
}

const noSetup = async (): Promise<void> => undefined;
const noRefusal = (): undefined => undefined;

export const WORKLOADS: Readonly<Record<WorkloadName, Workload>> = {
  // SchedulingBasic 5000Nodes (scheduler_perf measures 1000 pods; the bench has always used 10000).
  basic: {
    name: 'basic',
    title: 'SchedulingBasic',
    defaults: { nodes: 5000, pods: 10000, initPods: 1000 },
    node: (name) => defaultNode(name),
    initPod: (name, ns) => pausePod(name, ns),
    measuredPod: (name, ns) => pausePod(name, ns),
    setup: noSetup,
    refuse: noRefusal,
    verify: (end) => verifyCommon(end, []),
  },

  // SchedulingPodAntiAffinity 5000Nodes_2000Pods (affinity/performance-config.yaml): init and
  // measured pods alike carry the anti-affinity, so each takes a node of its own.
  'anti-affinity': {
    name: 'anti-affinity',
    title: 'SchedulingPodAntiAffinity',
    defaults: { nodes: 5000, pods: 2000, initPods: 1000 },
    node: (name) => defaultNode(name),
    initPod: antiAffinityPod,
    measuredPod: antiAffinityPod,
    setup: noSetup,
    refuse: (s) => (s.initPods + s.pods > s.nodes ? `anti-affinity puts one pod per node: ${s.initPods} init + ${s.pods} pods do not fit on ${s.nodes} nodes` : undefined),
    verify: (end) => {
      const perNode = new Map<string, number>();
      for (const p of end.pods) if (p.spec?.nodeName && p.metadata.labels?.color === 'green') perNode.set(p.spec.nodeName, (perNode.get(p.spec.nodeName) ?? 0) + 1);
      const crowded = [...perNode].filter(([, n]) => n > 1);
      const line = `anti-affinity        ${perNode.size} nodes hold a green pod, ${crowded.length} hold more than one${crowded.length ? ` (e.g. ${crowded[0]![0]}: ${crowded[0]![1]})` : ''}`;
      return verifyCommon(end, [{ ok: crowded.length === 0, lines: [line] }]);
    },
  },

  // TopologySpreading 5000Nodes_5000Pods (topology_spreading/performance-config.yaml): nodes in
  // three zones, init pods pod-default, measured pods spread over the zones. The bench's default
  // measures 10000 (--pods 5000 is scheduler_perf's).
  'topology-spread': {
    name: 'topology-spread',
    title: 'TopologySpreading',
    defaults: { nodes: 5000, pods: 10000, initPods: 5000 },
    node: (name, i) => defaultNode(name, { [ZONE]: ZONES[i % ZONES.length]! }),
    initPod: (name, ns) => pausePod(name, ns),
    measuredPod: spreadingPod,
    setup: noSetup,
    refuse: noRefusal,
    verify: (end) => {
      const zoneOf = new Map(end.nodes.map((n) => [n.metadata.name!, n.metadata.labels?.[ZONE] ?? '']));
      // Only zones some node is in are domains (fewer than 3 nodes leave a zone empty).
      const perZone = new Map<string, number>([...new Set(zoneOf.values())].sort().map((z) => [z, 0]));
      for (const p of end.pods) {
        const zone = p.spec?.nodeName ? zoneOf.get(p.spec.nodeName) : undefined;
        if (zone !== undefined && p.metadata.labels?.color === 'blue') perZone.set(zone, (perZone.get(zone) ?? 0) + 1);
      }
      const counts = [...perZone.values()];
      const skew = Math.max(...counts) - Math.min(...counts);
      const line = `zone spread          ${[...perZone].map(([z, n]) => `${z} ${n}`).join(', ')}: skew ${skew} (maxSkew ${MAX_SKEW})`;
      return verifyCommon(end, [{ ok: skew <= MAX_SKEW, lines: [line] }]);
    },
  },

  // PreemptionBasic 500Nodes (config/performance-config.yaml before the split; now
  // default_preemption/): 4 low-priority init pods of 900m fill each node to 3.6 of its 4 CPU;
  // each measured pod asks 3 CPU at priority 10, so it gets a node only by evicting 3 of them.
  // The init pods have terminationGracePeriodSeconds 0, as pod-low-priority.yaml has: kite's
  // API deletes a bound pod at once only with a zero grace period; otherwise the pod stays,
  // terminating, until a kubelet confirms it stopped, and this bench runs no kubelet, so the
  // preemptors would wait forever for their victims to go.
  preemption: {
    name: 'preemption',
    title: 'PreemptionBasic',
    defaults: { nodes: 500, pods: 500, initPods: 2000 },
    node: (name) => defaultNode(name),
    initPod: (name, ns) => {
      const pod = pausePod(name, ns, `${LOW_CPU}m`);
      pod.spec!.priorityClassName = LOW_PRIORITY_CLASS;
      pod.spec!.terminationGracePeriodSeconds = 0;
      return pod;
    },
    measuredPod: (name, ns) => {
      const pod = pausePod(name, ns, `${HIGH_CPU}m`);
      pod.spec!.priorityClassName = HIGH_PRIORITY_CLASS;
      return pod;
    },
    setup: async (client) => {
      const pcs = client.scheduling.priorityclasses();
      await pcs.create({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: LOW_PRIORITY_CLASS }, value: 0 });
      await pcs.create({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: HIGH_PRIORITY_CLASS }, value: HIGH_PRIORITY });
    },
    refuse: (s, precreate) => {
      // Created together, the high-priority pods would be scheduled first (the queue sorts by
      // priority) and nothing would be preempted: the leftover init pods would never fit.
      if (precreate) return 'preemption needs its init pods running before the preemptors exist; --precreate creates them together';
      // One preemptor per node at most: 3 CPU of a node's 4.
      if (s.pods > s.nodes) return `each preemptor needs 3 of a node's 4 CPU: ${s.pods} pods do not fit on ${s.nodes} nodes`;
      return undefined;
    },
    verify: (end) => {
      const byName = new Map(end.pods.map((p) => [p.metadata.name!, p]));
      const survivors = end.initNames.filter((n) => byName.has(n));
      const victims = end.initNames.length - survivors.length;
      // However the init pods were laid out, the CPU they and the preemptors ask exceeds the
      // cluster's by this much, which only deleted victims can make up.
      const excess = end.initNames.length * LOW_CPU + end.measuredNames.length * HIGH_CPU - end.nodes.length * NODE_CPU;
      const needed = Math.max(0, Math.ceil(excess / LOW_CPU));
      const strays = survivors.filter((n) => !byName.get(n)!.spec?.nodeName).length;
      const preempted = end.events.filter((e) => e.reason === 'Preempted').length;
      return verifyCommon(end, [
        { ok: victims >= needed, lines: [`victims deleted      ${victims} init pods (at least ${needed} needed to make room), ${preempted} Preempted events`] },
        { ok: strays === 0, lines: [`surviving init pods  ${survivors.length}, ${strays} of them not bound`] },
      ]);
    },
  },
};

/** The checks every workload shares, then the workload's own. */
function verifyCommon(end: EndState, own: readonly Verdict[]): Verdict {
  const byName = new Map(end.pods.map((p) => [p.metadata.name!, p]));
  const unbound = end.measuredNames.filter((n) => !byName.get(n)?.spec?.nodeName);
  const terminating = end.pods.filter((p) => p.metadata.deletionTimestamp).length;
  const used = new Map<string, { cpu: number; memory: number; pods: number }>();
  for (const p of end.pods) {
    const node = p.spec?.nodeName;
    if (!node) continue;
    const u = used.get(node) ?? { cpu: 0, memory: 0, pods: 0 };
    for (const c of p.spec?.containers ?? []) {
      u.cpu += milliValue(c.resources?.requests?.cpu ?? 0);
      u.memory += wholeValue(c.resources?.requests?.memory ?? 0);
    }
    u.pods++;
    used.set(node, u);
  }
  let over = 0;
  let example = '';
  for (const n of end.nodes) {
    const a = n.status?.allocatable ?? {};
    const u = used.get(n.metadata.name!);
    if (u && (u.cpu > milliValue(a.cpu ?? 0) || u.memory > wholeValue(a.memory ?? 0) || u.pods > wholeValue(a.pods ?? 0))) {
      if (over++ === 0) example = ` (e.g. ${n.metadata.name}: ${u.cpu}m CPU, ${u.pods} pods)`;
    }
  }
  const common: Verdict[] = [
    { ok: unbound.length === 0, lines: [`measured pods bound  ${end.measuredNames.length - unbound.length} of ${end.measuredNames.length}${unbound.length ? ` (e.g. ${unbound[0]} is not)` : ''}`] },
    { ok: over === 0, lines: [`node capacity        ${over} of ${end.nodes.length} nodes over their allocatable${example}`] },
    { ok: terminating === 0, lines: [`terminating pods     ${terminating} left with a deletionTimestamp`] },
  ];
  const all = [...common, ...own];
  return { ok: all.every((v) => v.ok), lines: all.flatMap((v) => v.lines.map((l) => `${v.ok ? 'ok  ' : 'FAIL'} ${l}`)) };
}
