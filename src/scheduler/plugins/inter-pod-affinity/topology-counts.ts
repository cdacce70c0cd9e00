// TopologyCounts: numbers per topology domain (topologyKey, value) — the filter's pod counts
// and the scorer's weight sums of InterPodAffinity.

import type { Labels } from '../../../api/labels/index.js';
import { labelValue } from './terms.js';

/**
 * Counts (or weight sums) per (topologyKey, value). Keys are kept in an array next to the
 * map so the per-node scan over them allocates no iterator; a key whose values all dropped to
 * 0 stays, so isEmpty() tells whether any domain was ever touched.
 */
export class TopologyCounts {
  readonly #index = new Map<string, number>();
  readonly keys: string[] = [];
  readonly values: Map<string, number>[] = [];
  #pairs = 0;

  /** The number of pairs with a non-zero count. */
  get size(): number {
    return this.#pairs;
  }

  get(key: string, value: string): number {
    const i = this.#index.get(key);
    return i === undefined ? 0 : (this.values[i]!.get(value) ?? 0);
  }

  add(key: string, value: string, delta: number): void {
    if (delta === 0) return;
    let i = this.#index.get(key);
    if (i === undefined) {
      i = this.keys.length;
      this.#index.set(key, i);
      this.keys.push(key);
      this.values.push(new Map());
    }
    const m = this.values[i]!;
    const before = m.get(value) ?? 0;
    const after = before + delta;
    if (after === 0) {
      m.delete(value);
      this.#pairs--;
    } else {
      m.set(value, after);
      if (before === 0) this.#pairs++;
    }
  }

  /** Adds delta to the pair (key, the node's value of key), if the node has that label. */
  addForNode(labels: Labels | undefined, key: string, delta: number): void {
    const v = labelValue(labels, key);
    if (v !== undefined) this.add(key, v, delta);
  }

  /** No key was ever touched (scoring skips then, as kube-scheduler does). */
  isEmpty(): boolean {
    return this.keys.length === 0;
  }

  /** The sum over the pairs (k, labels[k]): a node's score. */
  sum(labels: Labels | undefined): number {
    if (labels === undefined) return 0;
    let s = 0;
    for (let i = 0; i < this.keys.length; i++) {
      const v = labelValue(labels, this.keys[i]!);
      if (v !== undefined) s += this.values[i]!.get(v) ?? 0;
    }
    return s;
  }

  /** Whether some pair (k, labels[k]) has a positive count. */
  anyPositive(labels: Labels | undefined): boolean {
    if (this.#pairs === 0 || labels === undefined) return false;
    for (let i = 0; i < this.keys.length; i++) {
      const v = labelValue(labels, this.keys[i]!);
      if (v !== undefined && (this.values[i]!.get(v) ?? 0) > 0) return true;
    }
    return false;
  }

  clone(): TopologyCounts {
    const c = new TopologyCounts();
    for (let i = 0; i < this.keys.length; i++) {
      c.#index.set(this.keys[i]!, i);
      c.keys.push(this.keys[i]!);
      c.values.push(new Map(this.values[i]!));
    }
    c.#pairs = this.#pairs;
    return c;
  }

  /** Every pair as "key=value" -> count (tests, debugging). */
  toObject(): Record<string, number> {
    const out: Record<string, number> = {};
    for (let i = 0; i < this.keys.length; i++) for (const [v, n] of this.values[i]!) out[`${this.keys[i]}=${v}`] = n;
    return out;
  }
}
