// Kubernetes' resource.Quantity: a fixed-point decimal (an integer times a power of ten, both
// exact, never a float) that remembers which of three notations it was written in and prints
// itself in that notation's canonical form:
//
//   DecimalSI        500m, 1, 2k, 100M ...    (n u m "" k M G T P E)
//   BinarySI         1Ki, 1536Mi ...          (Ki Mi Gi Ti Pi Ei)
//   DecimalExponent  1e3, 12e-3 ...
//
// Parsing follows Kubernetes 1.32 step for step, including what it keeps by accident: a
// value below 1n rounds up to 1n, binary values are capped at 2^63-1, and a string that was
// already canonical is echoed back verbatim (so "+1" and "1E3" print as written). Quantities
// are immutable; arithmetic returns new ones.

import { StatusError } from './errors.js';

export type QuantityFormat = 'DecimalExponent' | 'BinarySI' | 'DecimalSI';

const SPLIT_RE = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
export const QUANTITY_FORMAT_ERROR = `quantities must match the regular expression '${SPLIT_RE}'`;
export const QUANTITY_NUMERIC_ERROR = 'unable to parse numeric part of quantity';
export const QUANTITY_SUFFIX_ERROR = "unable to parse quantity's suffix";

/**
 * A string that is not a quantity. The apiserver reports it while decoding a request body,
 * as a 400; the decoder may wrap the message (e.g. "... cannot be handled as a Pod: ...").
 */
export class QuantityParseError extends StatusError {
  override name = 'QuantityParseError';
  constructor(message: string) {
    super(400, 'BadRequest', message);
  }
}

const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);
const NANO = -9;
// Inputs with at most this many digits take Kubernetes' int64 fast path.
const MAX_INT64_FACTORS = 18;

const DECIMAL_SUFFIXES: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_SUFFIX_FOR: ReadonlyMap<number, string> = new Map(Object.entries(DECIMAL_SUFFIXES).map(([s, e]) => [e, s]));
const BINARY_SUFFIX_FOR: ReadonlyMap<number, string> = new Map(Object.entries(BINARY_SUFFIXES).map(([s, e]) => [e, s]));

const pow10Cache: bigint[] = [];
function pow10(n: number): bigint {
  if (n < 64) return (pow10Cache[n] ??= 10n ** BigInt(n));
  return 10n ** BigInt(n);
}

function abs(n: bigint): bigint {
  return n < 0n ? -n : n;
}

