// Duplicate keys in request bodies, found the way Kubernetes' strict decoders find them.
//
// JSON: sigs.k8s.io/json reports each repeated key of an object as `duplicate field "<path>"`
// with the key's full dotted path ("metadata.labels.app", list items as "[i]"), in document
// order, while JSON.parse silently keeps the last value. `parseJsonTree` keeps every entry so
// that the strict decoder (strict-decoding.ts) can walk keys in document order.
//
// YAML: the body is first converted with go-yaml's strict mode, which fails on a repeated
// mapping key with "line N: key "k" already set in map" (N 1-based, the repeated key's line,
// the key printed as Go's %#v of its YAML 1.1 value). All such lines make one error:
// `error converting YAML to JSON: yaml: unmarshal errors:\n  line 5: key "name" already set in map`.

import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { goQuote } from '../labels/index.js';

export type JsonNode =
  | { kind: 'object'; entries: { key: string; value: JsonNode }[] }
  | { kind: 'array'; items: JsonNode[] }
  | { kind: 'scalar'; value: unknown };

/** A JSON text as a tree that keeps repeated keys; undefined when the text is not JSON. */
export function parseJsonTree(text: string): JsonNode | undefined {
  let i = 0;
  const ws = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const fail = (): never => {
    throw new SyntaxError(`unexpected input at ${i}`);
  };
  const string = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    if (i >= text.length) fail();
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (): JsonNode => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const entries: { key: string; value: JsonNode }[] = [];
      ws();
      if (text[i] === '}') {
        i++;
        return { kind: 'object', entries };
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        const key = string();
        ws();
        if (text[i] !== ':') fail();
        i++;
        entries.push({ key, value: value() });
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return { kind: 'object', entries };
        }
        fail();
      }
    }
    if (c === '[') {
      i++;
      const items: JsonNode[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return { kind: 'array', items };
      }
      for (;;) {
        items.push(value());
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return { kind: 'array', items };
        }
        fail();
      }
    }
    if (c === '"') return { kind: 'scalar', value: string() };
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
    if (!m) fail();
    i += m![0].length;
    return { kind: 'scalar', value: JSON.parse(m![0]) };
  };
  try {
    const root = value();
    ws();
    return i === text.length ? root : undefined;
  } catch {
    return undefined;
  }
}

/** The decoder's path of a field: "a.b", "a[0].b" for list items. */
export function fieldPath(parent: string, key: string): string {
  return parent === '' ? key : `${parent}.${key}`;
}

/**
 * Paths of repeated keys in a JSON body, in document order. Every object counts, including
 * free-form ones; strict-decoding.ts's strictJsonErrors skips those the schema leaves raw.
 */
export function duplicateFields(rawJson: string): string[] {
  const root = parseJsonTree(rawJson);
  const out: string[] = [];
  const walk = (n: JsonNode, path: string) => {
    if (n.kind === 'object') {
      const seen = new Set<string>();
      for (const { key, value } of n.entries) {
        const p = fieldPath(path, key);
        if (seen.has(key)) out.push(p);
        seen.add(key);
        walk(value, p);
      }
    } else if (n.kind === 'array') n.items.forEach((item, i) => walk(item, `${path}[${i}]`));
  };
  if (root) walk(root, '');
  return out;
}

export interface YamlDuplicateKey {
  /** 1-based line of the repeated key. */
  line: number;
  /** The key as go-yaml prints it (%#v of its value). */
  key: string;
}

/** %#v of a decoded YAML key: strings quoted, numbers and booleans bare, null as <nil>. */
function goKey(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return goQuote(v);
  return String(v);
}

/** Repeated mapping keys in the first YAML document, in document order. */
export function duplicateYamlKeys(text: string): YamlDuplicateKey[] {
  const lineCounter = new LineCounter();
  // YAML 1.1 resolves keys as go-yaml v2 does (yes/on are booleans).
  const doc = parseDocument(text, { uniqueKeys: false, lineCounter, version: '1.1', prettyErrors: false });
  if (doc.errors.length > 0) return [];
  const out: YamlDuplicateKey[] = [];
  const walk = (n: Node | null | undefined) => {
    if (!n) return;
    if (isMap(n)) {
      const seen = new Set<string>();
      for (const pair of n.items) {
        const k = pair.key as Node | null;
        if (isScalar(k)) {
          const id = `${typeof k.value}:${String(k.value)}`;
          if (seen.has(id)) out.push({ line: lineCounter.linePos(k.range?.[0] ?? 0).line, key: goKey(k.value) });
          seen.add(id);
        }
        walk(pair.value as Node | null);
      }
    } else if (isSeq(n)) {
      for (const item of n.items) walk(item as Node | null);
    }
  };
  walk(doc.contents as Node | null);
  return out;
}

/** The error YAMLToJSONStrict returns for a body with repeated keys, or undefined. */
export function yamlDuplicateKeyError(text: string): string | undefined {
  const dups = duplicateYamlKeys(text);
  if (dups.length === 0) return undefined;
  const lines = dups.map((d) => `  line ${d.line}: key ${d.key} already set in map`);
  return `error converting YAML to JSON: yaml: unmarshal errors:\n${lines.join('\n')}`;
}
