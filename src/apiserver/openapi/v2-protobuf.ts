// The Swagger 2.0 document as gnostic's openapi.v2.Document protobuf: what kube-openapi
// serves at /openapi/v2 for Accept: application/com.github.proto-openapi.spec.v2[@.]v1.0
// +protobuf, and what kubectl (its field-validation check, client-side validation,
// `explain`) and Helm decode.
//
// Kubernetes builds it with gnostic's compiler (openapiv2.ParseDocument, then
// proto.Marshal), so this reproduces that compiler's rules, driven by the message schema
// extracted from kubectl (gnostic-schema.json, see scripts/gen-gnostic-schema.ts):
//  - every JSON key maps to the field of the same name in camelCase ($ref: _ref);
//  - named maps (paths, definitions, properties, responses, parameters, security
//    definitions, scopes) become repeated Named* entries in document order; `x-*` keys
//    become vendor_extension NamedAny entries; Paths takes keys starting with "/",
//    Responses takes three-digit codes and "default";
//  - default, example, enum items and extension values become Any{yaml}: the value
//    marshalled as YAML (see v2-protobuf-yaml.ts), never a google.protobuf.Any;
//  - a oneof tries each member in field order against the same JSON value and keeps the
//    last one that compiles without errors (a parameter is a body parameter or one of the
//    query/path/header/formData sub-schemas, told apart by `in` and required keys; a
//    parameter with $ref is a JsonReference; additionalProperties is a Schema or a bool);
//  - type is a TypeItem (a list of strings), items an ItemsItem (one Schema);
//  - scalars keep proto3's rule: zero values are not written, except in a oneof.
// Where gnostic would reject the document (a missing required key, an unknown key, a value
// of the wrong type), the problem is reported and the rest is still encoded as gnostic's
// compiler leaves it (a oneof that matched nothing stays empty). Kubernetes would fail the
// whole request instead; reporting keeps such a bug visible without taking kubectl down.

import { ProtoWriter } from '../../api/protobuf/writer.js';
import { WireType } from '../../api/protobuf/wire.js';
import schemaFile from './gnostic-schema.json' with { type: 'json' };
import { yamlOf } from './v2-protobuf-yaml.js';

/** [name, type, repeated, oneof] as gen-gnostic-schema writes them. */
type FieldEntry = [name: string, type: string, repeated?: number, oneof?: string];

export interface GnosticField {
  readonly number: number;
  readonly name: string;
  readonly type: string;
  readonly repeated: boolean;
  readonly oneof: string | undefined;
  /** The JSON key gnostic reads this field from. */
  readonly key: string;
}

export interface GnosticMessage {
  readonly name: string;
  /** In field-number order, which is the order proto.Marshal writes them in. */
  readonly fields: readonly GnosticField[];
  readonly byName: ReadonlyMap<string, GnosticField>;
}

const PKG = 'openapi.v2';

/** The gnostic message types by full name (openapi.v2.Schema, google.protobuf.Any). */
export const GNOSTIC: ReadonlyMap<string, GnosticMessage> = (() => {
  const out = new Map<string, GnosticMessage>();
  const messages = (schemaFile as unknown as { messages: Record<string, Record<string, FieldEntry>> }).messages;
  for (const [name, entries] of Object.entries(messages)) {
    const fields = Object.entries(entries)
      .map(([num, [fname, type, repeated, oneof]]) => ({ number: Number(num), name: fname, type, repeated: repeated === 1, oneof, key: jsonKey(fname) }))
      .sort((a, b) => a.number - b.number);
    out.set(name, { name, fields, byName: new Map(fields.map((f) => [f.name, f])) });
  }
  return out;
})();

