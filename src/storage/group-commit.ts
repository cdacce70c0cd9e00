// Group commit: writes submitted before the next flush (in the same event-loop turn, or while
// a flush is running) reach one call of the commit function, which applies them in one
// transaction. Each submitter's promise settles only after that call has returned, with its
// own outcome: one write failing its precondition does not fail the others. If the commit
// function throws, the transaction did not happen and every write of the batch gets that error.
//
// Flushes run in a later macrotask (setImmediate), never inside submit(), so a burst of
// concurrent writers costs one transaction, one fsync, instead of one each.

export type Outcome<R> = { readonly ok: true; readonly value: R } | { readonly ok: false; readonly error: unknown };

/** Applies a batch atomically; returns one outcome per op, in order. */
export type CommitFn<Op, R> = (ops: readonly Op[]) => Outcome<R>[];

interface Pending<Op, R> {
  readonly op: Op;
  readonly resolve: (value: R) => void;
  readonly reject: (error: unknown) => void;
}

export class GroupCommit<Op, R> {
  readonly #commit: CommitFn<Op, R>;
  readonly #maxBatch: number;
  #queue: Pending<Op, R>[] = [];
  #scheduled = false;
  #idleWaiters: (() => void)[] = [];

  constructor(commit: CommitFn<Op, R>, opts: { maxBatch?: number } = {}) {
    this.#commit = commit;
    this.#maxBatch = opts.maxBatch ?? 500;
  }

  submit(op: Op): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.#queue.push({ op, resolve, reject });
      this.#schedule();
    });
  }

  /** Resolves once every write submitted so far has been committed and answered. */
  whenIdle(): Promise<void> {
    if (this.#queue.length === 0 && !this.#scheduled) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => this.#flush());
  }

  #flush(): void {
    const batch = this.#queue.length <= this.#maxBatch ? this.#queue : this.#queue.slice(0, this.#maxBatch);
    this.#queue = batch === this.#queue ? [] : this.#queue.slice(batch.length);
    let outcomes: Outcome<R>[] | undefined;
    let failure: unknown;
    try {
      outcomes = this.#commit(batch.map((p) => p.op));
      if (outcomes.length !== batch.length) {
        throw new Error(`commit returned ${outcomes.length} outcomes for ${batch.length} writes`);
      }
    } catch (err) {
      outcomes = undefined;
      failure = err;
    }
    // Settle after the commit function has returned (and so after it delivered the batch's
    // watch events): promise reactions run only once this macrotask yields.
    batch.forEach((p, i) => {
      const outcome = outcomes?.[i];
      if (outcome === undefined) p.reject(failure);
      else if (outcome.ok) p.resolve(outcome.value);
      else p.reject(outcome.error);
    });
    this.#scheduled = false;
    if (this.#queue.length > 0) {
      this.#schedule();
    } else {
      const waiters = this.#idleWaiters;
      this.#idleWaiters = [];
      for (const w of waiters) w();
    }
  }
}
