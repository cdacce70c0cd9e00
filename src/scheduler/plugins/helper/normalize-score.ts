// DefaultNormalizeScore (kube-scheduler plugins/helper): scales scores so the highest becomes
// maxPriority (integer arithmetic, as Go's int64); with reverse, high raw scores become low.
// All zeros stay 0, or become maxPriority when reversed.

import type { Status } from '../../framework/status.js';

export function defaultNormalizeScore(maxPriority: number, reverse: boolean, scores: Float64Array): Status | null {
  let max = 0;
  for (let i = 0; i < scores.length; i++) if (scores[i]! > max) max = scores[i]!;
  if (max === 0) {
    if (reverse) scores.fill(maxPriority);
    return null;
  }
  for (let i = 0; i < scores.length; i++) {
    let s = Math.trunc((maxPriority * scores[i]!) / max);
    if (reverse) s = maxPriority - s;
    scores[i] = s;
  }
  return null;
}
