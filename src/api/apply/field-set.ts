// A set of field paths, as structured-merge-diff's fieldpath.Set: a trie keyed by path elements
// in FieldsV1 form (see path-element.ts), where each node says whether the path to it is itself
// a member and which longer paths continue below it. The FieldsV1 wire form of a set is this
// trie as JSON: `{"f:spec":{"f:containers":{"k:{\"name\":\"x\"}":{".":{},"f:image":{}}}}}` —
// `{}` for a member with nothing below, "." for a member that also has children, keys in SMD's
// order with "." first.
//
// Sets are immutable values: the operations return new sets and share unchanged subtrees with
// their inputs (and return an input itself when nothing changes, so callers can tell "unchanged"
// by identity). Only the builders in this folder mutate nodes, and only nodes they just made.
//
// Invariant: no entry is empty (every entry is a member or has a non-empty child node), so
// "empty set" is "no entries".

import { canonicalKey, PathElementError, pathString, sortKeys, type PathKey } from './path-element.js';
import { isMap } from './value.js';

export interface SetEntry {
  member: boolean;
  children: SetNode | undefined;
}

export type SetNode = Map<PathKey, SetEntry>;

export class FieldsV1Error extends Error {
  override name = 'FieldsV1Error';
}

export class FieldSet {
  /** The empty set (assigned below the class: a static initializer cannot construct it). */
  static EMPTY: FieldSet;

  /** The trie; undefined or a non-empty map. Treat as read-only. */
  readonly root: SetNode | undefined;

  constructor(root: SetNode | undefined) {
    this.root = root && root.size > 0 ? root : undefined;
  }

  static of(node: SetNode | undefined): FieldSet {
    return node && node.size > 0 ? new FieldSet(node) : FieldSet.EMPTY;
  }

  /** A set of the given paths, each a list of FieldsV1 keys. */
  static fromPaths(paths: Iterable<readonly PathKey[]>): FieldSet {
    const root: SetNode = new Map();
    for (const p of paths) insertPath(root, p);
    return FieldSet.of(root);
  }

  /**
   * A set of field-name paths: fromFieldNames(['status'], ['metadata', 'labels']) is
   * {.status, .metadata.labels} — the shape of a strategy's reset fields.
   */
  static fromFieldNames(...paths: readonly string[][]): FieldSet {
    return FieldSet.fromPaths(paths.map((p) => p.map((name) => 'f:' + name)));
  }

  /** Reads a FieldsV1 object, as SMD's Set.FromJSON does. Throws FieldsV1Error. */
  static fromFieldsV1(json: unknown): FieldSet {
    if (!isMap(json)) throw new FieldsV1Error('FieldsV1 must be a JSON object');
    return FieldSet.of(readNode(json).children);
  }

  get empty(): boolean {
    return this.root === undefined;
  }

  /** Number of member paths. */
  get size(): number {
    return countMembers(this.root);
  }

  has(path: readonly PathKey[]): boolean {
    let node = this.root;
    for (let i = 0; i < path.length; i++) {
      const e = node?.get(path[i]!);
      if (!e) return false;
      if (i === path.length - 1) return e.member;
      node = e.children;
    }
    return false;
  }

  /** The paths below `key`, with `key` removed from their front. */
  withPrefix(key: PathKey): FieldSet {
    return FieldSet.of(this.root?.get(key)?.children);
  }

  union(other: FieldSet): FieldSet {
    return this.#wrap(unionNodes(this.root, other.root), other);
  }

  intersection(other: FieldSet): FieldSet {
    return this.#wrap(intersectNodes(this.root, other.root), other);
  }

