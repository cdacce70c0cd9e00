// Generates src/api/protobuf/schema.json: for every message of the Kubernetes API types
// (k8s.io/api v1 and v2 groups and the apimachinery types they use), each field's number,
// JSON name, type, and whether Go's JSON encoding omits its zero value.
//
// Both facts come from a kubectl binary, which carries them for its own use:
//  - the protobuf descriptors, as gzipped FileDescriptorProtos registered by the generated
//    code (field numbers and wire types);
//  - Go's reflection data for the API structs (json tags: names, omitempty, inline; and
//    whether a field is a pointer), which says what Kubernetes' JSON looks like.
// Usage: node dist/scripts/gen-protobuf-schema.js [path/to/kubectl] > src/api/protobuf/schema.json

import { readFileSync, realpathSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { WireReader } from '../src/api/protobuf/wire.js';

// ---- protobuf descriptors -------------------------------------------------------------

interface FieldDesc {
  name: string;
  number: number;
  repeated: boolean;
  type: number;
  typeName: string;
}

interface MessageDesc {
  name: string;
  fields: FieldDesc[];
  nested: MessageDesc[];
  mapEntry: boolean;
}

interface FileDesc {
  name: string;
  pkg: string;
  messages: MessageDesc[];
}

function decodeFields(buf: Uint8Array, on: (field: number, r: WireReader, wireType: number) => boolean): void {
  const r = new WireReader(buf);
  while (!r.done) {
    const tag = r.varint();
    const field = Math.floor(tag / 8);
    const wt = tag & 7;
    if (!on(field, r, wt)) r.skip(wt);
  }
}

function decodeField(buf: Uint8Array): FieldDesc {
  const f: FieldDesc = { name: '', number: 0, repeated: false, type: 0, typeName: '' };
  decodeFields(buf, (n, r) => {
    if (n === 1) f.name = r.string();
    else if (n === 3) f.number = r.varint();
    else if (n === 4) f.repeated = r.varint() === 3;
    else if (n === 5) f.type = r.varint();
    else if (n === 6) f.typeName = r.string();
    else return false;
    return true;
  });
  return f;
}

function decodeMessage(buf: Uint8Array): MessageDesc {
  const m: MessageDesc = { name: '', fields: [], nested: [], mapEntry: false };
  decodeFields(buf, (n, r) => {
    if (n === 1) m.name = r.string();
    else if (n === 2) m.fields.push(decodeField(r.bytes()));
    else if (n === 3) m.nested.push(decodeMessage(r.bytes()));
    else if (n === 7)
      decodeFields(r.bytes(), (on, or) => {
        if (on !== 7) return false;
        m.mapEntry = or.varint() === 1;
        return true;
      });
    else return false;
    return true;
  });
  return m;
}

function decodeFile(buf: Uint8Array): FileDesc {
  const f: FileDesc = { name: '', pkg: '', messages: [] };
  decodeFields(buf, (n, r) => {
    if (n === 1) f.name = r.string();
    else if (n === 2) f.pkg = r.string();
    else if (n === 4) f.messages.push(decodeMessage(r.bytes()));
    else return false;
    return true;
  });
  return f;
}

const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0xff]);

function findDescriptors(bin: Buffer): FileDesc[] {
  const files: FileDesc[] = [];
  for (let i = bin.indexOf(GZIP_HEADER); i >= 0; i = bin.indexOf(GZIP_HEADER, i + 1)) {
    let raw: Buffer;
    try {
      raw = gunzipSync(bin.subarray(i, i + 4_000_000), { finishFlush: 2 });
    } catch {
      continue;
    }
    if (raw[0] !== 0x0a) continue;
    try {
      const file = decodeFile(raw);
      if (file.name.endsWith('.proto') && file.pkg) files.push(file);
    } catch {
      // not a descriptor
    }
  }
  return files;
}

// ---- Go reflection data ---------------------------------------------------------------

interface Section {
  addr: number;
  off: number;
  size: number;
  name: string;
}

const KIND_MASK = 0x1f;
const K = { Bool: 1, Int: 2, Int8: 3, Int16: 4, Int32: 5, Int64: 6, Uint: 7, Uint8: 8, Uint16: 9, Uint32: 10, Uint64: 11, Float32: 13, Float64: 14, Array: 17, Map: 21, Ptr: 22, Slice: 23, String: 24, Struct: 25 };
const SCALAR_KINDS = new Set([K.Bool, K.Int, K.Int8, K.Int16, K.Int32, K.Int64, K.Uint, K.Uint8, K.Uint16, K.Uint32, K.Uint64, K.Float32, K.Float64, K.String]);
const TFLAG_UNCOMMON = 1;
const TFLAG_EXTRA_STAR = 2;
const TFLAG_NAMED = 4;

