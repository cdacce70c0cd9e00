// Protocol buffers wire format, reading side: varints, fixed-width numbers and
// length-delimited fields over a byte buffer. Malformed input throws WireError; it never
// reads outside the buffer.

export class WireError extends Error {
  override name = 'WireError';
}

export const enum WireType {
  Varint = 0,
  Fixed64 = 1,
  Bytes = 2,
  StartGroup = 3,
  EndGroup = 4,
  Fixed32 = 5,
}

export class WireReader {
  #buf: Uint8Array;
  #view: DataView;
  pos: number;
  readonly end: number;

  constructor(buf: Uint8Array, start = 0, end = buf.length) {
    this.#buf = buf;
    this.#view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    this.pos = start;
    this.end = end;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  /** A varint as a bigint (64-bit values do not fit a double). */
  varintBig(): bigint {
    let result = 0n;
    let shift = 0n;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new WireError('truncated varint');
      const b = this.#buf[this.pos++];
      result |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return result;
      shift += 7n;
    }
    throw new WireError('varint too long');
  }

  /** A varint that fits in a double exactly (tags, lengths, 32-bit values). */
  varint(): number {
    let result = 0;
    let mul = 1;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new WireError('truncated varint');
      const b = this.#buf[this.pos++];
      result += (b & 0x7f) * mul;
      if (b < 0x80) return result;
      mul *= 128;
    }
    throw new WireError('varint too long');
  }

  fixed32(): DataView {
    if (this.pos + 4 > this.end) throw new WireError('truncated fixed32');
    const v = new DataView(this.#view.buffer, this.#view.byteOffset + this.pos, 4);
    this.pos += 4;
    return v;
  }

  fixed64(): DataView {
    if (this.pos + 8 > this.end) throw new WireError('truncated fixed64');
    const v = new DataView(this.#view.buffer, this.#view.byteOffset + this.pos, 8);
    this.pos += 8;
    return v;
  }

  /** The bounds of a length-delimited field's payload; advances past it. */
  lengthDelimited(): [start: number, end: number] {
    const len = this.varint();
    const start = this.pos;
    if (start + len > this.end) throw new WireError('truncated length-delimited field');
    this.pos = start + len;
    return [start, start + len];
  }

  bytes(): Uint8Array {
    const [s, e] = this.lengthDelimited();
    return this.#buf.subarray(s, e);
  }

  string(): string {
    const [s, e] = this.lengthDelimited();
    return Buffer.from(this.#buf.buffer, this.#buf.byteOffset + s, e - s).toString('utf8');
  }

  sub(start: number, end: number): WireReader {
    return new WireReader(this.#buf, start, end);
  }

  skip(wireType: number): void {
    switch (wireType) {
      case WireType.Varint:
        this.varintBig();
        return;
      case WireType.Fixed64:
        this.fixed64();
        return;
      case WireType.Bytes:
        this.lengthDelimited();
        return;
      case WireType.Fixed32:
        this.fixed32();
        return;
      default:
        throw new WireError(`unsupported wire type ${wireType}`);
    }
  }
}
