// PodTopologySpread's hard side (kube-scheduler podtopologyspread/filtering.go): how many
// matching pods each topology domain holds for every DoNotSchedule constraint, and whether
// placing the pod on a node keeps each constraint's skew within maxSkew.
//
// Contract:
//  - computePreFilterState counts, over every node carrying all the constraints' topology
//    keys, the pods (same namespace as the pod, not terminating) the constraint's selector
//    matches, per topology value of that key; a node a constraint's inclusion policies
//    exclude adds no domain for that constraint. A domain with zero matching pods is still a
//    domain (it counts towards minDomains and may be the minimum).
//  - checkNode: the node must carry every topology key (else MISSING_LABEL, unresolvable), and
//    for each constraint: matching pods in the node's domain + 1 if the pod matches its own
//    selector - the global minimum <= maxSkew (else SKEW). The global minimum is the smallest
//    domain's count, or 0 while there are fewer domains than minDomains.
//  - updateWithPod keeps the counts in step with a pod added to or removed from a node in a
//    what-if evaluation (preemption, nominated pods), as PreFilterExtensions require.
//  - clone() copies what updateWithPod mutates, so what-if copies never share counts.
//  - Domains are interned per topology key (node-cache.ts): counts are typed arrays by
//    domain id. A node of the cycle's list is checked through its row in the cross-cycle
//    node table, a what-if copy through its labels; either way nothing is allocated.

import type { Pod } from '../../../api/types/core-v1.js';
import type { NodeInfo } from '../../framework/node-info.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { NO_LABELS, NodeInclusion, nodeHasAllKeys, type Constraint } from './constraints.js';
import { NO_DOMAIN, type DomainIndex, type NodeTable, type SpreadCaches } from './node-cache.js';

const MAX_INT32 = 2147483647;
/** In a counts array: the id is no domain of the constraint. Counts themselves may go below
 *  zero in what-if removals, so the marker is far out of their range. */
const ABSENT = -2147483648;

/**
 * The two smallest domains of a constraint. Only [0] has to be the true minimum: with
 * preemption removing pods from one node at a time, a second candidate is enough to recover
 * the minimum when the first one's count goes up.
 */
export class CriticalPaths {
  value0 = '';
  num0 = MAX_INT32;
  value1 = '';
  num1 = MAX_INT32;

  update(value: string, num: number): void {
    if (value === this.value0) {
      this.num0 = num;
      this.#order();
    } else if (value === this.value1) {
      this.num1 = num;
      this.#order();
    } else if (num < this.num0) {
      this.value1 = this.value0;
      this.num1 = this.num0;
      this.value0 = value;
      this.num0 = num;
    } else if (num < this.num1) {
      this.value1 = value;
      this.num1 = num;
    }
  }

  #order(): void {
    if (this.num0 <= this.num1) return;
    const v = this.value0;
    const n = this.num0;
    this.value0 = this.value1;
    this.num0 = this.num1;
    this.value1 = v;
    this.num1 = n;
  }

  clone(): CriticalPaths {
    const c = new CriticalPaths();
    c.value0 = this.value0;
    c.num0 = this.num0;
    c.value1 = this.value1;
    c.num1 = this.num1;
    return c;
  }

  /** The paths of freshly counted domains (each seen once, as update() would). */
  static of(counts: Int32Array, values: readonly string[]): CriticalPaths {
    let id0 = NO_DOMAIN;
    let id1 = NO_DOMAIN;
    let n0 = MAX_INT32;
    let n1 = MAX_INT32;
    for (let id = 0; id < counts.length; id++) {
      const n = counts[id]!;
      if (n === ABSENT) continue;
      if (n < n0) {
        id1 = id0;
        n1 = n0;
        id0 = id;
        n0 = n;
      } else if (n < n1) {
        id1 = id;
        n1 = n;
      }
    }
    const p = new CriticalPaths();
    if (id0 !== NO_DOMAIN) [p.value0, p.num0] = [values[id0]!, n0];
    if (id1 !== NO_DOMAIN) [p.value1, p.num1] = [values[id1]!, n1];
    return p;
  }
}

/** One constraint's domains in one cycle. */
export class DomainCounts {
  constructor(
    /** The index the ids refer to (the key's, as of this cycle). */
    readonly index: DomainIndex,
    /** Matching pods per domain id; ABSENT for an id that is no domain of the constraint
     *  (no eligible node carries it). */
    public counts: Int32Array,
    /** How many domains there are. */
    public size: number,
    readonly paths: CriticalPaths,
  ) {}

  /** Matching pods in the domain with this value (0 for one that does not exist). */
  countOf(value: string): number {
    const id = this.index.ids.get(value);
    return id === undefined ? 0 : this.countAt(id);
  }

  countAt(id: number): number {
    if (id >= this.counts.length) return 0;
    const n = this.counts[id]!;
    return n === ABSENT ? 0 : n;
  }

  add(value: string, delta: number): void {
    const id = this.index.idOf(value);
    if (id >= this.counts.length) this.counts = grown(this.counts, this.index.size);
    let num = this.counts[id]!;
    if (num === ABSENT) {
      num = 0;
      this.size++;
    }
    num += delta;
    this.counts[id] = num;
    this.paths.update(value, num);
  }

  clone(): DomainCounts {
    return new DomainCounts(this.index, this.counts.slice(), this.size, this.paths.clone());
  }
}

export const FITS = 0;
export const MISSING_LABEL = 1;
export const SKEW = 2;
export type FilterOutcome = typeof FITS | typeof MISSING_LABEL | typeof SKEW;

