// Pod (anti-)affinity terms as InterPodAffinity evaluates them (kube-scheduler framework
// AffinityTerm / WeightedAffinityTerm), parsed once per pod version and shared by every cycle.
//
// Contract:
//  - A term selects pods by label (labelSelector: missing matches nothing, {} everything) in
//    a set of namespaces: the listed ones, plus those whose labels match namespaceSelector
//    ({} = every namespace, missing = none). No namespaces and no namespaceSelector means
//    the namespace of the pod that owns the term.
//  - matchLabelKeys / mismatchLabelKeys are not read here: the API server folds them into
//    labelSelector when the pod is created (api/defaults/pod-create.ts), as kube-apiserver
//    1.31+ does, so the scheduler sees them as ordinary requirements.
//  - termsOf(pod) caches by the pod's spec.affinity object: Pods are never mutated and the
//    cache's assumed copy (PodInfo.withNodeName) shares it, so a bound pod is parsed once.
//    A term list whose selectors do not parse is empty, with the error kept in `errors`
//    (kube-scheduler's PodInfo drops such a list the same way).
//  - withNamespacesResolved(term, source) turns the incoming pod's namespaceSelector into
//    namespace names once per cycle, so matching it against existing pods never needs their
//    namespaces' labels.

import { LabelSelector, selectorFromObject, type Labels } from '../../../api/labels/index.js';
import type { Affinity, Namespace, Pod, PodAffinityTerm, WeightedPodAffinityTerm } from '../../../api/types/core-v1.js';
import type { Lister } from '../../../client/informer/lister.js';

export interface AffinityTerm {
  readonly namespaces: ReadonlySet<string>;
  readonly selector: LabelSelector;
  readonly topologyKey: string;
  readonly namespaceSelector: LabelSelector;
  /** Equal for terms that select the same pods in the same domains (terms of one
   *  workload's pods share it): what lets the cluster index count them together. */
  readonly signature: string;
}

export interface WeightedAffinityTerm {
  readonly term: AffinityTerm;
  readonly weight: number;
}

export interface PodAffinityTerms {
  /** The namespace the terms were parsed for (the default namespace of a term). */
  readonly namespace: string;
  readonly requiredAffinity: readonly AffinityTerm[];
  readonly requiredAntiAffinity: readonly AffinityTerm[];
  readonly preferredAffinity: readonly WeightedAffinityTerm[];
  readonly preferredAntiAffinity: readonly WeightedAffinityTerm[];
  /** Parse failures, one per term list, as "<list>: <message>". */
  readonly errors: readonly string[];
}

/** What the plugin needs to know about namespaces (a Namespace lister, or a map in tests). */
export interface NamespaceSource {
  /** The namespace's labels; undefined when the namespace is unknown. */
  namespaceLabels(name: string): Labels | undefined;
  /** The names of the namespaces whose labels the selector matches. */
  namespacesMatching(selector: LabelSelector): string[];
}

const NONE: readonly never[] = Object.freeze([]);

export const NO_TERMS: PodAffinityTerms = Object.freeze({
  namespace: '',
  requiredAffinity: NONE,
  requiredAntiAffinity: NONE,
  preferredAffinity: NONE,
  preferredAntiAffinity: NONE,
  errors: NONE,
});

function selectorText(s: LabelSelector): string | null {
  return s.matchesNothing() ? null : s.toString();
}

function makeTerm(namespaces: ReadonlySet<string>, selector: LabelSelector, topologyKey: string, namespaceSelector: LabelSelector): AffinityTerm {
  // Requirements print canonically (sorted, validated values), so equal text means an
  // equal selector; null keeps "nothing" apart from "everything" (both print as '').
  const signature = JSON.stringify([topologyKey, [...namespaces].sort(), selectorText(selector), selectorText(namespaceSelector)]);
  return { namespaces, selector, topologyKey, namespaceSelector, signature };
}

function newAffinityTerm(namespace: string, t: PodAffinityTerm): AffinityTerm {
  const listed = t.namespaces ?? [];
  const namespaces = listed.length === 0 && t.namespaceSelector == null ? new Set([namespace]) : new Set(listed);
  return makeTerm(namespaces, selectorFromObject(t.labelSelector), t.topologyKey, selectorFromObject(t.namespaceSelector));
}

function parseList<T, R>(name: string, list: readonly T[] | undefined, parse: (t: T) => R, errors: string[]): readonly R[] {
  if (!list || list.length === 0) return NONE;
  try {
    return list.map(parse);
  } catch (err) {
    errors.push(`${name}: ${err instanceof Error ? err.message : String(err)}`);
    return NONE;
  }
}

