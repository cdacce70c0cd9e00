// Decoding Kubernetes' protobuf encoding (application/vnd.kubernetes.protobuf) into the
// JSON form of the same object — what typed client-go clients, kubectl's `create`
// subcommands among them, send as request bodies.
//
// A body is the magic "k8s\0" followed by a runtime.Unknown envelope naming apiVersion and
// kind, whose raw bytes are the object's message. The message is read with the generated
// schema (schema.json: field numbers, JSON names, and which zero values Go's JSON omits),
// so the result is exactly what encoding the same Go struct as JSON would give: metav1.Time
// as RFC 3339 (null when zero), IntOrString as a number or string, Quantity as a string,
// bytes as base64, inline fields merged into their parent.

import { badRequest } from '../errors.js';
import schemaFile from './schema.json' with { type: 'json' };
import { WireError, WireReader, WireType } from './wire.js';

export const PROTOBUF_MEDIA_TYPE = 'application/vnd.kubernetes.protobuf';

/** [jsonName, type, flags]: type is a scalar name, a message name or map<K,V>. */
type FieldSchema = [json: string, type: string, flags?: number];
type MessageSchema = Record<string, FieldSchema | number>;

const MESSAGES = (schemaFile as unknown as { messages: Record<string, MessageSchema> }).messages;
const FLAG_REPEATED = 1;
const FLAG_DROP_ZERO = 2;
const FLAG_INLINE = 4;

const META = 'k8s.io.apimachinery.pkg.apis.meta.v1';
const MAGIC = [0x6b, 0x38, 0x73, 0x00];
/** Go's zero time.Time, as seconds since the Unix epoch. */
const GO_ZERO_TIME_SECONDS = -62135596800;

type Special = (r: WireReader) => unknown;

const SPECIAL: Record<string, Special> = {
  [`${META}.Time`]: (r) => timeString(r, false),
  [`${META}.MicroTime`]: (r) => timeString(r, true),
  [`${META}.Duration`]: (r) => goDuration(BigInt((decodeGeneric(r, `${META}.Duration`) as { duration?: number }).duration ?? 0)),
  [`${META}.FieldsV1`]: (r) => rawJson(r),
  'k8s.io.apimachinery.pkg.runtime.RawExtension': (r) => rawJson(r),
  'k8s.io.apimachinery.pkg.api.resource.Quantity': (r) => (decodeGeneric(r, 'k8s.io.apimachinery.pkg.api.resource.Quantity') as { string?: string }).string ?? '0',
  'k8s.io.apimachinery.pkg.util.intstr.IntOrString': (r) => {
    const v = decodeGeneric(r, 'k8s.io.apimachinery.pkg.util.intstr.IntOrString') as { type?: number; intVal?: number; strVal?: string };
    return v.type === 1 ? v.strVal ?? '' : v.intVal ?? 0;
  },
};

/** The protobuf package of an apiVersion's types: apps/v1 -> k8s.io.api.apps.v1. */
function protoPackage(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  if (slash < 0) return `k8s.io.api.core.${apiVersion}`;
  const group = apiVersion.slice(0, slash);
  if (group === 'meta.k8s.io') return META;
  return `k8s.io.api.${group.split('.')[0]}.${apiVersion.slice(slash + 1)}`;
}

