// Generates src/apiserver/openapi/gnostic-schema.json: the messages of gnostic's
// openapi.v2 protobuf package (google/gnostic-models openapiv2/OpenAPIv2.proto, the
// encoding of /openapi/v2 that kubectl and Helm ask for) and google.protobuf.Any, which it
// uses: for each field its number, name, type, whether it is repeated, and the oneof it
// belongs to.
//
// kubectl carries both descriptors as raw (not gzipped) FileDescriptorProto bytes,
// registered by the generated Go code. A raw descriptor has no length prefix, so it is
// read field by field from its first byte until a field appears that a
// FileDescriptorProto cannot have (the bytes after it belong to something else).
//
// Output: {"source": ..., "messages": {"openapi.v2.Document": {"1": ["swagger", "string"],
// ...}}}; a field is [name, type], [name, type, 1] when repeated, and
// [name, type, repeated, oneof] when it belongs to a oneof. type is a scalar type name or
// a message's full name.
// Usage: node dist/scripts/gen-gnostic-schema.js [path/to/kubectl] > src/apiserver/openapi/gnostic-schema.json
// (kubectl 1.27 on these machines: /usr/lib/google-cloud-sdk/bin/kubectl.1.27)

import { readFileSync, realpathSync } from 'node:fs';
import { WireReader, WireType } from '../src/api/protobuf/wire.js';

const FILES = ['openapiv2/OpenAPIv2.proto', 'google/protobuf/any.proto'];

/** FileDescriptorProto's fields and their wire types; anything else ends a descriptor. */
const FILE_FIELDS: Record<number, WireType> = {
  1: WireType.Bytes, // name
  2: WireType.Bytes, // package
  3: WireType.Bytes, // dependency
  4: WireType.Bytes, // message_type
  5: WireType.Bytes, // enum_type
  6: WireType.Bytes, // service
  7: WireType.Bytes, // extension
  8: WireType.Bytes, // options
  9: WireType.Bytes, // source_code_info
  10: WireType.Varint, // public_dependency
  11: WireType.Varint, // weak_dependency
  12: WireType.Bytes, // syntax
  14: WireType.Varint, // edition
};

const SCALAR_TYPES: Record<number, string> = {
  1: 'double', 2: 'float', 3: 'int64', 4: 'uint64', 5: 'int32', 6: 'fixed64', 7: 'fixed32', 8: 'bool', 9: 'string', 12: 'bytes', 13: 'uint32', 15: 'sfixed32', 16: 'sfixed64', 17: 'sint32', 18: 'sint64',
};
const TYPE_MESSAGE = 11;
const TYPE_ENUM = 14;
const LABEL_REPEATED = 3;

interface FieldDesc {
  name: string;
  number: number;
  label: number;
  type: number;
  typeName: string;
  oneofIndex: number | undefined;
}

interface MessageDesc {
  name: string;
  fields: FieldDesc[];
  nested: MessageDesc[];
  oneofs: string[];
}

function eachField(buf: Uint8Array, on: (field: number, r: WireReader) => boolean): void {
  const r = new WireReader(buf);
  while (!r.done) {
    const tag = r.varint();
    if (!on(tag >>> 3, r)) r.skip(tag & 7);
  }
}

function decodeField(buf: Uint8Array): FieldDesc {
  const f: FieldDesc = { name: '', number: 0, label: 0, type: 0, typeName: '', oneofIndex: undefined };
  eachField(buf, (n, r) => {
    if (n === 1) f.name = r.string();
    else if (n === 3) f.number = r.varint();
    else if (n === 4) f.label = r.varint();
    else if (n === 5) f.type = r.varint();
    else if (n === 6) f.typeName = r.string();
    else if (n === 9) f.oneofIndex = r.varint();
    else return false;
    return true;
  });
  return f;
}

