// The Priority admission plugin (not defaulting: Kubernetes resolves it in admission, on pod
// create): a pod's priority comes from its PriorityClass — or, without a class name, from the
// global default class (the lowest-valued one if several claim it), else 0 — and so does its
// preemptionPolicy (PreemptLowerPriority without a default class). A pod may not state a
// priority or preemption policy that differs from the resolved one.

import type { KubeObject } from '../meta.js';
import { isNil, str, struct } from './values.js';

/** What a pod gets when no PriorityClass is the global default. */
export const PRIORITY_WITHOUT_DEFAULT_CLASS = 0;

/**
 * Resolves the pod's priority against the cluster's PriorityClasses, in place. Returns the
 * reason the pod is forbidden (the admission error wraps it as `pods "<name>" is forbidden:
 * <reason>`), or undefined when it was admitted.
 */
export function resolvePodPriority(pod: KubeObject, classes: readonly KubeObject[]): string | undefined {
  const spec = struct(pod, 'spec');
  if (!spec) return undefined;
  const className = str(spec, 'priorityClassName');
  let priority: number;
  let policy: unknown;
  if (className === '') {
    let chosen: KubeObject | undefined;
    for (const pc of classes) {
      if (pc.globalDefault !== true) continue;
      if (!chosen || value(chosen) > value(pc)) chosen = pc;
    }
    if (chosen) {
      spec.priorityClassName = chosen.metadata.name ?? '';
      priority = value(chosen);
      policy = chosen.preemptionPolicy;
    } else {
      priority = PRIORITY_WITHOUT_DEFAULT_CLASS;
      policy = 'PreemptLowerPriority';
    }
    if (spec.priorityClassName === '') delete spec.priorityClassName;
  } else {
    const pc = classes.find((c) => c.metadata.name === className);
    if (!pc) return `no PriorityClass with name ${className} was found`;
    priority = value(pc);
    policy = pc.preemptionPolicy;
  }
  if (!isNil(spec.priority) && spec.priority !== priority) {
    return `the integer value of priority (${String(spec.priority)}) must not be provided in pod spec; priority admission controller computed ${priority} from the given PriorityClass name`;
  }
  spec.priority = priority;
  if (typeof policy === 'string') {
    if (!isNil(spec.preemptionPolicy) && spec.preemptionPolicy !== policy) {
      return `the string value of PreemptionPolicy (${String(spec.preemptionPolicy)}) must not be provided in pod spec; priority admission controller computed ${policy} from the given PriorityClass name`;
    }
    spec.preemptionPolicy = policy;
  }
  return undefined;
}

function value(pc: KubeObject): number {
  return typeof pc.value === 'number' ? pc.value : 0;
}

/** The PriorityClasses Kubernetes' API server creates at startup. */
export const SYSTEM_PRIORITY_CLASSES: readonly KubeObject[] = [
  {
    apiVersion: 'scheduling.k8s.io/v1',
    kind: 'PriorityClass',
    metadata: { name: 'system-node-critical' },
    value: 2000001000,
    description: 'Used for system critical pods that must not be moved from their current node.',
    preemptionPolicy: 'PreemptLowerPriority',
  },
  {
    apiVersion: 'scheduling.k8s.io/v1',
    kind: 'PriorityClass',
    metadata: { name: 'system-cluster-critical' },
    value: 2000000000,
    description: 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.',
    preemptionPolicy: 'PreemptLowerPriority',
  },
];