  /** A result node as a set, keeping an input's identity when the result is that input. */
  #wrap(out: SetNode | undefined, other: FieldSet): FieldSet {
    if (out === this.root) return this;
    if (out === other.root) return other;
    return FieldSet.of(out);
  }

  /** Members of this not in other; a path that is a parent in one and a leaf in the other stays. */
  difference(other: FieldSet): FieldSet {
    return this.#wrap(differenceNodes(this.root, other.root), FieldSet.EMPTY);
  }

  /** Like difference, but a member of other also removes everything below it. */
  recursiveDifference(other: FieldSet): FieldSet {
    return this.#wrap(recursiveDifferenceNodes(this.root, other.root), FieldSet.EMPTY);
  }

  equals(other: FieldSet): boolean {
    return nodesEqual(this.root, other.root);
  }

  /** Calls fn for each member path in SMD order: a node's members, then its children. */
  iterate(fn: (path: readonly PathKey[]) => void): void {
    iterateNode(this.root, [], fn);
  }

  paths(): PathKey[][] {
    const out: PathKey[][] = [];
    this.iterate((p) => out.push([...p]));
    return out;
  }

  /** The member paths as SMD prints them, one per element. */
  toStrings(): string[] {
    const out: string[] = [];
    this.iterate((p) => out.push(pathString(p)));
    return out;
  }

  /** The FieldsV1 object (key order is the wire order). */
  toFieldsV1(): Record<string, unknown> {
    return writeNode(this.root);
  }

  /** JSON.stringify(set) writes the FieldsV1 form. */
  toJSON(): Record<string, unknown> {
    return this.toFieldsV1();
  }

  /** The FieldsV1 JSON text, byte for byte what Kubernetes stores. */
  toWire(): string {
    return JSON.stringify(this.toFieldsV1());
  }
}

FieldSet.EMPTY = new FieldSet(undefined);

// ---- builders (mutate only nodes they own) ----

export function insertPath(root: SetNode, path: readonly PathKey[]): void {
  if (path.length === 0) return; // SMD tracks no ownership of the whole object
  let node = root;
  for (let i = 0; i < path.length - 1; i++) {
    let e = node.get(path[i]!);
    if (!e) {
      e = { member: false, children: undefined };
      node.set(path[i]!, e);
    }
    if (!e.children) e.children = new Map();
    node = e.children;
  }
  markMember(node, path[path.length - 1]!);
}

export function markMember(node: SetNode, key: PathKey): void {
  const e = node.get(key);
  if (e) e.member = true;
  else node.set(key, { member: true, children: undefined });
}

/** Attaches a freshly built child node under key (merging with what is there). */
export function attachChildren(node: SetNode, key: PathKey, children: SetNode | undefined): void {
  if (!children || children.size === 0) return;
  const e = node.get(key);
  if (!e) node.set(key, { member: false, children });
  else e.children = e.children ? unionNodes(e.children, children) : children;
}

// ---- FieldsV1 ----

function readNode(json: Record<string, unknown>): { children: SetNode | undefined; member: boolean } {
  let member = false;
  let children: SetNode | undefined;
  for (const raw of Object.keys(json)) {
    const v = json[raw];
    if (raw === '.') {
      member = true;
      continue;
    }
    let key: PathKey | undefined;
    try {
      key = canonicalKey(raw);
    } catch (err) {
      if (err instanceof PathElementError) throw new FieldsV1Error(`parsing key as path element: ${err.message}`);
      throw err;
    }
    if (key === undefined) continue; // a kind of path element this version does not know
    if (!isMap(v)) throw new FieldsV1Error(`expected an object at ${JSON.stringify(raw)}`);
    const sub = readNode(v);
    children ??= new Map();
    const prev = children.get(key);
    if (prev) {
      prev.member ||= sub.member;
      prev.children = unionNodes(prev.children, sub.children);
    } else if (sub.member || sub.children) {
      children.set(key, { member: sub.member, children: sub.children });
    }
  }
  // A node with nothing below it is a member (`"f:x": {}`).
  if (!children || children.size === 0) return { children: undefined, member: true };
  return { children, member };
}

