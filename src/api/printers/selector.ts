// How tables print a metav1 LabelSelector (matchLabels + matchExpressions): Kubernetes'
// LabelSelectorAsSelector(...).String(), one requirement per term, sorted by key. Nil and empty
// selectors both print as ''. Objects of the wrong shape count as invalid instead of throwing.

import { selectorFromObject, type LabelSelectorObject } from '../labels/index.js';
import { isPlainObject } from '../meta.js';

/** Whether v has the JSON shape of a LabelSelector, so the converter can read it safely. */
function wellFormed(v: Record<string, unknown>): v is LabelSelectorObject & Record<string, unknown> {
  const { matchLabels, matchExpressions } = v;
  if (matchLabels !== undefined && matchLabels !== null) {
    if (!isPlainObject(matchLabels) || !Object.values(matchLabels).every((x) => typeof x === 'string')) return false;
  }
  if (matchExpressions !== undefined && matchExpressions !== null) {
    if (!Array.isArray(matchExpressions)) return false;
    for (const e of matchExpressions) {
      if (!isPlainObject(e) || typeof e.key !== 'string' || typeof e.operator !== 'string') return false;
      const values = e.values;
      if (values !== undefined && values !== null && !(Array.isArray(values) && values.every((x) => typeof x === 'string'))) return false;
    }
  }
  return true;
}

/** The selector as a string; undefined when Kubernetes would reject it. */
export function selectorString(selector: unknown): string | undefined {
  if (!isPlainObject(selector)) return '';
  if (!wellFormed(selector)) return undefined;
  try {
    return selectorFromObject(selector).toString();
  } catch {
    return undefined;
  }
}

/** metav1.FormatLabelSelector: '<none>' for a selector matching everything (or nothing),
 *  '<error>' for one Kubernetes cannot parse. */
export function formatLabelSelector(selector: unknown): string {
  const s = selectorString(selector);
  if (s === undefined) return '<error>';
  return s === '' ? '<none>' : s;
}
