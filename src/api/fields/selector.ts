// Field selectors (`metadata.name=x,status.phase!=Running`): the AND of field = value and
// field != value terms, "==" being a synonym for "=". Values may escape "\", "," and "=" with
// a backslash; fields cannot escape anything, so a term splits at its first operator. Parsing
// follows Kubernetes 1.32 exactly: terms are sorted as raw text, empty terms are skipped, a
// term with both sides empty is dropped, and errors carry Kubernetes' text (400 BadRequest).
// Matching reads fields through a getter, absent fields reading as "".

import { StatusError } from '../errors.js';

export type FieldOperator = '=' | '!=';

export interface FieldRequirement {
  readonly field: string;
  /** "==" in the input is reported as "=", as Kubernetes reports it. */
  readonly operator: FieldOperator;
  readonly value: string;
}

export class FieldSelectorError extends StatusError {
  override name = 'FieldSelectorError';
  constructor(message: string) {
    super(400, 'BadRequest', message);
  }
}

/** Reads one field of an object, undefined when the object has no such field. */
export type FieldGetter = (field: string) => string | undefined;

/** Rewrites a term (e.g. a version's field label to the internal one); may throw. */
export type FieldTransform = (field: string, value: string) => [field: string, value: string];

export class FieldSelector {
  static readonly EVERYTHING = new FieldSelector([]);

  readonly #terms: readonly FieldRequirement[];

  private constructor(terms: readonly FieldRequirement[]) {
    this.#terms = Object.freeze(terms.map((t) => Object.freeze({ ...t })));
  }

  static of(terms: readonly FieldRequirement[]): FieldSelector {
    return terms.length === 0 ? FieldSelector.EVERYTHING : new FieldSelector(terms);
  }

  /** Kubernetes' OneTermEqualSelector. */
  static equals(field: string, value: string): FieldSelector {
    return new FieldSelector([{ field, operator: '=', value }]);
  }

  /** Kubernetes' SelectorFromSet: field=value for every entry. */
  static fromSet(set: Readonly<Record<string, string>> | null | undefined): FieldSelector {
    if (!set) return FieldSelector.EVERYTHING;
    return FieldSelector.of(Object.entries(set).map(([field, value]) => ({ field, operator: '=', value })));
  }

  requirements(): readonly FieldRequirement[] {
    return this.#terms;
  }

  isEmpty(): boolean {
    return this.#terms.length === 0;
  }

  matches(get: FieldGetter): boolean {
    const terms = this.#terms;
    for (let i = 0; i < terms.length; i++) {
      const t = terms[i]!;
      const actual = get(t.field) ?? '';
      if ((actual === t.value) !== (t.operator === '=')) return false;
    }
    return true;
  }

  /** The value an = term pins `field` to, if there is one. */
  requiresExactMatch(field: string): string | undefined {
    for (const t of this.#terms) if (t.operator === '=' && t.field === field) return t.value;
    return undefined;
  }

  /** A new selector with every term rewritten; terms turned into "" = "" are dropped. */
  transform(fn: FieldTransform): FieldSelector {
    const out: FieldRequirement[] = [];
    for (const t of this.#terms) {
      const [field, value] = fn(t.field, t.value);
      if (field === '' && value === '') continue;
      out.push({ field, operator: t.operator, value });
    }
    return FieldSelector.of(out);
  }

  toString(): string {
    return this.#terms.map((t) => `${t.field}${t.operator}${escapeFieldValue(t.value)}`).join(',');
  }
}

/** Kubernetes' EscapeValue: backslash-escapes \, "," and "=". */
export function escapeFieldValue(s: string): string {
  return s.replace(/[\\,=]/g, (c) => `\\${c}`);
}

/** Kubernetes' UnescapeValue, with its error texts. */
export function unescapeFieldValue(s: string): string {
  if (!/[\\,=]/.test(s)) return s;
  let out = '';
  let inSlash = false;
  for (const c of s) {
    if (inSlash) {
      if (c !== '\\' && c !== ',' && c !== '=') {
        throw new FieldSelectorError(`invalid field selector: invalid escape sequence: \\${c}`);
      }
      out += c;
      inSlash = false;
      continue;
    }
    if (c === '\\') inSlash = true;
    // Go prints the offending rune with %v, which is its code point number.
    else if (c === ',' || c === '=') throw new FieldSelectorError(`invalid field selector: unescaped character in value: ${c.codePointAt(0)}`);
    else out += c;
  }
  if (inSlash) throw new FieldSelectorError('invalid field selector: invalid escape sequence: \\');
  return out;
}

/** Splits at commas that are not backslash-escaped, keeping the escapes in the terms. */
function splitTerms(selector: string): string[] {
  if (selector.length === 0) return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < selector.length; i++) {
    const c = selector.charCodeAt(i);
    if (inSlash) inSlash = false;
    else if (c === 0x5c) inSlash = true;
    else if (c === 0x2c) {
      terms.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(selector.slice(start));
  return terms;
}

const OPERATORS = ['!=', '==', '='] as const;

function splitTerm(term: string): [string, (typeof OPERATORS)[number], string] | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of OPERATORS) {
      if (term.startsWith(op, i)) return [term.slice(0, i), op, term.slice(i + op.length)];
    }
  }
  return undefined;
}

// Go sorts the raw terms byte-wise; UTF-16 order differs only for astral characters.
function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** Parses a field selector; "" selects everything. Throws FieldSelectorError on bad input. */
export function parseFieldSelector(selector: string, transform?: FieldTransform): FieldSelector {
  const parts = splitTerms(selector).sort(byteOrder);
  const terms: FieldRequirement[] = [];
  for (const part of parts) {
    if (part === '') continue;
    const split = splitTerm(part);
    if (!split) throw new FieldSelectorError(`invalid selector: '${selector}'; can't understand '${part}'`);
    const [field, op, rhs] = split;
    terms.push({ field, operator: op === '!=' ? '!=' : '=', value: unescapeFieldValue(rhs) });
  }
  const parsed = FieldSelector.of(terms);
  return parsed.transform(transform ?? ((f, v) => [f, v]));
}