export class PreFilterState {
  constructor(
    readonly constraints: readonly Constraint[],
    readonly domains: readonly DomainCounts[],
    /** Per constraint: 1 when the pod's own labels match the selector. */
    readonly selfMatch: Uint8Array,
    readonly namespace: string,
    /** The scheduled pod's inclusion-policy view (shared: it depends on the pod only). */
    readonly inclusion: NodeInclusion,
    /** The cross-cycle table the counts came from, and the nodes' positions in it: Filter
     *  reads a node's domains from its row instead of looking its labels up. */
    readonly table: NodeTable,
    readonly tableVersion: number,
    readonly positions: ReadonlyMap<NodeInfo, number>,
  ) {}

  /** The global minimum of constraint i, minDomains taken into account. */
  minMatchNum(i: number): number {
    const d = this.domains[i]!;
    // Fewer eligible domains than minDomains: the missing domains count as empty ones.
    if (d.size < this.constraints[i]!.minDomains) return 0;
    return d.paths.num0;
  }

  checkNode(nodeInfo: NodeInfo): FilterOutcome {
    // A node of the cycle's list (not a what-if copy) has its row, domains already resolved.
    const k = nodeInfo.node && this.table.version === this.tableVersion ? this.positions.get(nodeInfo) : undefined;
    if (k === undefined) return this.#checkByLabels(nodeInfo);
    const table = this.table;
    table.refresh(k, nodeInfo);
    const base = k * table.width;
    const constraints = this.constraints;
    for (let i = 0; i < constraints.length; i++) {
      const id = table.ids[base + i]!;
      if (id === NO_DOMAIN) return MISSING_LABEL;
      if (this.domains[i]!.countAt(id) + this.selfMatch[i]! - this.minMatchNum(i) > constraints[i]!.maxSkew) return SKEW;
    }
    return FITS;
  }

  #checkByLabels(nodeInfo: NodeInfo): FilterOutcome {
    const labels = nodeInfo.node?.metadata.labels ?? NO_LABELS;
    const constraints = this.constraints;
    for (let i = 0; i < constraints.length; i++) {
      const c = constraints[i]!;
      const value = labels[c.topologyKey];
      if (value === undefined) return MISSING_LABEL;
      if (this.domains[i]!.countOf(value) + this.selfMatch[i]! - this.minMatchNum(i) > c.maxSkew) return SKEW;
    }
    return FITS;
  }

  /** Follows podToUpdate being added (delta 1) to or removed (-1) from nodeInfo. */
  updateWithPod(podToUpdate: Pod, nodeInfo: NodeInfo, delta: 1 | -1): void {
    const node = nodeInfo.node;
    if (!node || (podToUpdate.metadata.namespace ?? '') !== this.namespace) return;
    const labels = node.metadata.labels ?? NO_LABELS;
    if (!nodeHasAllKeys(labels, this.constraints)) return;
    const podLabels = podToUpdate.metadata.labels ?? NO_LABELS;
    for (let i = 0; i < this.constraints.length; i++) {
      const c = this.constraints[i]!;
      if (!c.selector.matches(podLabels) || !this.inclusion.includes(c, nodeInfo)) continue;
      this.domains[i]!.add(labels[c.topologyKey]!, delta);
    }
  }

  clone(): PreFilterState {
    return new PreFilterState(
      this.constraints,
      this.domains.map((d) => d.clone()),
      this.selfMatch,
      this.namespace,
      this.inclusion,
      this.table,
      this.tableVersion,
      this.positions,
    );
  }
}

/** Counts the matching pods per domain of each constraint over nodes (all of the cycle's). */
export function computePreFilterState(constraints: readonly Constraint[], pod: PodInfo, nodes: readonly NodeInfo[], caches: SpreadCaches): PreFilterState {
  const n = constraints.length;
  const len = nodes.length;
  const indexes = constraints.map((c) => caches.index(c.topologyKey, len));
  const table = caches.table(constraints, pod.namespace, len, indexes);
  const inclusion = new NodeInclusion(pod.pod);
  const check = constraints.map((c) => inclusion.matters(c));
  const anyCheck = check.some(Boolean);
  const counts: Int32Array[] = indexes.map((ix) => new Int32Array(ix.size + 16).fill(ABSENT));
  const tcounts = table.counts;
  nodes: for (let k = 0; k < len; k++) {
    const nodeInfo = nodes[k]!;
    if (!nodeInfo.node) continue;
    table.refresh(k, nodeInfo);
    const ids = table.ids;
    const base = k * n;
    // Every key must be there, or the node takes part in no constraint.
    for (let i = 0; i < n; i++) if (ids[base + i] === NO_DOMAIN) continue nodes;
    for (let i = 0; i < n; i++) {
      if (anyCheck && check[i] && !inclusion.includes(constraints[i]!, nodeInfo)) continue;
      const id = ids[base + i]!;
      let c = counts[i]!;
      if (id >= c.length) counts[i] = c = grown(c, indexes[i]!.size);
      const prev = c[id]!;
      c[id] = (prev === ABSENT ? 0 : prev) + tcounts[base + i]!;
    }
  }
  const domains = indexes.map((index, i) => {
    const c = counts[i]!;
    let size = 0;
    for (let id = 0; id < c.length; id++) if (c[id]! !== ABSENT) size++;
    return new DomainCounts(index, c, size, CriticalPaths.of(c, index.values));
  });
  const podLabels = pod.pod.metadata.labels ?? NO_LABELS;
  const selfMatch = Uint8Array.from(constraints, (c) => (c.selector.matches(podLabels) ? 1 : 0));
  return new PreFilterState(constraints, domains, selfMatch, pod.namespace, inclusion, table, table.version, caches.positions(nodes));
}

/** Room for domains interned since the counts were sized; new ids are no domain yet. */
function grown(counts: Int32Array, n: number): Int32Array {
  const c = new Int32Array(Math.max(n, counts.length * 2)).fill(ABSENT);
  c.set(counts);
  return c;
}
