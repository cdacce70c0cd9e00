// CycleState: the per-pod, per-cycle store through which a plugin passes what it computed at
// one extension point to its later ones (PreFilter -> Filter, PreScore -> Score).
//
// Contract:
//  - One CycleState per scheduling attempt; it lives until the binding cycle ends.
//  - Keys are typed: `stateKey<T>('PreFilterNodeResourcesFit')` makes a key whose read()
//    answers T; by convention a key is named after the extension point and the plugin.
//  - skipFilterPlugins / skipScorePlugins hold the plugins whose PreFilter / PreScore
//    answered Skip: the framework leaves them out of Filter / Score for this cycle.

// eslint-disable-next-line @typescript-eslint/no-unused-vars
export interface StateKey<T> {
  readonly name: string;
  /** Never set: carries T for the type checker. */
  readonly __type?: T;
}

export function stateKey<T>(name: string): StateKey<T> {
  return { name };
}

export class CycleState {
  readonly #data = new Map<string, unknown>();
  skipFilterPlugins: ReadonlySet<string> = EMPTY;
  skipScorePlugins: ReadonlySet<string> = EMPTY;

  write<T>(key: StateKey<T>, value: T): void {
    this.#data.set(key.name, value);
  }

  read<T>(key: StateKey<T>): T | undefined {
    return this.#data.get(key.name) as T | undefined;
  }

  delete(key: StateKey<unknown>): void {
    this.#data.delete(key.name);
  }
}

const EMPTY: ReadonlySet<string> = new Set();
