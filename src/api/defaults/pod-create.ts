// What the Pod registry strategy does to a new pod (not defaulting: Kubernetes does it when it
// prepares the pod for storage, after admission): the status starts as phase Pending with the
// pod's QoS class, plus a PodScheduled=False/SchedulingGated condition while scheduling gates
// remain; and each pod (anti-)affinity term's matchLabelKeys / mismatchLabelKeys become
// In / NotIn requirements on the pod's own label values (MatchLabelKeysInPodAffinity is on in
// 1.32). The QoS class: BestEffort without any positive cpu/memory request or limit;
// Guaranteed when every init and regular container limits both cpu and memory and the summed
// requests equal the summed limits for every resource; Burstable otherwise.

import type { KubeObject } from '../meta.js';
import { Quantity } from '../quantity.js';
import { goLen, isObj, items, pointer, type Obj } from './values.js';

export type QOSClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

const QOS_RESOURCES = new Set(['cpu', 'memory']);

/** Sets the status and affinity of a pod being created (call from the pod strategy's prepareForCreate). */
export function preparePodForCreate(pod: KubeObject): void {
  pod.status = initialPodStatus(pod);
  applyMatchLabelKeys(pod);
}

/** A new pod's status. */
export function initialPodStatus(pod: KubeObject): Obj {
  const status: Obj = { phase: 'Pending', qosClass: podQOSClass(pod) };
  const spec = isObj(pod.spec) ? pod.spec : {};
  if (goLen(spec.schedulingGates) > 0) {
    status.conditions = [
      {
        type: 'PodScheduled',
        status: 'False',
        lastProbeTime: null,
        lastTransitionTime: null,
        reason: 'SchedulingGated',
        message: 'Scheduling is blocked due to non-empty scheduling gates',
      },
    ];
  }
  return status;
}

/** Kubernetes' GetPodQOS. */
export function podQOSClass(pod: KubeObject): QOSClass {
  const spec = isObj(pod.spec) ? pod.spec : {};
  const requests = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  let guaranteed = true;
  for (const c of [...items(spec, 'containers'), ...items(spec, 'initContainers')]) {
    const resources = pointer(c, 'resources') ?? {};
    addPositive(requests, resources.requests);
    const found = addPositive(limits, resources.limits);
    if (!found.has('cpu') || !found.has('memory')) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, request] of requests) {
      const limit = limits.get(name);
      if (!limit || !limit.equals(request)) {
        guaranteed = false;
        break;
      }
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}

/** Adds the positive cpu/memory quantities of a resource list to the sums; returns their names. */
function addPositive(sums: Map<string, Quantity>, list: unknown): Set<string> {
  const found = new Set<string>();
  if (!isObj(list)) return found;
  for (const [name, raw] of Object.entries(list)) {
    if (!QOS_RESOURCES.has(name) || (typeof raw !== 'string' && typeof raw !== 'number')) continue;
    let q: Quantity;
    try {
      q = Quantity.fromJSON(raw);
    } catch {
      continue;
    }
    if (q.sign() <= 0) continue;
    found.add(name);
    const sum = sums.get(name);
    sums.set(name, sum ? sum.add(q) : q);
  }
  return found;
}

/** Turns matchLabelKeys / mismatchLabelKeys of the pod's affinity terms into label selector requirements. */
export function applyMatchLabelKeys(pod: KubeObject): void {
  const spec = isObj(pod.spec) ? pod.spec : undefined;
  const affinity = spec && pointer(spec, 'affinity');
  if (!affinity) return;
  const labels = isObj(pod.metadata?.labels) ? pod.metadata.labels : {};
  for (const kind of ['podAffinity', 'podAntiAffinity']) {
    const a = pointer(affinity, kind);
    if (!a) continue;
    for (const weighted of items(a, 'preferredDuringSchedulingIgnoredDuringExecution')) {
      const term = pointer(weighted, 'podAffinityTerm');
      if (term) applyLabelKeys(term, labels);
    }
    for (const term of items(a, 'requiredDuringSchedulingIgnoredDuringExecution')) applyLabelKeys(term, labels);
  }
}

function applyLabelKeys(term: Obj, labels: Record<string, string>): void {
  if (goLen(term.matchLabelKeys) === 0 && goLen(term.mismatchLabelKeys) === 0) return;
  const selector = pointer(term, 'labelSelector');
  // A nil selector matches nothing: there is nothing to narrow.
  if (!selector) return;
  const added: Obj[] = [];
  for (const [field, operator] of [
    ['matchLabelKeys', 'In'],
    ['mismatchLabelKeys', 'NotIn'],
  ] as const) {
    const keys = term[field];
    if (!Array.isArray(keys)) continue;
    for (const key of keys) {
      if (typeof key === 'string' && Object.hasOwn(labels, key)) added.push({ key, operator, values: [labels[key]] });
    }
  }
  if (added.length === 0) return;
  const existing = selector.matchExpressions;
  if (existing !== undefined && existing !== null && !Array.isArray(existing)) return;
  selector.matchExpressions = [...(existing ?? []), ...added];
}