/** Decodes a protobuf request body into a JSON-shaped object; 400 when malformed. */
export function decodeKubernetesProtobuf(body: Uint8Array): Record<string, unknown> {
  if (body.length < 4 || MAGIC.some((b, i) => body[i] !== b)) {
    throw badRequest('provided protobuf data does not start with the Kubernetes protobuf prefix');
  }
  try {
    const envelope = new WireReader(body, 4);
    let apiVersion = '';
    let kind = '';
    let raw: Uint8Array | undefined;
    while (!envelope.done) {
      const tag = envelope.varint();
      const field = Math.floor(tag / 8);
      if (field === 1 && (tag & 7) === WireType.Bytes) {
        const [s, e] = envelope.lengthDelimited();
        const tm = decodeGeneric(envelope.sub(s, e), 'k8s.io.apimachinery.pkg.runtime.TypeMeta') as { apiVersion?: string; kind?: string };
        apiVersion = tm.apiVersion ?? '';
        kind = tm.kind ?? '';
      } else if (field === 2 && (tag & 7) === WireType.Bytes) {
        raw = envelope.bytes();
      } else {
        envelope.skip(tag & 7);
      }
    }
    const name = [`${protoPackage(apiVersion)}.${kind}`, `${META}.${kind}`].find((n) => MESSAGES[n]);
    if (!name) throw badRequest(`no kind "${kind}" is registered for version "${apiVersion}"`);
    const obj = decodeMessage(new WireReader(raw ?? new Uint8Array()), name) as Record<string, unknown>;
    return { apiVersion, kind, ...obj };
  } catch (err) {
    if (err instanceof WireError || err instanceof RangeError) throw badRequest(`unable to decode protobuf body: ${err.message}`);
    throw err;
  }
}

function decodeMessage(r: WireReader, name: string): unknown {
  const special = SPECIAL[name];
  return special ? special(r) : decodeGeneric(r, name);
}

function decodeGeneric(r: WireReader, name: string): unknown {
  const schema = MESSAGES[name];
  if (!schema) throw new WireError(`unknown message ${name}`);
  const obj: Record<string, unknown> = {};
  while (!r.done) {
    const tag = r.varint();
    const f = schema[Math.floor(tag / 8)];
    const wireType = tag & 7;
    if (!Array.isArray(f)) {
      r.skip(wireType);
      continue;
    }
    const [json, type, flags = 0] = f;
    if (type.startsWith('map<')) {
      const [s, e] = r.lengthDelimited();
      const [k, v] = mapEntry(r.sub(s, e), type);
      const map = (obj[json] ??= {}) as Record<string, unknown>;
      map[String(k)] = v;
    } else if (flags & FLAG_REPEATED) {
      const list = (obj[json] ??= []) as unknown[];
      if (wireType === WireType.Bytes && isPackable(type)) {
        const [s, e] = r.lengthDelimited();
        const sub = r.sub(s, e);
        while (!sub.done) list.push(readScalar(sub, type));
      } else {
        list.push(readValue(r, type));
      }
    } else {
      obj[json] = readValue(r, type);
    }
  }
  for (const key in schema) {
    const f = schema[key];
    if (!Array.isArray(f)) continue;
    const [json, , flags = 0] = f;
    if (flags & FLAG_DROP_ZERO && isZero(obj[json])) delete obj[json];
    if (flags & FLAG_INLINE && obj[json] !== undefined) {
      const inner = obj[json] as Record<string, unknown>;
      delete obj[json];
      Object.assign(obj, inner);
    }
  }
  if (schema.$array) return obj.items ?? [];
  return obj;
}

function mapEntry(r: WireReader, type: string): [unknown, unknown] {
  const [keyType, valueType] = type.slice(4, -1).split(',');
  let key: unknown = keyType === 'string' ? '' : 0;
  let value: unknown = valueType === 'string' || valueType === 'bytes' ? '' : undefined;
  while (!r.done) {
    const tag = r.varint();
    const field = Math.floor(tag / 8);
    if (field === 1) key = readValue(r, keyType);
    else if (field === 2) value = readValue(r, valueType);
    else r.skip(tag & 7);
  }
  if (value === undefined) value = MESSAGES[valueType] ? decodeMessage(new WireReader(new Uint8Array()), valueType) : 0;
  return [key, value];
}

function readValue(r: WireReader, type: string): unknown {
  if (MESSAGES[type]) {
    const [s, e] = r.lengthDelimited();
    return decodeMessage(r.sub(s, e), type);
  }
  return readScalar(r, type);
}

function isPackable(type: string): boolean {
  return type !== 'string' && type !== 'bytes' && !MESSAGES[type];
}

