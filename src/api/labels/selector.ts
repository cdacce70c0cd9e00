// A label selector: the AND of its requirements, kept sorted by key as Kubernetes keeps them,
// so toString() is the canonical form Kubernetes prints. The empty selector matches
// everything; the distinct "nothing" selector (what a nil metav1 LabelSelector converts to)
// matches no object. Selectors are immutable and safe to share across requests.

import { newRequirement, Requirement, type Labels } from './requirement.js';

function byKey(a: Requirement, b: Requirement): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

export class LabelSelector {
  static readonly EVERYTHING = new LabelSelector([], false);
  static readonly NOTHING = new LabelSelector([], true);

  readonly requirements: readonly Requirement[];
  readonly #nothing: boolean;

  private constructor(sortedRequirements: readonly Requirement[], nothing: boolean) {
    this.requirements = Object.freeze(sortedRequirements);
    this.#nothing = nothing;
  }

  /** A selector over these requirements, sorted by key (stable, as Kubernetes' sort is for short lists). */
  static of(requirements: readonly Requirement[]): LabelSelector {
    if (requirements.length === 0) return LabelSelector.EVERYTHING;
    return new LabelSelector([...requirements].sort(byKey), false);
  }

  matches(labels: Labels | null | undefined): boolean {
    if (this.#nothing) return false;
    const reqs = this.requirements;
    for (let i = 0; i < reqs.length; i++) if (!reqs[i]!.matches(labels)) return false;
    return true;
  }

  /** True when the selector does not restrict anything (never for the nothing selector). */
  isEmpty(): boolean {
    return !this.#nothing && this.requirements.length === 0;
  }

  /** True only for the selector that matches no object. */
  matchesNothing(): boolean {
    return this.#nothing;
  }

  toString(): string {
    return this.requirements.join(',');
  }

  /** The value the selector pins `key` to with =, == or a one-value in, if it does. */
  requiresExactMatch(key: string): string | undefined {
    for (const r of this.requirements) {
      if (r.key !== key) continue;
      if ((r.operator === '=' || r.operator === '==' || r.operator === 'in') && r.values.length === 1) return r.values[0];
      return undefined;
    }
    return undefined;
  }

  /** A new selector with more requirements; the nothing selector stays nothing. */
  add(...requirements: Requirement[]): LabelSelector {
    if (this.#nothing) return this;
    return LabelSelector.of([...this.requirements, ...requirements]);
  }
}

/** Kubernetes' SelectorFromSet: key=value for every label, unvalidated. */
export function selectorFromSet(labels: Labels | null | undefined): LabelSelector {
  if (!labels) return LabelSelector.EVERYTHING;
  return LabelSelector.of(Object.entries(labels).map(([k, v]) => new Requirement(k, '=', [v])));
}

/** Kubernetes' ValidatedSelectorFromSet: as selectorFromSet, but rejects invalid keys or values. */
export function validatedSelectorFromSet(labels: Labels | null | undefined): LabelSelector {
  if (!labels) return LabelSelector.EVERYTHING;
  const keys = Object.keys(labels).sort();
  const reqs: Requirement[] = [];
  for (const k of keys) reqs.push(newRequirement(k, '=', [labels[k]!]));
  return LabelSelector.of(reqs);
}

/** True when every key=value of `selector` is present in `labels` (Set.AsSelector().Matches). */
export function labelsContain(labels: Labels | null | undefined, selector: Labels): boolean {
  for (const k in selector) {
    if (!Object.prototype.hasOwnProperty.call(selector, k)) continue;
    const v = labels?.[k];
    if (typeof v !== 'string' || v !== selector[k]) return false;
  }
  return true;
}