function digitCount(n: bigint): number {
  return abs(n).toString().length;
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

interface Scanned {
  positive: boolean;
  num: string;
  denom: string;
  suffix: string;
}

/** Kubernetes' parseQuantityString: sign, digits, fraction and the raw suffix. */
function scan(str: string): Scanned {
  let positive = true;
  let pos = 0;
  const end = str.length;
  if (str[0] === '-') {
    positive = false;
    pos++;
  } else if (str[0] === '+') {
    pos++;
  }
  for (;;) {
    if (pos >= end) return { positive, num: '0', denom: '', suffix: '' };
    if (str[pos] !== '0') break;
    pos++;
  }
  let i = pos;
  while (i < end && isDigit(str[i])) i++;
  let num = str.slice(pos, i);
  if (i >= end) return { positive, num, denom: '', suffix: '' };
  pos = i;
  if (num.length === 0) num = '0';
  let denom = '';
  if (str[pos] === '.') {
    pos++;
    i = pos;
    while (i < end && isDigit(str[i])) i++;
    denom = str.slice(pos, i);
    if (i >= end) return { positive, num, denom, suffix: '' };
    pos = i;
  }
  const suffixStart = pos;
  while (pos < end && 'eEinumkKMGTP'.includes(str[pos]!)) pos++;
  if (pos >= end) return { positive, num, denom, suffix: str.slice(suffixStart) };
  if (str[pos] === '-' || str[pos] === '+') pos++;
  while (pos < end && isDigit(str[pos])) pos++;
  if (pos >= end) return { positive, num, denom, suffix: str.slice(suffixStart) };
  throw new QuantityParseError(QUANTITY_FORMAT_ERROR);
}

interface Suffix {
  base: 2 | 10;
  exponent: number;
  format: QuantityFormat;
}

function interpretSuffix(s: string): Suffix | undefined {
  if (Object.prototype.hasOwnProperty.call(DECIMAL_SUFFIXES, s)) return { base: 10, exponent: DECIMAL_SUFFIXES[s]!, format: 'DecimalSI' };
  if (Object.prototype.hasOwnProperty.call(BINARY_SUFFIXES, s)) return { base: 2, exponent: BINARY_SUFFIXES[s]!, format: 'BinarySI' };
  if (s.length > 1 && (s[0] === 'e' || s[0] === 'E')) {
    const digits = s.slice(1);
    if (!/^[+-]?[0-9]+$/.test(digits)) return undefined;
    const parsed = BigInt(digits);
    if (parsed < INT64_MIN || parsed > INT64_MAX) return undefined;
    // Kubernetes narrows the int64 exponent to int32, wrapping as Go does.
    return { base: 10, exponent: Number(BigInt.asIntN(32, parsed)), format: 'DecimalExponent' };
  }
  return undefined;
}

export class Quantity {
  /** The value is #unscaled * 10^#exponent. */
  readonly #unscaled: bigint;
  readonly #exponent: number;
  readonly format: QuantityFormat;
  #string: string | undefined;

  private constructor(unscaled: bigint, exponent: number, format: QuantityFormat, string?: string) {
    this.#unscaled = unscaled;
    this.#exponent = unscaled === 0n ? 0 : exponent;
    this.format = format;
    this.#string = string;
  }

  /** Kubernetes' ParseQuantity. Throws QuantityParseError with Kubernetes' message. */
  static parse(str: string): Quantity {
    if (str.length === 0) throw new QuantityParseError(QUANTITY_FORMAT_ERROR);
    if (str === '0') return new Quantity(0n, 0, 'DecimalSI', str);
    const { positive, num, denom, suffix } = scan(str);
    const s = interpretSuffix(suffix);
    if (!s) throw new QuantityParseError(QUANTITY_SUFFIX_ERROR);

    // The int64 fast path: small enough inputs are kept exactly as written, and a string that
    // is already canonical is remembered verbatim.
    let precision: number;
    if (s.base === 10) precision = MAX_INT64_FACTORS - (num.length + denom.length);
    else if (s.exponent >= 0 && denom.length === 0) precision = 15 - num.length - Math.trunc((s.exponent * 3) / 10) - 1;
    else precision = -1;
    if (precision >= 0) {
      const scale = (s.base === 10 ? s.exponent : 0) - denom.length;
      if (scale >= NANO) {
        const shifted = num + denom;
        const value = BigInt(shifted);
        const result = s.base === 2 ? value << BigInt(s.exponent) : value;
        if (result <= INT64_MAX) {
          const canonical =
            s.base === 2
              ? s.exponent % 10 === 0 && (value & 7n) !== 0n
              : scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
          return new Quantity(positive ? result : -result, scale, s.format, canonical ? str : undefined);
        }
      }
    }

    // The exact path.
    let amount = BigInt(num + denom);
    let exponent = -denom.length;
    if (s.base === 10) exponent += s.exponent;
    else amount <<= BigInt(s.exponent);
    let format = s.format;
    if (amount !== 0n) {
      // Round away from zero to whole nanos: asking for a little gets the least there is.
      [amount, exponent] = roundUpToNano(amount, exponent);
      if (format === 'BinarySI' && cmpMagnitude(amount, exponent, INT64_MAX, 0) > 0) [amount, exponent] = [INT64_MAX, 0];
      if (format === 'BinarySI' && cmpMagnitude(amount, exponent, 1n, 0) < 0) format = 'DecimalSI';
    }
    return new Quantity(positive ? amount : -amount, exponent, format);
  }

  /** NewQuantity: an integer value. */
  static fromInt(value: bigint | number, format: QuantityFormat = 'DecimalSI'): Quantity {
    return new Quantity(BigInt(value), 0, format);
  }

  /** NewMilliQuantity: value thousandths. */
  static fromMilli(value: bigint | number, format: QuantityFormat = 'DecimalSI'): Quantity {
    return new Quantity(BigInt(value), -3, format);
  }

  /** NewScaledQuantity: value * 10^scale, in DecimalSI. */
  static fromScaled(value: bigint | number, scale: number): Quantity {
    return new Quantity(BigInt(value), scale, 'DecimalSI');
  }

  /** NewDecimalQuantity: unscaled * 10^exponent in any format. */
  static fromDecimal(unscaled: bigint | number, exponent: number, format: QuantityFormat): Quantity {
    return new Quantity(BigInt(unscaled), exponent, format);
  }

  /** A quantity as JSON carries it: a string (trimmed, as Kubernetes trims it) or a number. */
  static fromJSON(value: string | number): Quantity {
    return Quantity.parse(typeof value === 'number' ? String(value) : value.trim());
  }

  static zero(format: QuantityFormat = 'DecimalSI'): Quantity {
    return new Quantity(0n, 0, format);
  }

  isZero(): boolean {
    return this.#unscaled === 0n;
  }

  sign(): -1 | 0 | 1 {
    return this.#unscaled === 0n ? 0 : this.#unscaled < 0n ? -1 : 1;
  }

  cmp(other: Quantity): -1 | 0 | 1 {
    return cmpAmounts(this.#unscaled, this.#exponent, other.#unscaled, other.#exponent);
  }

  equals(other: Quantity): boolean {
    return this.cmp(other) === 0;
  }

  /** The sum; a zero receiver takes the other's format, as Kubernetes' Add does. */
  add(other: Quantity): Quantity {
    const [u, e] = addAmounts(this.#unscaled, this.#exponent, other.#unscaled, other.#exponent);
    return new Quantity(u, e, this.isZero() ? other.format : this.format);
  }

  sub(other: Quantity): Quantity {
    const [u, e] = addAmounts(this.#unscaled, this.#exponent, -other.#unscaled, other.#exponent);
    return new Quantity(u, e, this.isZero() ? other.format : this.format);
  }

  neg(): Quantity {
    return new Quantity(-this.#unscaled, this.#exponent, this.format);
  }

  /**
   * The value divided by 10^scale, rounded away from zero. Results beyond int64 saturate at
   * its bounds (Kubernetes 1.32 returns a wrapped int64 there; no caller can rely on that).
   */
  scaledValue(scale: number): bigint {
    const u = this.#unscaled;
    if (u === 0n) return 0n;
    const d = this.#exponent - scale;
    if (d >= 0) {
      if (digitCount(u) + d > 19) return u < 0n ? INT64_MIN : INT64_MAX;
      const v = u * pow10(d);
      return v > INT64_MAX ? INT64_MAX : v < INT64_MIN ? INT64_MIN : v;
    }
    const a = abs(u);
    if (-d > digitCount(a)) return u < 0n ? -1n : 1n;
    const p = pow10(-d);
    let q = a / p;
    if (q * p !== a) q += 1n;
    const v = u < 0n ? -q : q;
    return v > INT64_MAX ? INT64_MAX : v < INT64_MIN ? INT64_MIN : v;
  }

  /** Value(): whole units, rounded away from zero. */
  value(): bigint {
    return this.scaledValue(0);
  }

  /** MilliValue(): thousandths, rounded away from zero. */
  milliValue(): bigint {
    return this.scaledValue(-3);
  }

  /** AsApproximateFloat64. */
  asApproximateFloat64(): number {
    const base = Number(this.#unscaled);
    if (this.#exponent === 0) return base;
    return base * Number(`1e${this.#exponent}`);
  }

  /** The canonical form, or the input when it was already canonical. */
  toString(): string {
    return (this.#string ??= this.#canonical());
  }

  toJSON(): string {
    return this.toString();
  }

  #canonical(): string {
    const u = this.#unscaled;
    if (u === 0n) return '0';
    let format = this.format;
    let integer: bigint | undefined;
    if (format === 'BinarySI') {
      if (cmpAmounts(u, this.#exponent, -1024n, 0) > 0 && cmpAmounts(u, this.#exponent, 1024n, 0) < 0) {
        // Small binary values print as decimals rather than round.
        format = 'DecimalSI';
      } else {
        integer = exactInteger(u, this.#exponent);
        // Showing a fraction in binary would lose precision.
        if (integer === undefined) format = 'DecimalSI';
      }
    }
    if (integer === undefined || format !== 'BinarySI') {
      let m = u;
      let e = this.#exponent;
      while (m % 10n === 0n) {
        m /= 10n;
        e++;
      }
      const r = ((e % 3) + 3) % 3;
      if (r !== 0) {
        m *= pow10(r);
        e -= r;
      }
      // Kubernetes 1.32 prints no suffix where DecimalSI has none (beyond E): "1000E" -> "1".
      const suffix = format === 'DecimalSI' ? (DECIMAL_SUFFIX_FOR.get(e) ?? '') : e === 0 ? '' : `e${e}`;
      return m.toString() + suffix;
    }
    let m = integer;
    let times = 0;
    while (m % 1024n === 0n) {
      m /= 1024n;
      times++;
    }
    // Beyond Ei Kubernetes 1.32 prints no suffix either.
    return m.toString() + (times === 0 ? '' : (BINARY_SUFFIX_FOR.get(times * 10) ?? ''));
  }
}

/** Kubernetes' ParseQuantity as a function. */
export function parseQuantity(str: string): Quantity {
  return Quantity.parse(str);
}

/** The integer u * 10^e, or undefined if it has a fraction. */
function exactInteger(u: bigint, e: number): bigint | undefined {
  if (e >= 0) return u * pow10(e);
  if (-e > digitCount(u)) return undefined;
  const p = pow10(-e);
  return u % p === 0n ? u / p : undefined;
}

function roundUpToNano(amount: bigint, exponent: number): [bigint, number] {
  if (exponent >= NANO) {
    // Kubernetes pads to exactly nine decimals, which only shows in asApproximateFloat64;
    // a huge exponent is left alone rather than written out.
    return exponent - NANO <= 64 ? [amount * pow10(exponent - NANO), NANO] : [amount, exponent];
  }
  const drop = NANO - exponent;
  if (drop > digitCount(amount)) return [1n, NANO];
  const p = pow10(drop);
  const q = amount / p;
  return [q * p === amount ? q : q + 1n, NANO];
}

/** Compares |a| * 10^ea with |b| * 10^eb for non-negative a and b. */
function cmpMagnitude(a: bigint, ea: number, b: bigint, eb: number): -1 | 0 | 1 {
  if (a === 0n || b === 0n) return a === b ? 0 : a === 0n ? -1 : 1;
  // Settle by magnitude first, so absurd exponents never turn into huge powers of ten.
  const ma = digitCount(a) + ea;
  const mb = digitCount(b) + eb;
  if (ma !== mb) return ma < mb ? -1 : 1;
  const x = ea > eb ? a * pow10(ea - eb) : a;
  const y = eb > ea ? b * pow10(eb - ea) : b;
  return x < y ? -1 : x > y ? 1 : 0;
}

function cmpAmounts(a: bigint, ea: number, b: bigint, eb: number): -1 | 0 | 1 {
  const sa = a === 0n ? 0 : a < 0n ? -1 : 1;
  const sb = b === 0n ? 0 : b < 0n ? -1 : 1;
  if (sa !== sb) return sa < sb ? -1 : 1;
  if (sa === 0) return 0;
  const c = cmpMagnitude(abs(a), ea, abs(b), eb);
  return c === 0 || sa > 0 ? c : c < 0 ? 1 : -1;
}

function addAmounts(a: bigint, ea: number, b: bigint, eb: number): [bigint, number] {
  if (b === 0n) return [a, ea];
  if (a === 0n) return [b, eb];
  const e = Math.min(ea, eb);
  return [a * pow10(ea - e) + b * pow10(eb - e), e];
}
