// Protocol buffers wire format, writing side: tags, varints (64-bit included), fixed64
// doubles, and length-delimited strings, bytes and sub-messages, into one buffer.
//
// A sub-message's length prefix comes before its bytes but is known only after them. So
// bytes go into one growing buffer with no prefixes at all, and each begin() reserves a
// slot in an ordered list of prefixes that end() fills with the length; finish() then
// writes the output once, splicing each prefix in at its position. Every byte is copied
// a fixed number of times however deep the nesting, which matters for multi-megabyte
// documents with a dozen levels of nesting.

import { WireType } from './wire.js';

/** A reserved length prefix: where it goes in the unprefixed bytes, and its value. */
interface Prefix {
  at: number;
  length: number;
}

/** An open sub-message: where its bytes start, its prefix, and the prefix bytes of the
 *  sub-messages it contains so far (they count in its length). */
interface Frame {
  start: number;
  prefix: Prefix;
  nested: number;
}

const F64 = new DataView(new ArrayBuffer(8));

export class ProtoWriter {
  #buf: Buffer;
  #pos = 0;
  readonly #prefixes: Prefix[] = [];
  readonly #frames: Frame[] = [];

  constructor(initialCapacity = 64 * 1024) {
    this.#buf = Buffer.allocUnsafe(initialCapacity);
  }

  #reserve(n: number): void {
    if (this.#pos + n <= this.#buf.length) return;
    let size = this.#buf.length * 2;
    while (size < this.#pos + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.#buf.copy(next, 0, 0, this.#pos);
    this.#buf = next;
  }

  /** A non-negative varint up to 2^53 (tags, lengths, sizes, 32-bit values). */
  #uvarint(v: number): void {
    this.#reserve(10);
    const buf = this.#buf;
    let pos = this.#pos;
    while (v >= 0x80) {
      buf[pos++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    buf[pos++] = v;
    this.#pos = pos;
  }

  tag(field: number, wireType: WireType): this {
    this.#uvarint(field * 8 + wireType);
    return this;
  }

  /** An int64/uint64/int32/bool/enum value's varint; negatives take ten bytes, as two's
   *  complement in 64 bits. */
  varint(v: number | bigint): this {
    if (typeof v === 'number' && v >= 0 && Number.isSafeInteger(v)) {
      this.#uvarint(v);
      return this;
    }
    let big = BigInt.asUintN(64, BigInt(v));
    this.#reserve(10);
    while (big >= 0x80n) {
      this.#buf[this.#pos++] = Number(big & 0x7fn) | 0x80;
      big >>= 7n;
    }
    this.#buf[this.#pos++] = Number(big);
    return this;
  }

  /** A double as fixed64, little-endian. */
  double(v: number): this {
    this.#reserve(8);
    F64.setFloat64(0, v, true);
    for (let i = 0; i < 8; i++) this.#buf[this.#pos++] = F64.getUint8(i);
    return this;
  }

  /** A length-delimited UTF-8 string (the tag is the caller's). */
  string(s: string): this {
    const n = Buffer.byteLength(s, 'utf8');
    this.#uvarint(n);
    this.#reserve(n);
    this.#pos += this.#buf.write(s, this.#pos, n, 'utf8');
    return this;
  }

  /** Length-delimited bytes (the tag is the caller's). */
  bytes(b: Uint8Array): this {
    this.#uvarint(b.length);
    this.#reserve(b.length);
    this.#buf.set(b, this.#pos);
    this.#pos += b.length;
    return this;
  }

  /** Opens a length-delimited sub-message (after its tag); close it with end(). */
  begin(): this {
    const prefix: Prefix = { at: this.#pos, length: 0 };
    this.#prefixes.push(prefix);
    this.#frames.push({ start: this.#pos, prefix, nested: 0 });
    return this;
  }

  end(): this {
    const frame = this.#frames.pop();
    if (!frame) throw new Error('ProtoWriter.end() without begin()');
    frame.prefix.length = this.#pos - frame.start + frame.nested;
    const parent = this.#frames[this.#frames.length - 1];
    if (parent) parent.nested += frame.nested + varintSize(frame.prefix.length);
    return this;
  }

  /** The encoded bytes; the writer must not be used afterwards. */
  finish(): Uint8Array {
    if (this.#frames.length) throw new Error('ProtoWriter.finish() with an open sub-message');
    let total = this.#pos;
    for (const p of this.#prefixes) total += varintSize(p.length);
    const out = Buffer.allocUnsafe(total);
    let from = 0;
    let to = 0;
    const buf = this.#buf;
    for (const p of this.#prefixes) {
      // Most runs between prefixes are a few bytes: a loop beats a native copy call there.
      if (p.at - from < 64) {
        while (from < p.at) out[to++] = buf[from++];
      } else {
        to += buf.copy(out, to, from, p.at);
        from = p.at;
      }
      let v = p.length;
      while (v >= 0x80) {
        out[to++] = (v % 0x80) | 0x80;
        v = Math.floor(v / 0x80);
      }
      out[to++] = v;
    }
    this.#buf.copy(out, to, from, this.#pos);
    return out;
  }
}

export function varintSize(v: number): number {
  let n = 1;
  while (v >= 0x80) {
    v = Math.floor(v / 0x80);
    n++;
  }
  return n;
}
