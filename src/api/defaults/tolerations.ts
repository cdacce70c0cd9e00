// The DefaultTolerationSeconds admission plugin (not defaulting: Kubernetes adds these in
// admission, on pod create and update): a pod that does not already tolerate the not-ready and
// unreachable NoExecute taints tolerates each for 300 s, so its node's controller evicts it five
// minutes after the node goes away rather than at once. A toleration with an empty key or an
// empty effect counts as tolerating the taint.

import type { KubeObject } from '../meta.js';
import { isObj, str, struct, type Obj } from './values.js';

export const NOT_READY_TAINT = 'node.kubernetes.io/not-ready';
export const UNREACHABLE_TAINT = 'node.kubernetes.io/unreachable';
export const DEFAULT_TOLERATION_SECONDS = 300;

/** Appends the not-ready and unreachable tolerations a pod lacks (admission: Pods, create and update). */
export function defaultTolerations(pod: KubeObject, seconds = DEFAULT_TOLERATION_SECONDS): void {
  const spec = struct(pod, 'spec');
  if (!spec) return;
  if (spec.tolerations !== undefined && spec.tolerations !== null && !Array.isArray(spec.tolerations)) return;
  const tolerations = (spec.tolerations ?? []) as unknown[];
  const tolerates = (taint: string) =>
    tolerations.some((t) => {
      if (!isObj(t)) return false;
      const key = str(t, 'key');
      const effect = str(t, 'effect');
      return (key === taint || key === '') && (effect === 'NoExecute' || effect === '');
    });
  const added: Obj[] = [];
  for (const taint of [NOT_READY_TAINT, UNREACHABLE_TAINT]) {
    if (!tolerates(taint)) added.push({ key: taint, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: seconds });
  }
  if (added.length > 0) spec.tolerations = [...tolerations, ...added];
}