function decodeMessage(buf: Uint8Array): MessageDesc {
  const m: MessageDesc = { name: '', fields: [], nested: [], oneofs: [] };
  eachField(buf, (n, r) => {
    if (n === 1) m.name = r.string();
    else if (n === 2) m.fields.push(decodeField(r.bytes()));
    else if (n === 3) m.nested.push(decodeMessage(r.bytes()));
    else if (n === 8) {
      let name = '';
      eachField(r.bytes(), (on, or) => {
        if (on !== 1) return false;
        name = or.string();
        return true;
      });
      m.oneofs.push(name);
    } else return false;
    return true;
  });
  return m;
}

/** The extent of the raw FileDescriptorProto starting at start. */
function descriptorEnd(bin: Buffer, start: number): number {
  const r = new WireReader(bin, start, Math.min(bin.length, start + 1_000_000));
  let end = start;
  let last = 0;
  try {
    while (!r.done) {
      const tag = r.varint();
      const field = tag >>> 3;
      // Fields are written in ascending order; a step back, an unknown field or a wrong
      // wire type means the descriptor has ended.
      if (FILE_FIELDS[field] !== (tag & 7) || field < last) break;
      r.skip(tag & 7);
      last = field;
      end = r.pos;
    }
  } catch {
    // ran into bytes that do not parse: the descriptor ended before them
  }
  return end;
}

/** google.protobuf.Any is a well-known type whose definition never changes; newer kubectl
 *  builds no longer carry its raw descriptor, so this stands in for it. */
const WELL_KNOWN_ANY: MessageDesc = {
  name: 'Any',
  fields: [
    { name: 'type_url', number: 1, label: 1, type: 9, typeName: '', oneofIndex: undefined },
    { name: 'value', number: 2, label: 1, type: 12, typeName: '', oneofIndex: undefined },
  ],
  nested: [],
  oneofs: [],
};

function findFile(bin: Buffer, name: string): { pkg: string; messages: MessageDesc[] } {
  const marker = Buffer.concat([Buffer.from([0x0a, name.length]), Buffer.from(name)]);
  const start = bin.indexOf(marker);
  if (start < 0 && name === 'google/protobuf/any.proto') return { pkg: 'google.protobuf', messages: [WELL_KNOWN_ANY] };
  if (start < 0) throw new Error(`no descriptor for ${name} in the binary`);
  const file = { pkg: '', messages: [] as MessageDesc[] };
  eachField(bin.subarray(start, descriptorEnd(bin, start)), (n, r) => {
    if (n === 2) file.pkg = r.string();
    else if (n === 4) file.messages.push(decodeMessage(r.bytes()));
    else return false;
    return true;
  });
  if (!file.pkg || !file.messages.length) throw new Error(`the descriptor for ${name} has no messages`);
  return file;
}

type FieldSchema = [name: string, type: string, repeated?: number, oneof?: string];

function main(): void {
  const path = realpathSync(process.argv[2] ?? '/usr/bin/kubectl');
  const bin = readFileSync(path);
  const messages: Record<string, Record<string, FieldSchema>> = {};
  for (const fileName of FILES) {
    const file = findFile(bin, fileName);
    const add = (m: MessageDesc, prefix: string) => {
      const full = `${prefix}.${m.name}`;
      for (const n of m.nested) add(n, full);
      const entry: Record<string, FieldSchema> = {};
      for (const f of m.fields) {
        if (f.type === TYPE_ENUM) throw new Error(`${full}.${f.name}: enums are not supported`);
        const type = f.type === TYPE_MESSAGE ? f.typeName.replace(/^\./, '') : SCALAR_TYPES[f.type];
        if (!type) throw new Error(`${full}.${f.name}: unknown type ${f.type}`);
        const repeated = f.label === LABEL_REPEATED ? 1 : 0;
        const field: FieldSchema = [f.name, type];
        if (f.oneofIndex !== undefined) field.push(repeated, m.oneofs[f.oneofIndex]);
        else if (repeated) field.push(1);
        entry[f.number] = field;
      }
      messages[full] = entry;
    };
    for (const m of file.messages) add(m, file.pkg);
  }
  const sorted = Object.fromEntries(Object.keys(messages).sort().map((k) => [k, messages[k]]));
  process.stdout.write(`${JSON.stringify({ source: `kubectl ${path.split('/').pop()}: ${FILES.join(', ')}`, messages: sorted })}\n`);
}

main();
