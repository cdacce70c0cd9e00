// Reading a gnostic openapi.v2 message back, driven by the same schema the encoder uses:
// each message becomes an object keyed by proto field name (repeated fields as arrays,
// absent fields absent), which is how the tests check what kubectl will see. It reads
// what any proto encoder writes (fields in any order, unknown fields skipped).

import { WireReader, WireType } from '../../api/protobuf/wire.js';
import { GNOSTIC } from './v2-protobuf.js';

export type Decoded = { [field: string]: unknown };

export function decodeGnostic(bytes: Uint8Array, type = 'openapi.v2.Document'): Decoded {
  return decodeMessage(new WireReader(bytes), type);
}

function decodeMessage(r: WireReader, type: string): Decoded {
  const m = GNOSTIC.get(type);
  if (!m) throw new Error(`unknown gnostic message ${type}`);
  const out: Decoded = {};
  while (!r.done) {
    const tag = r.varint();
    const f = m.fields.find((x) => x.number === Math.floor(tag / 8));
    if (!f) {
      r.skip(tag & 7);
      continue;
    }
    const v = decodeValue(r, f.type, tag & 7);
    if (f.repeated) ((out[f.name] ??= []) as unknown[]).push(v);
    else out[f.name] = v;
  }
  return out;
}

function decodeValue(r: WireReader, type: string, wireType: number): unknown {
  switch (type) {
    case 'string':
      return r.string();
    case 'bytes':
      return r.bytes();
    case 'bool':
      return r.varint() !== 0;
    case 'int64':
      return Number(BigInt.asIntN(64, r.varintBig()));
    case 'double':
      return r.fixed64().getFloat64(0, true);
    default: {
      if (wireType !== WireType.Bytes) throw new Error(`${type}: expected a length-delimited field`);
      const [start, end] = r.lengthDelimited();
      return decodeMessage(r.sub(start, end), type);
    }
  }
}
