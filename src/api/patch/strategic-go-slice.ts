// A Go slice: a length over a backing array that other slices may share. The apiserver
// merges a patch into a list by deleting entries and appending new ones in place, so the
// object's own list (which its code reads again to decide the final order) sees items
// shifted left by deletions and appended items written into the freed tail. Which order
// a merged list ends up in depends on that, e.g. when one apply both removes and adds a
// container; kite keeps the same aliasing by doing those edits on a GoSlice over the
// object's array. The object's lists start with capacity equal to length, as the
// apiserver's conversion to unstructured makes them; capacity gained by growing is never
// observed, so a grown slice gets exactly what it holds.

import type { Json } from '../meta.js';
import { goEqual } from './strategic-go-value.js';

export class GoSlice {
  /** The backing array; its length is the slice's capacity. */
  readonly #backing: Json[];
  readonly length: number;

  private constructor(backing: Json[], length: number) {
    this.#backing = backing;
    this.length = length;
  }

  /** A slice of all of `array`, writing into `array` itself. */
  static over(array: Json[]): GoSlice {
    return new GoSlice(array, array.length);
  }

  at(i: number): Json {
    return this.#backing[i]!;
  }

  set(i: number, v: Json): void {
    this.#backing[i] = v;
  }

  /** A copy of what the slice holds. */
  items(): Json[] {
    return this.#backing.slice(0, this.length);
  }

  /** s[:n], sharing the backing array. */
  head(n: number): GoSlice {
    return new GoSlice(this.#backing, n);
  }

  /** append(s, values...): in place while the capacity lasts, else into a new array. */
  append(values: readonly Json[]): GoSlice {
    const n = this.length + values.length;
    if (n <= this.#backing.length) {
      for (let i = 0; i < values.length; i++) this.#backing[this.length + i] = values[i]!;
      return new GoSlice(this.#backing, n);
    }
    return new GoSlice([...this.#backing.slice(0, this.length), ...values], n);
  }

  /** append(s[:i], s[i+1:]...): removes item i by shifting the rest left in place. */
  removeAt(i: number): GoSlice {
    return this.head(i).append(this.#backing.slice(i + 1, this.length));
  }

  /**
   * Removes repeated items in place, moving the last item into each hole, as the
   * apiserver's scalar de-duplication does (the order is then fixed by sorting).
   */
  dedupe(): GoSlice {
    let last = this.length - 1;
    const b = this.#backing;
    for (let i = 0; i < last; i++) {
      for (let j = i + 1; j <= last; j++) {
        if (goEqual(b[i], b[j])) {
          b[j] = b[last]!;
          last--;
          j--;
        }
      }
    }
    return new GoSlice(b, last + 1);
  }
}