function writeNode(node: SetNode | undefined, out: Record<string, unknown> = {}): Record<string, unknown> {
  if (!node) return out;
  const keys = node.size === 1 ? [node.keys().next().value as PathKey] : sortKeys([...node.keys()]);
  for (const key of keys) {
    const e = node.get(key)!;
    if (e.children && e.children.size > 0) {
      const inner: Record<string, unknown> = {};
      if (e.member) inner['.'] = {};
      out[key] = writeNode(e.children, inner);
    } else {
      out[key] = {};
    }
  }
  return out;
}

// ---- node algebra ----

export function unionNodes(a: SetNode | undefined, b: SetNode | undefined): SetNode | undefined {
  if (!a || a.size === 0) return b;
  if (!b || b.size === 0 || a === b) return a;
  const out: SetNode = new Map(a);
  for (const [k, eb] of b) {
    const ea = out.get(k);
    if (!ea) out.set(k, eb);
    else if (ea !== eb) out.set(k, { member: ea.member || eb.member, children: unionNodes(ea.children, eb.children) });
  }
  return out;
}

export function intersectNodes(a: SetNode | undefined, b: SetNode | undefined): SetNode | undefined {
  if (!a || !b) return undefined;
  if (a === b) return a;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let out: SetNode | undefined;
  for (const [k, es] of small) {
    const el = large.get(k);
    if (!el) continue;
    const member = es.member && el.member;
    const children = es.children && el.children ? intersectNodes(es.children, el.children) : undefined;
    if (member || children) (out ??= new Map()).set(k, { member, children });
  }
  return out;
}

export function differenceNodes(a: SetNode | undefined, b: SetNode | undefined): SetNode | undefined {
  if (!a || !b) return a;
  if (a === b) return undefined;
  let out: SetNode | undefined;
  let changed = false;
  for (const [k, ea] of a) {
    const eb = b.get(k);
    let next: SetEntry | undefined = ea;
    if (eb) {
      const member = ea.member && !eb.member;
      const children = eb.children ? differenceNodes(ea.children, eb.children) : ea.children;
      if (member !== ea.member || children !== ea.children) {
        changed = true;
        next = member || children ? { member, children } : undefined;
      }
    }
    if (next) (out ??= new Map()).set(k, next);
  }
  return changed ? out : a;
}

export function recursiveDifferenceNodes(a: SetNode | undefined, b: SetNode | undefined): SetNode | undefined {
  if (!a || !b) return a;
  let out: SetNode | undefined;
  let changed = false;
  for (const [k, ea] of a) {
    const eb = b.get(k);
    let next: SetEntry | undefined = ea;
    if (eb) {
      if (eb.member) next = undefined;
      else {
        const children = eb.children ? recursiveDifferenceNodes(ea.children, eb.children) : ea.children;
        if (children !== ea.children) next = ea.member || children ? { member: ea.member, children } : undefined;
      }
      if (next !== ea) changed = true;
    }
    if (next) (out ??= new Map()).set(k, next);
  }
  return changed ? out : a;
}

export function nodesEqual(a: SetNode | undefined, b: SetNode | undefined): boolean {
  if (a === b) return true;
  const sa = a?.size ?? 0;
  const sb = b?.size ?? 0;
  if (sa !== sb) return false;
  if (sa === 0) return true;
  for (const [k, ea] of a!) {
    const eb = b!.get(k);
    if (!eb || ea.member !== eb.member || !nodesEqual(ea.children, eb.children)) return false;
  }
  return true;
}

function countMembers(node: SetNode | undefined): number {
  let n = 0;
  if (node) for (const e of node.values()) n += (e.member ? 1 : 0) + countMembers(e.children);
  return n;
}

function iterateNode(node: SetNode | undefined, prefix: PathKey[], fn: (path: readonly PathKey[]) => void): void {
  if (!node) return;
  const keys = sortKeys([...node.keys()]);
  for (const k of keys) {
    if (!node.get(k)!.member) continue;
    prefix.push(k);
    fn(prefix);
    prefix.pop();
  }
  for (const k of keys) {
    const e = node.get(k)!;
    if (!e.children) continue;
    prefix.push(k);
    iterateNode(e.children, prefix, fn);
    prefix.pop();
  }
}
