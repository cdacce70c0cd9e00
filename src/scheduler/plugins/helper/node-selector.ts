// Node selectors as the scheduler evaluates them (component-helpers nodeaffinity), compiled
// once per pod so that matching a node is a few map lookups.
//
// Contract:
//  - A NodeSelectorTerm matches when all its matchExpressions (on labels) and matchFields (on
//    fields; only metadata.name) hold; a term with neither matches nothing; a term with an
//    invalid requirement matches nothing (the error is kept for callers that report it).
//  - Terms of a NodeSelector are ORed.
//  - Operators: In, NotIn (also true when the label is absent), Exists, DoesNotExist, Gt and
//    Lt (both sides parsed as integers; a value that is not one never matches).
//  - RequiredNodeAffinity = pod.spec.nodeSelector (every pair equal) AND the required node
//    affinity terms (if any).
//  - PreferredSchedulingTerms: the sum of the weights of the matching preferred terms
//    (weight 0 terms are ignored).

import type { Node, NodeSelector, NodeSelectorRequirement, NodeSelectorTerm, Pod, PreferredSchedulingTerm } from '../../../api/types/core-v1.js';

export const OBJECT_NAME_FIELD = 'metadata.name';

type Matcher = (labels: Readonly<Record<string, string>>, name: string) => boolean;

const INT_RE = /^[+-]?\d+$/;

function compileExpression(r: NodeSelectorRequirement): Matcher {
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In': {
      if (values.length === 0) throw new Error(`${r.key}: for 'In' operator, values set can't be empty`);
      const set = new Set(values);
      return (labels) => {
        const v = labels[r.key];
        return v !== undefined && set.has(v);
      };
    }
    case 'NotIn': {
      if (values.length === 0) throw new Error(`${r.key}: for 'NotIn' operator, values set can't be empty`);
      const set = new Set(values);
      return (labels) => {
        const v = labels[r.key];
        return v === undefined || !set.has(v);
      };
    }
    case 'Exists':
      if (values.length !== 0) throw new Error(`${r.key}: values set must be empty for exists and does not exist`);
      return (labels) => labels[r.key] !== undefined;
    case 'DoesNotExist':
      if (values.length !== 0) throw new Error(`${r.key}: values set must be empty for exists and does not exist`);
      return (labels) => labels[r.key] === undefined;
    case 'Gt':
    case 'Lt': {
      if (values.length !== 1 || !INT_RE.test(values[0]!)) throw new Error(`${r.key}: for 'Gt', 'Lt' operators, exactly one integer value is required`);
      const bound = BigInt(values[0]!);
      const gt = r.operator === 'Gt';
      return (labels) => {
        const v = labels[r.key];
        if (v === undefined || !INT_RE.test(v)) return false;
        const n = BigInt(v);
        return gt ? n > bound : n < bound;
      };
    }
    default:
      throw new Error(`${String(r.operator)} is not a valid label selector operator`);
  }
}

function compileField(r: NodeSelectorRequirement): Matcher {
  if (r.key !== OBJECT_NAME_FIELD) throw new Error(`${r.key}: not a valid field selector key`);
  const set = new Set(r.values ?? []);
  if (r.operator === 'In') return (_labels, name) => set.has(name);
  if (r.operator === 'NotIn') return (_labels, name) => !set.has(name);
  throw new Error(`${String(r.operator)} is not a valid field selector operator`);
}

const NEVER: Matcher = () => false;
const NO_LABELS: Readonly<Record<string, string>> = {};

/** One term compiled: all its requirements must hold. */
export function compileTerm(term: NodeSelectorTerm): { match: Matcher; error?: Error } {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return { match: NEVER };
  try {
    const ms = [...exprs.map(compileExpression), ...fields.map(compileField)];
    if (ms.length === 1) return { match: ms[0]! };
    return { match: (labels, name) => ms.every((m) => m(labels, name)) };
  } catch (err) {
    return { match: NEVER, error: err as Error };
  }
}

export class CompiledNodeSelector {
  readonly #terms: Matcher[];
  readonly errors: Error[] = [];

  constructor(selector: NodeSelector) {
    this.#terms = selector.nodeSelectorTerms.map((t) => {
      const c = compileTerm(t);
      if (c.error) this.errors.push(c.error);
      return c.match;
    });
  }

  match(node: Node): boolean {
    const labels = node.metadata.labels ?? NO_LABELS;
    const name = node.metadata.name ?? '';
    for (const t of this.#terms) if (t(labels, name)) return true;
    return false;
  }
}

/** What a pod requires of its node's labels: nodeSelector and required node affinity. */
export class RequiredNodeAffinity {
  readonly #selector: readonly (readonly [string, string])[] | null;
  readonly #affinity: CompiledNodeSelector | null;

  constructor(pod: Pod) {
    const ns = pod.spec?.nodeSelector;
    this.#selector = ns && Object.keys(ns).length > 0 ? Object.entries(ns) : null;
    const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    this.#affinity = required ? new CompiledNodeSelector(required) : null;
  }

  match(node: Node): boolean {
    if (this.#selector) {
      const labels = node.metadata.labels ?? NO_LABELS;
      for (const [k, v] of this.#selector) if (labels[k] !== v) return false;
    }
    return this.#affinity ? this.#affinity.match(node) : true;
  }
}

/** Preferred node affinity terms, scored by the sum of matching weights. */
export class PreferredSchedulingTerms {
  readonly #terms: { weight: number; match: Matcher }[] = [];
  readonly errors: Error[] = [];

  constructor(terms: readonly PreferredSchedulingTerm[]) {
    for (const t of terms) {
      if (!t.weight) continue;
      const c = compileTerm(t.preference);
      if (c.error) this.errors.push(c.error);
      else this.#terms.push({ weight: t.weight, match: c.match });
    }
  }

  get length(): number {
    return this.#terms.length;
  }

  score(node: Node): number {
    const labels = node.metadata.labels ?? NO_LABELS;
    const name = node.metadata.name ?? '';
    let sum = 0;
    for (const t of this.#terms) if (t.match(labels, name)) sum += t.weight;
    return sum;
  }
}
