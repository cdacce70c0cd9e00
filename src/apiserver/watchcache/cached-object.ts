// A CachedObject is one stored version of one object as the watch cache holds it: parsed
// once when its storage event arrives, never mutated afterwards, and serialized at most once
// per representation however many lists and watchers send it. Code that wants to change an
// object must copy it first (see `mutableCopy`).
//
// A version that has been superseded lives on only in the event window, for watches that
// start from an older resourceVersion. release() lets it keep just its JSON: the parsed
// object and the memoized encodings are dropped and made again if such a watch needs them.
// Under churn the window holds tens of thousands of versions, and their parsed objects
// were most of the server's memory.

import type { KubeObject } from '../../api/meta.js';

/** The start of a value as kite stores it, up to the inside of its top-level metadata. */
const STORED_PREFIX = /^\{(?:"apiVersion":"(?:[^"\\]|\\.)*",)?(?:"kind":"(?:[^"\\]|\\.)*",)?"metadata":\{/;

export class CachedObject {
  #obj: KubeObject | undefined;
  #json: string | undefined;
  #encodings: Map<string, string> | undefined;

  constructor(
    readonly key: string,
    /** In the storage version, with metadata.resourceVersion set to `revision`. */
    obj: KubeObject,
    readonly revision: number,
    json?: string,
  ) {
    this.#obj = obj;
    this.#json = json;
  }

  /** The object (in the storage version, metadata.resourceVersion = revision); read only. */
  get obj(): KubeObject {
    this.#obj ??= JSON.parse(this.#json!) as KubeObject;
    return this.#obj;
  }

  /** Keeps only the JSON (when there is one): see the top of this file. */
  release(): void {
    if (this.#json === undefined) return;
    this.#obj = undefined;
    this.#encodings = undefined;
  }

  /**
   * The cached form of a stored value: obj is the value's object with its resourceVersion
   * set; the JSON is the stored text with the resourceVersion inserted into its metadata,
   * when the text starts with apiVersion, kind and metadata as kite writes it.
   */
  static fromStored(key: string, value: string, obj: KubeObject, revision: number): CachedObject {
    const m = STORED_PREFIX.exec(value);
    if (!m) return new CachedObject(key, obj, revision);
    const at = m[0].length;
    const rv = `"resourceVersion":"${revision}"`;
    const json = `${value.slice(0, at)}${rv}${value[at] === '}' ? '' : ','}${value.slice(at)}`;
    return new CachedObject(key, obj, revision, json);
  }

  /** The object as JSON, in the storage version. */
  json(): string {
    if (this.#json === undefined) this.#json = JSON.stringify(this.obj);
    return this.#json;
  }

  /** Memoizes another representation of this object (e.g. another API version, or a watch
   *  event line) under id. */
  encoded(id: string, encode: (obj: KubeObject) => string): string {
    this.#encodings ??= new Map();
    let s = this.#encodings.get(id);
    if (s === undefined) {
      s = encode(this.obj);
      this.#encodings.set(id, s);
    }
    return s;
  }

  /** A deep copy the caller may change. */
  mutableCopy(): KubeObject {
    return JSON.parse(this.json()) as KubeObject;
  }

  /** The same object content at another revision (a deleted object carries the revision of
   *  its deletion, as Kubernetes reports it in DELETED events). */
  atRevision(revision: number): CachedObject {
    const obj = this.mutableCopy();
    obj.metadata.resourceVersion = String(revision);
    return new CachedObject(this.key, obj, revision);
  }
}