function jsonKey(field: string): string {
  if (field === '_ref') return '$ref';
  return field.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

// ---- what the compiler checks, per message (facts of gnostic's OpenAPI v2 compiler) -----

const PRIMITIVE_TYPES = ['string', 'number', 'integer', 'boolean', 'array'];
const COLLECTION_FORMATS = ['csv', 'ssv', 'tsv', 'pipes'];
const SCHEMES = ['http', 'https', 'ws', 'wss'];

interface Rules {
  readonly required?: readonly string[];
  readonly enums?: Readonly<Record<string, readonly string[]>>;
  /** JsonReference accepts any other key. */
  readonly anyKeys?: boolean;
}

const RULES: Record<string, Rules> = {
  Document: { required: ['info', 'paths', 'swagger'], enums: { swagger: ['2.0'], schemes: SCHEMES } },
  Info: { required: ['title', 'version'] },
  License: { required: ['name'] },
  ExternalDocs: { required: ['url'] },
  Tag: { required: ['name'] },
  Operation: { required: ['responses'], enums: { schemes: SCHEMES } },
  Response: { required: ['description'] },
  JsonReference: { required: ['$ref'], anyKeys: true },
  BodyParameter: { required: ['in', 'name', 'schema'], enums: { in: ['body'] } },
  HeaderParameterSubSchema: { enums: { in: ['header'], type: PRIMITIVE_TYPES, collectionFormat: COLLECTION_FORMATS } },
  FormDataParameterSubSchema: { enums: { in: ['formData'], type: [...PRIMITIVE_TYPES, 'file'], collectionFormat: [...COLLECTION_FORMATS, 'multi'] } },
  QueryParameterSubSchema: { enums: { in: ['query'], type: PRIMITIVE_TYPES, collectionFormat: [...COLLECTION_FORMATS, 'multi'] } },
  PathParameterSubSchema: { required: ['required'], enums: { in: ['path'], type: PRIMITIVE_TYPES, collectionFormat: COLLECTION_FORMATS } },
  Header: { required: ['type'], enums: { type: PRIMITIVE_TYPES, collectionFormat: COLLECTION_FORMATS } },
  PrimitivesItems: { enums: { type: PRIMITIVE_TYPES, collectionFormat: COLLECTION_FORMATS } },
  FileSchema: { required: ['type'], enums: { type: ['file'] } },
  ApiKeySecurity: { required: ['in', 'name', 'type'], enums: { type: ['apiKey'], in: ['header', 'query'] } },
  BasicAuthenticationSecurity: { required: ['type'], enums: { type: ['basic'] } },
  Oauth2ImplicitSecurity: { required: ['authorizationUrl', 'flow', 'type'], enums: { type: ['oauth2'], flow: ['implicit'] } },
  Oauth2PasswordSecurity: { required: ['flow', 'tokenUrl', 'type'], enums: { type: ['oauth2'], flow: ['password'] } },
  Oauth2ApplicationSecurity: { required: ['flow', 'tokenUrl', 'type'], enums: { type: ['oauth2'], flow: ['application'] } },
  Oauth2AccessCodeSecurity: { required: ['authorizationUrl', 'flow', 'tokenUrl', 'type'], enums: { type: ['oauth2'], flow: ['accessCode'] } },
};

const RESPONSE_CODE = /^([0-9]{3})$|^(default)$/;

/** Which keys of a JSON object a repeated named-entry field collects. */
const MAP_FIELDS: Record<string, (key: string) => boolean> = {
  vendor_extension: (k) => k.startsWith('x-'),
  additional_properties: () => true,
  path: (k) => k.startsWith('/'),
  response_code: (k) => RESPONSE_CODE.test(k),
};

// ---- the compiler ---------------------------------------------------------------------

/** A message under construction: field number -> value (arrays for repeated fields). */
export type Msg = Record<number, unknown>;
type Json = unknown;
type JsonObject = Record<string, Json>;

/** Where a value sits in the document, for problem reports; rendered only when reported
 *  (a oneof's rejected alternatives produce problems that are dropped unread). */
interface Ctx {
  readonly name: string;
  readonly parent: Ctx | undefined;
}

interface Problem {
  readonly ctx: Ctx;
  readonly text: string;
}

function render(p: Problem): string {
  const parts: string[] = [];
  for (let c: Ctx | undefined = p.ctx; c; c = c.parent) parts.push(c.name);
  return `${parts.reverse().join('.')} ${p.text}`;
}

const NO_PROBLEMS: readonly Problem[] = [];
type Result = [msg: Msg | undefined, problems: readonly Problem[]];

/** How one message type is compiled, worked out once from the schema and RULES. */
interface Plan {
  readonly kind: 'object' | 'oneof' | 'any' | 'typeItem' | 'itemsItem' | 'stringArray';
  readonly message: GnosticMessage;
  /** Fields read from the JSON key of the same name. */
  readonly byKey: ReadonlyMap<string, GnosticField>;
  /** Every field, indexed by number. */
  readonly byNumber: readonly (GnosticField | undefined)[];
  /** Repeated Named* fields that collect an object's keys, with the keys they take. */
  readonly collectors: readonly Collector[];
  readonly required: readonly string[];
  readonly enums: Readonly<Record<string, readonly string[]>>;
  /** Whether keys that no field takes are an error (not for pure maps, nor JsonReference). */
  readonly checkKeys: boolean;
}

interface Collector {
  readonly field: GnosticField;
  readonly takes: (key: string) => boolean;
  /** The Named* message's name and value fields. */
  readonly name: GnosticField;
  readonly value: GnosticField;
}

const SPECIAL_KINDS: Record<string, Plan['kind']> = {
  [`${PKG}.Any`]: 'any',
  [`${PKG}.TypeItem`]: 'typeItem',
  [`${PKG}.ItemsItem`]: 'itemsItem',
  [`${PKG}.StringArray`]: 'stringArray',
};

const PLANS = new Map<string, Plan>();

function plan(type: string): Plan {
  let p = PLANS.get(type);
  if (p) return p;
  const m = GNOSTIC.get(type);
  if (!m) throw new Error(`gnostic schema has no message ${type}`);
  const rules = RULES[m.name.slice(m.name.lastIndexOf('.') + 1)] ?? {};
  const collectors = m.fields
    .filter((f) => f.repeated && f.type.startsWith(`${PKG}.Named`) && MAP_FIELDS[f.name])
    .map((field) => {
      const named = GNOSTIC.get(field.type)!.byName;
      return { field, takes: MAP_FIELDS[field.name], name: named.get('name')!, value: named.get('value')! };
    });
  const fixed = m.fields.filter((f) => !collectors.some((c) => c.field === f));
  const pureMap = fixed.length === 0 && collectors.some((c) => c.field.name === 'additional_properties');
  p = {
    kind: SPECIAL_KINDS[type] ?? (m.fields.every((f) => f.oneof !== undefined) ? 'oneof' : 'object'),
    message: m,
    byKey: new Map(fixed.map((f) => [f.key, f])),
    byNumber: m.fields.reduce<GnosticField[]>((a, f) => ((a[f.number] = f), a), []),
    collectors,
    required: rules.required ?? [],
    enums: rules.enums ?? {},
    checkKeys: !pureMap && !rules.anyKeys,
  };
  PLANS.set(type, p);
  return p;
}

function isObject(v: Json): v is JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The text yaml.v3 holds for a JSON scalar (JSON's own spelling). */
function scalarText(v: Json): string {
  if (v === null) return 'null';
  if (typeof v === 'number') return JSON.stringify(v);
  return String(v);
}

const INTEGER_TEXT = /^-?[0-9]+$/;

/** gnostic's StringForScalarNode: strings, integers (as their text) and null (""). */
function stringFor(v: Json): string | undefined {
  if (typeof v === 'string') return v;
  if (v === null) return '';
  if (typeof v === 'number' && INTEGER_TEXT.test(scalarText(v))) return scalarText(v);
  return undefined;
}

const fieldNumber = (type: string, field: string) => GNOSTIC.get(`${PKG}.${type}`)!.byName.get(field)!.number;
const ANY_YAML = fieldNumber('Any', 'yaml');
const TYPE_ITEM_VALUE = fieldNumber('TypeItem', 'value');
const ITEMS_ITEM_SCHEMA = fieldNumber('ItemsItem', 'schema');
const STRING_ARRAY_VALUE = fieldNumber('StringArray', 'value');

function compile(type: string, v: Json, ctx: Ctx): Result {
  const p = plan(type);
  switch (p.kind) {
    case 'any':
      return [{ [ANY_YAML]: yamlOf(v) }, NO_PROBLEMS];
    case 'typeItem':
      return compileTypeItem(v, ctx);
    case 'itemsItem': {
      // One schema, whatever the value; when it does not compile, gnostic keeps no items.
      const [schema, problems] = compile(`${PKG}.Schema`, v, { name: '<array>', parent: ctx });
      return problems.length ? [undefined, problems] : [{ [ITEMS_ITEM_SCHEMA]: [schema] }, NO_PROBLEMS];
    }
    case 'stringArray':
      return [{ [STRING_ARRAY_VALUE]: Array.isArray(v) ? v.map((x) => stringFor(x) ?? '') : [] }, NO_PROBLEMS];
    case 'oneof':
      return compileOneof(p, v, ctx);
    case 'object':
      return compileObject(p, v, ctx);
  }
}

function compileTypeItem(v: Json, ctx: Ctx): Result {
  if (Array.isArray(v)) {
    const problems: Problem[] = [];
    const values: string[] = [];
    for (const x of v) {
      if (x !== null && typeof x === 'object') problems.push({ ctx, text: 'has unexpected value for string array element' });
      else values.push(scalarText(x));
    }
    return [{ [TYPE_ITEM_VALUE]: values }, problems];
  }
  if (v !== null && typeof v === 'object') return [{}, [{ ctx, text: 'has unexpected value for string array' }]];
  return [{ [TYPE_ITEM_VALUE]: [scalarText(v)] }, NO_PROBLEMS];
}

function compileOneof(p: Plan, v: Json, ctx: Ctx): Result {
  let chosen: Msg | undefined;
  for (const f of p.message.fields) {
    if (f.type === 'bool') {
      if (typeof v === 'boolean') chosen = { [f.number]: v };
      continue;
    }
    const [sub, problems] = compile(f.type, v, { name: f.key, parent: ctx });
    if (!problems.length) chosen = { [f.number]: sub };
  }
  if (chosen) return [chosen, NO_PROBLEMS];
  return [{}, [{ ctx, text: `contains an invalid ${p.message.name.slice(PKG.length + 1)}` }]];
}

function compileObject(p: Plan, v: Json, ctx: Ctx): Result {
  const obj: JsonObject = isObject(v) ? v : {};
  const out: Msg = {};
  let problems: Problem[] | undefined;
  const report = (text: string) => (problems ??= []).push({ ctx, text });

  const missing = p.required.filter((k) => !Object.hasOwn(obj, k));
  if (missing.length) report(`is missing required ${missing.length === 1 ? 'property' : 'properties'}: ${missing.join(', ')}`);
  let invalid: string[] | undefined;

  for (const key in obj) {
    const value = obj[key];
    const f = p.byKey.get(key);
    if (!f) {
      let taken = false;
      for (const c of p.collectors) {
        if (!c.takes(key)) continue;
        taken = true;
        let entry: Msg;
        if (c.value.type === 'string') {
          entry = { [c.name.number]: key, [c.value.number]: stringFor(value) ?? '' };
        } else {
          const [sub, subProblems] = compile(c.value.type, value, { name: key, parent: ctx });
          if (subProblems.length) (problems ??= []).push(...subProblems);
          entry = sub ? { [c.name.number]: key, [c.value.number]: sub } : { [c.name.number]: key };
        }
        ((out[c.field.number] ??= []) as Msg[]).push(entry);
      }
      if (!taken && p.checkKeys) (invalid ??= []).push(key);
      continue;
    }
    const fieldProblems = compileField(p, f, value, ctx, out);
    if (fieldProblems.length) (problems ??= []).push(...fieldProblems);
  }
  if (invalid) report(`has invalid ${invalid.length === 1 ? 'property' : 'properties'}: ${invalid.join(', ')}`);
  return [out, problems ?? NO_PROBLEMS];
}

/** Compiles the value of one fixed field into out, with gnostic's type checks. */
function compileField(p: Plan, f: GnosticField, value: Json, ctx: Ctx, out: Msg): readonly Problem[] {
  const wrong = (): readonly Problem[] => [{ ctx, text: `has unexpected value for ${f.key}` }];
  const oneOf = p.enums[f.key];
  if (f.repeated) {
    // gnostic complains only about a non-list for a list of strings; other fields stay empty.
    if (!Array.isArray(value)) return f.type === 'string' ? wrong() : NO_PROBLEMS;
    if (f.type === 'string') {
      const strings = value.map(stringFor).filter((s): s is string => s !== undefined);
      out[f.number] = strings;
      return oneOf && !strings.every((s) => oneOf.includes(s)) ? wrong() : NO_PROBLEMS;
    }
    let problems: Problem[] | undefined;
    out[f.number] = value.map((item) => {
      const [sub, subProblems] = compile(f.type, item, { name: f.key, parent: ctx });
      if (subProblems.length) (problems ??= []).push(...subProblems);
      return sub ?? {};
    });
    return problems ?? NO_PROBLEMS;
  }
  switch (f.type) {
    case 'string': {
      const s = stringFor(value);
      if (s === undefined) return wrong();
      out[f.number] = s;
      return oneOf && !oneOf.includes(s) ? wrong() : NO_PROBLEMS;
    }
    case 'bool':
      if (typeof value !== 'boolean') return wrong();
      out[f.number] = value;
      return NO_PROBLEMS;
    case 'double':
      if (typeof value !== 'number') return wrong();
      out[f.number] = value;
      return NO_PROBLEMS;
    case 'int64':
      if (typeof value !== 'number' || !INTEGER_TEXT.test(scalarText(value))) return wrong();
      out[f.number] = value;
      return NO_PROBLEMS;
    default: {
      const [sub, problems] = compile(f.type, value, { name: f.key, parent: ctx });
      if (sub) out[f.number] = sub;
      return problems;
    }
  }
}

// ---- encoding -------------------------------------------------------------------------

function encode(w: ProtoWriter, type: string, msg: Msg): void {
  const byNumber = plan(type).byNumber;
  // Integer keys enumerate in ascending order: field-number order, as proto.Marshal writes.
  for (const key in msg) {
    const f = byNumber[Number(key)];
    const v = msg[Number(key)];
    if (!f || v === undefined) continue;
    if (f.repeated) {
      for (const item of v as unknown[]) encodeValue(w, f, item, true);
    } else {
      encodeValue(w, f, v, f.oneof !== undefined);
    }
  }
}

/** One value of a field; `present` writes it even when it is proto3's zero value (oneof
 *  members and elements of repeated fields). No openapi.v2 field is a repeated number, so
 *  packed encoding never comes up. */
function encodeValue(w: ProtoWriter, f: GnosticField, v: unknown, present: boolean): void {
  switch (f.type) {
    case 'string':
      if (present || v !== '') w.tag(f.number, WireType.Bytes).string(v as string);
      return;
    case 'bytes':
      if (present || (v as Uint8Array).length) w.tag(f.number, WireType.Bytes).bytes(v as Uint8Array);
      return;
    case 'bool':
      if (present || v) w.tag(f.number, WireType.Varint).varint(v ? 1 : 0);
      return;
    case 'int64':
      if (present || v !== 0) w.tag(f.number, WireType.Varint).varint(v as number);
      return;
    case 'double':
      if (present || !Object.is(v, 0)) w.tag(f.number, WireType.Fixed64).double(v as number);
      return;
    default:
      w.tag(f.number, WireType.Bytes).begin();
      encode(w, f.type, v as Msg);
      w.end();
  }
}

export interface GnosticDocument {
  /** openapi.v2.Document, proto-encoded. */
  readonly bytes: Uint8Array;
  /** What gnostic's compiler would have rejected, with where (empty when it would accept). */
  readonly problems: readonly string[];
}

/** Compiles a parsed Swagger 2.0 document into gnostic's openapi.v2.Document. */
export function toGnosticDocument(swagger: unknown): GnosticDocument {
  const [doc, problems] = compile(`${PKG}.Document`, swagger, { name: '$root', parent: undefined });
  const w = new ProtoWriter(1 << 20);
  encode(w, `${PKG}.Document`, doc ?? {});
  return { bytes: w.finish(), problems: problems.map(render) };
}
