// One term of a label selector: a key, an operator and its values. A Requirement is immutable
// and precomputes what matching needs (a Set for long value lists, the integer for gt/lt), so
// matches() does no allocation: it runs for every object on every filtered list and watch.

import { LabelSelectorError } from './errors.js';
import { goAggregate, goInvalid, goQuote, goStringSlice } from './go-format.js';
import { isQualifiedName, isValidLabelValue } from './validation.js';

/** Kubernetes' selection.Operator values. */
export type Operator = 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | 'gt' | 'lt';

export const BINARY_OPERATORS: readonly Operator[] = ['in', 'notin', '=', '==', '!=', 'gt', 'lt'];
export const UNARY_OPERATORS: readonly Operator[] = ['exists', '!'];

/** A label set as objects carry it in metadata.labels. */
export type Labels = Readonly<Record<string, string>>;

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const DECIMAL = /^[+-]?[0-9]+$/;

/** Go's strconv.ParseInt(s, 10, 64), or undefined where Go returns an error. */
export function parseInt64(s: string): bigint | undefined {
  if (!DECIMAL.test(s)) return undefined;
  const n = BigInt(s);
  return n < INT64_MIN || n > INT64_MAX ? undefined : n;
}

// Values lists longer than this get a Set; shorter ones are scanned, which is faster.
const SET_THRESHOLD = 6;

/** Own string value of `key`, so keys like "constructor" never hit Object.prototype. */
function lookup(labels: Labels | null | undefined, key: string): string | undefined {
  if (labels == null) return undefined;
  const v = labels[key];
  return typeof v === 'string' ? v : undefined;
}

export class Requirement {
  readonly key: string;
  readonly operator: Operator;
  /** The values as given; parsing already sorted and de-duplicated them. */
  readonly values: readonly string[];
  readonly #set: ReadonlySet<string> | undefined;
  readonly #bound: bigint | undefined;

  /** Builds a requirement without validation; use newRequirement for input from users. */
  constructor(key: string, operator: Operator, values: readonly string[]) {
    this.key = key;
    this.operator = operator;
    this.values = Object.freeze([...values]);
    this.#set = values.length > SET_THRESHOLD ? new Set(values) : undefined;
    this.#bound = (operator === 'gt' || operator === 'lt') && values.length === 1 ? parseInt64(values[0]!) : undefined;
  }

  #has(value: string): boolean {
    if (this.#set) return this.#set.has(value);
    const vs = this.values;
    for (let i = 0; i < vs.length; i++) if (vs[i] === value) return true;
    return false;
  }

  matches(labels: Labels | null | undefined): boolean {
    switch (this.operator) {
      case 'in':
      case '=':
      case '==': {
        const v = lookup(labels, this.key);
        return v !== undefined && this.#has(v);
      }
      case 'notin':
      case '!=': {
        const v = lookup(labels, this.key);
        return v === undefined || !this.#has(v);
      }
      case 'exists':
        return lookup(labels, this.key) !== undefined;
      case '!':
        return lookup(labels, this.key) === undefined;
      case 'gt':
      case 'lt': {
        const v = lookup(labels, this.key);
        if (v === undefined || this.#bound === undefined) return false;
        const n = parseInt64(v);
        if (n === undefined) return false;
        return this.operator === 'gt' ? n > this.#bound : n < this.#bound;
      }
    }
  }

  /** Kubernetes' Requirement.String(): values sorted on output, the stored order untouched. */
  toString(): string {
    const op = this.operator;
    if (op === 'exists') return this.key;
    if (op === '!') return `!${this.key}`;
    const values = this.values.length === 1 ? this.values[0]! : sortedCopy(this.values).join(',');
    switch (op) {
      case 'in':
        return `${this.key} in (${values})`;
      case 'notin':
        return `${this.key} notin (${values})`;
      case 'gt':
        return `${this.key}>${values}`;
      case 'lt':
        return `${this.key}<${values}`;
      default:
        return `${this.key}${op}${values}`;
    }
  }

  equals(other: Requirement): boolean {
    if (this.key !== other.key || this.operator !== other.operator) return false;
    if (this.values.length !== other.values.length) return false;
    return this.values.every((v, i) => v === other.values[i]);
  }
}

function sortedCopy(values: readonly string[]): string[] {
  return [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Kubernetes' NewRequirement: validates the key, the operator's arity and every value, and
 * throws one LabelSelectorError carrying all problems in field.Error wording. `values` is
 * null for Go's nil slice, which only changes how an empty list is printed.
 */
export function newRequirement(key: string, operator: string, values: readonly string[] | null): Requirement {
  const errs: string[] = [];
  const keyErrs = isQualifiedName(key);
  if (keyErrs.length > 0) errs.push(goInvalid('key', goQuote(key), keyErrs.join('; ')));
  const vals = values ?? [];
  switch (operator) {
    case 'in':
    case 'notin':
      if (vals.length === 0) {
        errs.push(goInvalid('values', goStringSlice(values), "for 'in', 'notin' operators, values set can't be empty"));
      }
      break;
    case '=':
    case '==':
    case '!=':
      if (vals.length !== 1) {
        errs.push(goInvalid('values', goStringSlice(values), 'exact-match compatibility requires one single value'));
      }
      break;
    case 'exists':
    case '!':
      if (vals.length !== 0) {
        errs.push(goInvalid('values', goStringSlice(values), 'values set must be empty for exists and does not exist'));
      }
      break;
    case 'gt':
    case 'lt':
      if (vals.length !== 1) {
        errs.push(goInvalid('values', goStringSlice(values), "for 'Gt', 'Lt' operators, exactly one value is required"));
      }
      vals.forEach((v, i) => {
        if (parseInt64(v) === undefined) {
          errs.push(goInvalid(`values[${i}]`, goQuote(v), "for 'Gt', 'Lt' operators, the value must be an integer"));
        }
      });
      break;
    default: {
      const supported = [...BINARY_OPERATORS, ...UNARY_OPERATORS].map(goQuote).join(', ');
      errs.push(`operator: Unsupported value: ${goQuote(operator)}: supported values: ${supported}`);
    }
  }
  vals.forEach((v, i) => {
    const valueErrs = isValidLabelValue(v);
    if (valueErrs.length > 0) errs.push(goInvalid(`values[${i}][${key}]`, goQuote(v), valueErrs.join('; ')));
  });
  const message = goAggregate(errs);
  if (message !== undefined) throw new LabelSelectorError(message);
  return new Requirement(key, operator as Operator, vals);
}
