// What PodTopologySpread remembers between scheduling cycles, so that a cycle over thousands
// of nodes does not redo what the previous one already did:
//  - DomainIndex: the values of one topology key interned as small integers, so per-cycle
//    counts live in typed arrays indexed by domain instead of string-keyed maps.
//  - NodeTable: for one set of constraints in one namespace, each node's domain id and
//    matching pod count per constraint, by the node's position in the node list. A position
//    is reused while it holds the same NodeInfo object with the same generation (every change
//    to a NodeInfo's node or pods bumps its generation), so in steady state a cycle only
//    recounts the node the previous pod went to.
//  - positions: each NodeInfo's position in the node list, so Filter and Score, which get
//    single nodes, find their rows.
// A lookup with another list, or a changed node, simply recomputes: the tables are never
// wrong, only cold. They are bounded: interned values are dropped (a fresh index, which
// empties the tables using it) once they far outnumber the nodes, and tables are kept for
// the most recently used constraint sets only.

import type { Labels, LabelSelector } from '../../../api/labels/index.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { countMatchingPods, NO_LABELS, type Constraint } from './constraints.js';

/** No label for the key on that node. */
export const NO_DOMAIN = -1;

export class DomainIndex {
  readonly ids = new Map<string, number>();
  readonly values: string[] = [];

  idOf(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.ids.set(value, id);
    }
    return id;
  }

  get size(): number {
    return this.values.length;
  }
}

function selectorKey(s: LabelSelector): string {
  return s.matchesNothing() ? '\u0000nothing' : s.toString();
}

export class NodeTable {
  /** Constraints per node. */
  readonly width: number;
  /** Per position k and constraint i, at [k * width + i]: the node's domain id. */
  ids: Int32Array = new Int32Array(0);
  /** Likewise: the node's pods matching constraint i's selector. */
  counts: Int32Array = new Int32Array(0);
  /** Bumped whenever the ids start referring to other indexes. */
  version = 0;
  readonly #selectors: readonly LabelSelector[];
  /** Constraint i's pods are counted with #selectors[#selectorOf[i]] (shared selectors once). */
  readonly #selectorOf: Uint8Array;
  readonly #keys: readonly string[];
  readonly #namespace: string;
  readonly #scratch: Int32Array;
  #indexes: readonly DomainIndex[] = [];
  #infos: (NodeInfo | null)[] = [];
  #generations = new Float64Array(0);

  constructor(constraints: readonly Constraint[], namespace: string) {
    this.width = constraints.length;
    this.#keys = constraints.map((c) => c.topologyKey);
    this.#namespace = namespace;
    const texts: string[] = [];
    const selectors: LabelSelector[] = [];
    this.#selectorOf = Uint8Array.from(constraints, (c) => {
      const text = selectorKey(c.selector);
      let g = texts.indexOf(text);
      if (g < 0) {
        g = texts.push(text) - 1;
        selectors.push(c.selector);
      }
      return g;
    });
    this.#selectors = selectors;
    this.#scratch = new Int32Array(selectors.length);
  }

  /** Readies the table for a list of listLength nodes, domains interned in indexes. */
  prepare(listLength: number, indexes: readonly DomainIndex[]): void {
    if (indexes.some((ix, i) => ix !== this.#indexes[i])) {
      // Ids of a dropped index mean nothing any more.
      this.#indexes = indexes;
      this.#infos = [];
      this.version++;
    }
    const size = listLength * this.width;
    if (this.ids.length >= size) return;
    this.ids = grow(this.ids, size);
    this.counts = grow(this.counts, size);
    const generations = new Float64Array(listLength);
    generations.set(this.#generations);
    this.#generations = generations;
  }

  /** Makes position k describe nodeInfo (which must have a node). */
  refresh(k: number, nodeInfo: NodeInfo): void {
    if (this.#infos[k] === nodeInfo && this.#generations[k] === nodeInfo.generation) return;
    const labels: Labels = nodeInfo.node!.metadata.labels ?? NO_LABELS;
    const base = k * this.width;
    this.#scratch.fill(-1);
    for (let i = 0; i < this.width; i++) {
      const value = labels[this.#keys[i]!];
      this.ids[base + i] = value === undefined ? NO_DOMAIN : this.#indexes[i]!.idOf(value);
      const g = this.#selectorOf[i]!;
      if (this.#scratch[g]! < 0) this.#scratch[g] = countMatchingPods(nodeInfo.pods, this.#selectors[g]!, this.#namespace);
      this.counts[base + i] = this.#scratch[g]!;
    }
    this.#infos[k] = nodeInfo;
    this.#generations[k] = nodeInfo.generation;
  }
}

function grow(a: Int32Array, n: number): Int32Array {
  const b = new Int32Array(n);
  b.set(a);
  return b;
}

const MAX_TABLES = 16;

export class SpreadCaches {
  readonly #indexes = new Map<string, DomainIndex>();
  /** Insertion order is recency: the oldest table goes first. */
  readonly #tables = new Map<string, NodeTable>();
  #positionsList: readonly NodeInfo[] | null = null;
  #positions = new Map<NodeInfo, number>();

  /**
   * Each NodeInfo's position in list, so that a node met in another list (the feasible
   * ones) finds its row in a table. Rebuilt only when the list is another array (the
   * snapshot replaces its list when nodes come or go). A stale position costs a recount
   * in the table, never a wrong count: rows are checked against the NodeInfo given.
   */
  positions(list: readonly NodeInfo[]): ReadonlyMap<NodeInfo, number> {
    if (list !== this.#positionsList || this.#positions.size !== list.length) {
      this.#positionsList = list;
      this.#positions = new Map();
      for (let k = 0; k < list.length; k++) this.#positions.set(list[k]!, k);
    }
    return this.#positions;
  }

  /** The interned values of a key, fresh if they far outnumber the listLength nodes. */
  index(topologyKey: string, listLength: number): DomainIndex {
    let ix = this.#indexes.get(topologyKey);
    if (!ix || ix.size > 2 * listLength + 1024) this.#indexes.set(topologyKey, (ix = new DomainIndex()));
    return ix;
  }

  /** The table of a constraint set in a namespace, ready for a list of listLength nodes. */
  table(constraints: readonly Constraint[], namespace: string, listLength: number, indexes: readonly DomainIndex[]): NodeTable {
    const key = `${namespace}\u0001${constraints.map((c) => `${c.topologyKey}\u0000${selectorKey(c.selector)}`).join('\u0001')}`;
    let t = this.#tables.get(key);
    if (t) {
      this.#tables.delete(key);
    } else {
      t = new NodeTable(constraints, namespace);
      if (this.#tables.size >= MAX_TABLES) this.#tables.delete(this.#tables.keys().next().value!);
    }
    this.#tables.set(key, t);
    t.prepare(listLength, indexes);
    return t;
  }
}
