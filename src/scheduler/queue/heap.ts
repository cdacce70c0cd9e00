// KeyedHeap: a binary min-heap (by `less`) of items with unique string keys, supporting
// lookup, update and removal by key in O(log n) (kube-scheduler internal/heap).
//
// Contract:
//  - addOrUpdate(item) inserts, or replaces the item with the same key and restores order.
//  - peek()/pop() answer the least item; pop() removes it.
//  - delete(key) removes an item wherever it is.
//  - less must be a strict weak order that does not change while an item is in the heap
//    (callers update an item through addOrUpdate when its order key changes).

export class KeyedHeap<T> {
  readonly #items: T[] = [];
  readonly #index = new Map<string, number>();
  readonly #key: (item: T) => string;
  readonly #less: (a: T, b: T) => boolean;

  constructor(key: (item: T) => string, less: (a: T, b: T) => boolean) {
    this.#key = key;
    this.#less = less;
  }

  get size(): number {
    return this.#items.length;
  }

  has(key: string): boolean {
    return this.#index.has(key);
  }

  get(key: string): T | undefined {
    const i = this.#index.get(key);
    return i === undefined ? undefined : this.#items[i];
  }

  peek(): T | undefined {
    return this.#items[0];
  }

  addOrUpdate(item: T): void {
    const key = this.#key(item);
    const i = this.#index.get(key);
    if (i !== undefined) {
      this.#items[i] = item;
      if (!this.#up(i)) this.#down(i);
      return;
    }
    this.#items.push(item);
    this.#index.set(key, this.#items.length - 1);
    this.#up(this.#items.length - 1);
  }

  pop(): T | undefined {
    if (this.#items.length === 0) return undefined;
    return this.#removeAt(0);
  }

  delete(key: string): T | undefined {
    const i = this.#index.get(key);
    return i === undefined ? undefined : this.#removeAt(i);
  }

  /** Every item, in no particular order. */
  list(): T[] {
    return this.#items.slice();
  }

  #removeAt(i: number): T {
    const items = this.#items;
    const item = items[i]!;
    const last = items.pop()!;
    this.#index.delete(this.#key(item));
    if (i < items.length) {
      items[i] = last;
      this.#index.set(this.#key(last), i);
      if (!this.#up(i)) this.#down(i);
    }
    return item;
  }

  /** Sifts up; true if the item moved. */
  #up(i: number): boolean {
    const items = this.#items;
    const item = items[i]!;
    const start = i;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = items[parent]!;
      if (!this.#less(item, p)) break;
      items[i] = p;
      this.#index.set(this.#key(p), i);
      i = parent;
    }
    items[i] = item;
    this.#index.set(this.#key(item), i);
    return i !== start;
  }

  #down(i: number): void {
    const items = this.#items;
    const n = items.length;
    const item = items[i]!;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && this.#less(items[r]!, items[l]!) ? r : l;
      if (!this.#less(items[c]!, item)) break;
      items[i] = items[c]!;
      this.#index.set(this.#key(items[i]!), i);
      i = c;
    }
    items[i] = item;
    this.#index.set(this.#key(item), i);
  }
}
