// Taints and tolerations (core/v1 helper ToleratesTaint, FindMatchingUntoleratedTaint).
//
// A toleration tolerates a taint when its effect is empty or equal, its key is empty or
// equal, and with operator Exists always, with Equal (or empty) when the values are equal.
// An empty key with Exists tolerates everything.

import type { Taint, Toleration } from '../../../api/types/core-v1.js';

export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  switch (t.operator ?? '') {
    case '':
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

export function tolerationsTolerateTaint(tolerations: readonly Toleration[], taint: Taint): boolean {
  for (const t of tolerations) if (toleratesTaint(t, taint)) return true;
  return false;
}

/** The first taint no toleration tolerates, or undefined. */
export function findUntoleratedTaint(taints: readonly Taint[], tolerations: readonly Toleration[]): Taint | undefined {
  for (const taint of taints) if (!tolerationsTolerateTaint(tolerations, taint)) return taint;
  return undefined;
}