/** Parses every pod affinity term of an affinity, as owned by a pod in namespace. */
export function parseAffinityTerms(affinity: Affinity | undefined, namespace: string): PodAffinityTerms {
  const pa = affinity?.podAffinity;
  const paa = affinity?.podAntiAffinity;
  if (!pa && !paa) return NO_TERMS;
  const errors: string[] = [];
  const required = (t: PodAffinityTerm): AffinityTerm => newAffinityTerm(namespace, t);
  const weighted = (w: WeightedPodAffinityTerm): WeightedAffinityTerm => ({ term: newAffinityTerm(namespace, w.podAffinityTerm), weight: w.weight });
  return {
    namespace,
    requiredAffinity: parseList('requiredAffinityTerms', pa?.requiredDuringSchedulingIgnoredDuringExecution, required, errors),
    requiredAntiAffinity: parseList('requiredAntiAffinityTerms', paa?.requiredDuringSchedulingIgnoredDuringExecution, required, errors),
    preferredAffinity: parseList('preferredAffinityTerms', pa?.preferredDuringSchedulingIgnoredDuringExecution, weighted, errors),
    preferredAntiAffinity: parseList('preferredAntiAffinityTerms', paa?.preferredDuringSchedulingIgnoredDuringExecution, weighted, errors),
    errors,
  };
}

const cache = new WeakMap<Affinity, PodAffinityTerms>();

/** The parsed terms of a pod, from the cache when this affinity object was parsed before. */
export function termsOf(pod: Pod): PodAffinityTerms {
  const affinity = pod.spec?.affinity;
  if (!affinity || (!affinity.podAffinity && !affinity.podAntiAffinity)) return NO_TERMS;
  const namespace = pod.metadata.namespace ?? '';
  let terms = cache.get(affinity);
  if (terms === undefined || terms.namespace !== namespace) {
    terms = parseAffinityTerms(affinity, namespace);
    cache.set(affinity, terms);
  }
  return terms;
}

/**
 * Whether a pod (its namespace and labels) is selected by the term. nsLabels are the labels
 * of the pod's namespace, needed only for a term whose namespaceSelector was not resolved.
 */
export function termMatches(t: AffinityTerm, namespace: string, labels: Labels | undefined, nsLabels: Labels | undefined): boolean {
  return (t.namespaces.has(namespace) || t.namespaceSelector.matches(nsLabels)) && t.selector.matches(labels);
}

/** Every term selects the pod; false for no terms (nothing to be the "first pod" of). */
export function matchesAllTerms(terms: readonly AffinityTerm[], pod: Pod): boolean {
  if (terms.length === 0) return false;
  const ns = pod.metadata.namespace ?? '';
  const labels = pod.metadata.labels;
  for (let i = 0; i < terms.length; i++) if (!termMatches(terms[i]!, ns, labels, undefined)) return false;
  return true;
}

/**
 * The term with its namespaceSelector replaced by the names it selects now. An empty
 * selector stays (it matches every namespace without a lookup); a missing one has nothing
 * to add.
 */
export function withNamespacesResolved(t: AffinityTerm, source: NamespaceSource): AffinityTerm {
  const sel = t.namespaceSelector;
  if (sel.isEmpty() || sel.matchesNothing()) return t;
  const namespaces = new Set(t.namespaces);
  for (const name of source.namespacesMatching(sel)) namespaces.add(name);
  return makeTerm(namespaces, t.selector, t.topologyKey, LabelSelector.NOTHING);
}

export function resolveAll(terms: readonly AffinityTerm[], source: NamespaceSource): readonly AffinityTerm[] {
  for (const t of terms) {
    const sel = t.namespaceSelector;
    if (!sel.isEmpty() && !sel.matchesNothing()) return terms.map((x) => withNamespacesResolved(x, source));
  }
  return terms;
}

export function resolveAllWeighted(terms: readonly WeightedAffinityTerm[], source: NamespaceSource): readonly WeightedAffinityTerm[] {
  for (const w of terms) {
    const sel = w.term.namespaceSelector;
    if (!sel.isEmpty() && !sel.matchesNothing()) return terms.map((x) => ({ term: withNamespacesResolved(x.term, source), weight: x.weight }));
  }
  return terms;
}

/** A NamespaceSource over a Namespace lister (the scheduler's informer cache). */
export function namespaceSourceFromLister(lister: Lister<Namespace>): NamespaceSource {
  return {
    namespaceLabels: (name) => lister.get('', name)?.metadata.labels,
    namespacesMatching: (selector) => lister.list(selector).map((n) => n.metadata.name ?? ''),
  };
}

/** A NamespaceSource over fixed namespace labels (tests, frameworks without informers). */
export function namespaceSourceFromMap(namespaces: Readonly<Record<string, Labels>>): NamespaceSource {
  const entries = Object.entries(namespaces);
  return {
    namespaceLabels: (name) => (Object.hasOwn(namespaces, name) ? namespaces[name] : undefined),
    namespacesMatching: (selector) => entries.filter(([, labels]) => selector.matches(labels)).map(([name]) => name),
  };
}

/** The value of a node label; undefined when absent (never an inherited property). */
export function labelValue(labels: Labels | undefined, key: string): string | undefined {
  if (labels === undefined) return undefined;
  const v = labels[key];
  return typeof v === 'string' ? v : undefined;
}