function readScalar(r: WireReader, type: string): unknown {
  switch (type) {
    case 'string':
      return r.string();
    case 'bytes':
      return Buffer.from(r.bytes()).toString('base64');
    case 'bool':
      return r.varintBig() !== 0n;
    case 'int32':
      return Number(BigInt.asIntN(32, r.varintBig()));
    case 'uint32':
      return Number(BigInt.asUintN(32, r.varintBig()));
    case 'int64':
      return Number(BigInt.asIntN(64, r.varintBig()));
    case 'uint64':
      return Number(BigInt.asUintN(64, r.varintBig()));
    case 'sint32':
    case 'sint64': {
      const v = r.varintBig();
      return Number((v >> 1n) ^ -(v & 1n));
    }
    case 'double':
      return r.fixed64().getFloat64(0, true);
    case 'float':
      return r.fixed32().getFloat32(0, true);
    case 'fixed32':
      return r.fixed32().getUint32(0, true);
    case 'sfixed32':
      return r.fixed32().getInt32(0, true);
    case 'fixed64':
      return Number(r.fixed64().getBigUint64(0, true));
    case 'sfixed64':
      return Number(r.fixed64().getBigInt64(0, true));
    default:
      throw new WireError(`unknown field type ${type}`);
  }
}

function isZero(v: unknown): boolean {
  return v === '' || v === 0 || v === false;
}

function timeString(r: WireReader, micro: boolean): string | null {
  let seconds = 0n;
  let nanos = 0;
  while (!r.done) {
    const tag = r.varint();
    const field = Math.floor(tag / 8);
    if (field === 1) seconds = BigInt.asIntN(64, r.varintBig());
    else if (field === 2) nanos = Number(BigInt.asIntN(32, r.varintBig()));
    else r.skip(tag & 7);
  }
  // metav1.Time marshals its zero value as an empty message; Go's own zero is accepted too.
  if ((seconds === 0n || seconds === BigInt(GO_ZERO_TIME_SECONDS)) && nanos === 0) return null;
  const ms = Number(seconds) * 1000 + Math.floor(nanos / 1e6);
  const iso = new Date(ms).toISOString();
  if (!micro) return iso.replace(/\.\d{3}Z$/, 'Z');
  const micros = String(Math.floor(nanos / 1000)).padStart(6, '0');
  return `${iso.slice(0, 19)}.${micros}Z`;
}

function rawJson(r: WireReader): unknown {
  let raw: Uint8Array | undefined;
  while (!r.done) {
    const tag = r.varint();
    if (Math.floor(tag / 8) === 1) raw = r.bytes();
    else r.skip(tag & 7);
  }
  if (!raw || raw.length === 0) return null;
  const text = Buffer.from(raw).toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    throw new WireError('embedded object is not JSON');
  }
}

/** Go's time.Duration.String(): "1h2m3s", "1.5s", "300ms", "0s". */
export function goDuration(ns: bigint): string {
  if (ns === 0n) return '0s';
  const neg = ns < 0n;
  let u = neg ? -ns : ns;
  let s: string;
  if (u < 1_000_000_000n) {
    const [unit, div] = u < 1000n ? ['ns', 1n] : u < 1_000_000n ? ['µs', 1000n] : ['ms', 1_000_000n];
    s = fraction(u, div) + unit;
  } else {
    const h = u / 3_600_000_000_000n;
    u -= h * 3_600_000_000_000n;
    const m = u / 60_000_000_000n;
    u -= m * 60_000_000_000n;
    s = `${fraction(u, 1_000_000_000n)}s`;
    if (h > 0n || m > 0n) s = `${m}m${s}`;
    if (h > 0n) s = `${h}h${s}`;
  }
  return neg ? `-${s}` : s;
}

function fraction(v: bigint, div: bigint): string {
  const whole = v / div;
  const rest = v % div;
  if (rest === 0n) return String(whole);
  const digits = String(div).length - 1;
  return `${whole}.${String(rest).padStart(digits, '0').replace(/0+$/, '')}`;
}