interface GoField {
  json: string;
  omitempty: boolean;
  inline: boolean;
  protoNumber: number;
  kind: number;
}

interface GoType {
  pkg: string;
  name: string;
  kind: number;
  fields: GoField[];
}

class GoBinary {
  readonly #bin: Buffer;
  readonly #sections: Section[];
  readonly #typesBase: number;

  constructor(bin: Buffer) {
    this.#bin = bin;
    this.#sections = readSections(bin);
    this.#typesBase = this.#section('.rodata').addr;
  }

  #section(name: string): Section {
    const s = this.#sections.find((x) => x.name === name);
    if (!s) throw new Error(`no ${name} section`);
    return s;
  }

  #off(addr: number): number {
    for (const s of this.#sections) {
      if (s.addr && addr >= s.addr && addr < s.addr + s.size && s.name !== '.bss' && s.name !== '.noptrbss') return s.off + (addr - s.addr);
    }
    throw new Error(`address ${addr.toString(16)} not in the file`);
  }

  #u64(addr: number): number {
    return Number(this.#bin.readBigUInt64LE(this.#off(addr)));
  }

  #name(addr: number): { name: string; tag: string; embedded: boolean } {
    let o = this.#off(addr);
    const flags = this.#bin[o++];
    const readLen = () => {
      let len = 0;
      let mul = 1;
      for (;;) {
        const b = this.#bin[o++];
        len += (b & 0x7f) * mul;
        if (b < 0x80) return len;
        mul *= 128;
      }
    };
    const n = readLen();
    const name = this.#bin.toString('utf8', o, o + n);
    o += n;
    let tag = '';
    if (flags & 2) {
      const t = readLen();
      tag = this.#bin.toString('utf8', o, o + t);
    }
    return { name, tag, embedded: (flags & 8) !== 0 };
  }

  /** Every named type reachable from the binary's type links. */
  namedTypes(): GoType[] {
    const tl = this.#section('.typelink');
    const seen = new Set<number>();
    const out: GoType[] = [];
    const walk = (addr: number) => {
      if (!addr || seen.has(addr)) return;
      seen.add(addr);
      const o = this.#off(addr);
      const tflag = this.#bin[o + 20];
      const kind = this.#bin[o + 23] & KIND_MASK;
      const strOff = this.#bin.readInt32LE(o + 40);
      let extra = 48;
      const fields: GoField[] = [];
      if (kind === K.Ptr || kind === K.Slice || kind === K.Array) {
        walk(this.#u64(addr + 48));
        extra = kind === K.Array ? 48 + 24 : 56;
      } else if (kind === K.Map) {
        walk(this.#u64(addr + 48));
        walk(this.#u64(addr + 56));
        extra = -1;
      } else if (kind === K.Struct) {
        const fieldsPtr = this.#u64(addr + 56);
        const count = this.#u64(addr + 64);
        for (let i = 0; i < count; i++) {
          const f = fieldsPtr + 24 * i;
          const { tag } = this.#name(this.#u64(f));
          const typ = this.#u64(f + 8);
          walk(typ);
          const field = parseTags(tag, this.#bin[this.#off(typ) + 23] & KIND_MASK, (t) => this.#elemKind(t), typ);
          if (field) fields.push(field);
        }
        extra = 80;
      } else {
        extra = -1;
      }
      if (!(tflag & TFLAG_NAMED) || !(tflag & TFLAG_UNCOMMON) || extra < 0) return;
      let name = this.#name(this.#typesBase + strOff).name;
      if (tflag & TFLAG_EXTRA_STAR) name = name.slice(1);
      const pkgOff = this.#bin.readInt32LE(this.#off(addr + extra));
      const pkg = this.#name(this.#typesBase + pkgOff).name;
      out.push({ pkg, name: name.slice(name.lastIndexOf('.') + 1), kind, fields });
    };
    const n = tl.size / 4;
    for (let i = 0; i < n; i++) walk(this.#typesBase + this.#bin.readInt32LE(tl.off + 4 * i));
    return out;
  }

  #elemKind(typ: number): number {
    return this.#bin[this.#off(this.#u64(typ + 48)) + 23] & KIND_MASK;
  }
}

function parseTags(tag: string, kind: number, elemKind: (typ: number) => number, typ: number): GoField | undefined {
  const proto = /protobuf:"([^"]*)"/.exec(tag);
  const json = /json:"([^"]*)"/.exec(tag);
  if (!proto || !json) return undefined;
  const parts = proto[1].split(',');
  const protoNumber = Number(parts[1]);
  const [jsonName, ...opts] = json[1].split(',');
  // A pointer to a scalar keeps its zero value in JSON (nil is what is omitted).
  const fieldKind = kind === K.Ptr && SCALAR_KINDS.has(elemKind(typ)) ? K.Ptr : kind;
  return {
    json: jsonName,
    omitempty: opts.includes('omitempty'),
    inline: opts.includes('inline'),
    protoNumber,
    kind: fieldKind,
  };
}

