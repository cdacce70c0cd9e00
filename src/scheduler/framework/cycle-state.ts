// CycleState: the per-pod, per-cycle store through which a plugin passes what it computed at
// one extension point to its later ones (PreFilter -> Filter, PreScore -> Score).
//
// Contract:
//  - One CycleState per scheduling attempt; it lives until the binding cycle ends.
//  - Keys are typed: `stateKey<T>('PreFilterNodeResourcesFit')` makes a key whose read()
//    answers T; by convention a key is named after the extension point and the plugin.
//  - skipFilterPlugins / skipScorePlugins hold the plugins whose PreFilter / PreScore
//    answered Skip: the framework leaves them out of Filter / Score for this cycle.
//  - clone() is the state of a what-if evaluation (nominated pods, preemption's dry runs):
//    a value with a clone() method (Cloneable) is copied through it, any other value is
//    shared. So plugin state that PreFilterExtensions.addPod/removePod change must be
//    Cloneable (kube-scheduler's StateData.Clone); read-only state need not be.

// eslint-disable-next-line @typescript-eslint/no-unused-vars
export interface StateKey<T> {
  readonly name: string;
  /** Never set: carries T for the type checker. */
  readonly __type?: T;
}

export function stateKey<T>(name: string): StateKey<T> {
  return { name };
}

/** Plugin state that a what-if evaluation may change: clone() must return an independent copy. */
export interface Cloneable<T> {
  clone(): T;
}

function isCloneable(v: unknown): v is Cloneable<unknown> {
  return typeof v === 'object' && v !== null && typeof (v as Partial<Cloneable<unknown>>).clone === 'function';
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

  /** A copy for a what-if evaluation: Cloneable values copied, others shared. */
  clone(): CycleState {
    const c = new CycleState();
    for (const [k, v] of this.#data) c.#data.set(k, isCloneable(v) ? v.clone() : v);
    c.skipFilterPlugins = this.skipFilterPlugins;
    c.skipScorePlugins = this.skipScorePlugins;
    return c;
  }
}

const EMPTY: ReadonlySet<string> = new Set();