function readSections(bin: Buffer): Section[] {
  const shoff = Number(bin.readBigUInt64LE(0x28));
  const shentsize = bin.readUInt16LE(0x3a);
  const shnum = bin.readUInt16LE(0x3c);
  const shstrndx = bin.readUInt16LE(0x3e);
  const raw = [];
  for (let i = 0; i < shnum; i++) {
    const o = shoff + i * shentsize;
    raw.push({
      nameOff: bin.readUInt32LE(o),
      addr: Number(bin.readBigUInt64LE(o + 16)),
      off: Number(bin.readBigUInt64LE(o + 24)),
      size: Number(bin.readBigUInt64LE(o + 32)),
    });
  }
  const strtab = raw[shstrndx].off;
  return raw.map((s) => ({ addr: s.addr, off: s.off, size: s.size, name: bin.toString('utf8', strtab + s.nameOff, bin.indexOf(0, strtab + s.nameOff)) }));
}

// ---- the schema -----------------------------------------------------------------------

const SCALAR_TYPES: Record<number, string> = {
  1: 'double', 2: 'float', 3: 'int64', 4: 'uint64', 5: 'int32', 6: 'fixed64', 7: 'fixed32', 8: 'bool', 9: 'string', 12: 'bytes', 13: 'uint32', 15: 'sfixed32', 16: 'sfixed64', 17: 'sint32', 18: 'sint64',
};
const FLAG_REPEATED = 1;
const FLAG_DROP_ZERO = 2;
const FLAG_INLINE = 4;

function wanted(pkg: string): boolean {
  if (pkg.startsWith('k8s.io.api.')) return /\.v[12]$/.test(pkg);
  return ['k8s.io.apimachinery.pkg.apis.meta.v1', 'k8s.io.apimachinery.pkg.runtime', 'k8s.io.apimachinery.pkg.util.intstr', 'k8s.io.apimachinery.pkg.api.resource', 'k8s.io.apimachinery.pkg.runtime.schema'].includes(pkg);
}

function main(): void {
  const path = realpathSync(process.argv[2] ?? '/usr/bin/kubectl');
  const bin = readFileSync(path);
  const files = findDescriptors(bin).filter((f) => wanted(f.pkg));
  const goTypes = new Map<string, GoType>();
  for (const t of new GoBinary(bin).namedTypes()) goTypes.set(`${t.pkg.replaceAll('/', '.')}.${t.name}`, t);

  const schema: Record<string, Record<string, unknown>> = {};
  const typeName = (f: FieldDesc) => SCALAR_TYPES[f.type] ?? f.typeName.replace(/^\./, '');
  for (const file of files) {
    const add = (m: MessageDesc, prefix: string) => {
      const full = `${prefix}.${m.name}`;
      for (const n of m.nested) add(n, full);
      if (m.mapEntry) return;
      const go = goTypes.get(full);
      const entry: Record<string, unknown> = {};
      if (go?.kind === K.Slice) entry.$array = 1;
      for (const f of m.fields) {
        const goField = go?.fields.find((g) => g.protoNumber === f.number);
        let type = typeName(f);
        const mapEntry = f.type === 11 ? findNested(m, f.typeName) : undefined;
        if (mapEntry?.mapEntry) {
          type = `map<${typeName(mapEntry.fields[0])},${typeName(mapEntry.fields[1])}>`;
        }
        let flags = f.repeated && !mapEntry?.mapEntry ? FLAG_REPEATED : 0;
        if (goField && goField.omitempty && SCALAR_KINDS.has(goField.kind)) flags |= FLAG_DROP_ZERO;
        if (goField?.inline) flags |= FLAG_INLINE;
        const json = goField?.json || f.name;
        entry[f.number] = flags ? [json, type, flags] : [json, type];
      }
      schema[full] = entry;
    };
    for (const m of file.messages) add(m, file.pkg);
  }
  const sorted = Object.fromEntries(Object.keys(schema).sort().map((k) => [k, schema[k]]));
  process.stdout.write(`${JSON.stringify({ source: `kubectl ${path.split('/').pop()}`, messages: sorted })}\n`);
}

function findNested(m: MessageDesc, typeName: string): MessageDesc | undefined {
  const last = typeName.slice(typeName.lastIndexOf('.') + 1);
  return m.nested.find((n) => n.name === last);
}

main();
