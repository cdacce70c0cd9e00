// Clock is the one source of time for the client machinery (workqueues, reflectors,
// informers, leader election, event recorders): `now()` and one-shot timers. Production code
// uses realClock; tests use FakeClock and move time forward explicitly, so no test sleeps
// and every timing decision is deterministic.
//
// FakeClock.advance(ms) fires due timers in time order and, between timers, lets promise
// continuations run (the async work a timer starts may schedule the next timer inside the
// same advance window, as it would in real time).

/** A scheduled callback; cancel() is idempotent and harmless after the timer fired. */
export interface Timer {
  cancel(): void;
}

export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Runs fn once after delayMs (0 or less: on the next turn of the event loop). */
  setTimer(fn: () => void, delayMs: number): Timer;
}

/** Wall-clock time and Node timers. Timers are unref'd: background machinery (resyncs,
 *  backoffs, delayed requeues) must never be the only thing keeping a process alive. */
export const realClock: Clock = {
  now: () => Date.now(),
  setTimer(fn, delayMs) {
    const t = setTimeout(fn, Math.max(0, delayMs));
    t.unref?.();
    return { cancel: () => clearTimeout(t) };
  },
};

/**
 * Resolves after delayMs on the clock, or as soon as signal aborts. Resolves true when the
 * full time passed, false when aborted (callers then stop, they never treat it as an error).
 */
export function sleep(clock: Clock, delayMs: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = (): void => {
      timer.cancel();
      resolve(false);
    };
    const timer = clock.setTimer(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, delayMs);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Lets pending promise continuations and immediates run. Tests call it after an action whose
 * effects are asynchronous (a fake list answering, a write completing); it never waits for
 * wall-clock time.
 */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((r) => setImmediate(r));
}

interface FakeTimer {
  readonly at: number;
  readonly seq: number;
  readonly fn: () => void;
  cancelled: boolean;
}

/** A clock that moves only when told to. */
export class FakeClock implements Clock {
  #now: number;
  #seq = 0;
  #timers: FakeTimer[] = [];

  /** Starts at 2025-01-01T00:00:00Z unless told otherwise, so timestamps in tests are stable. */
  constructor(startMs = Date.UTC(2025, 0, 1)) {
    this.#now = startMs;
  }

  now(): number {
    return this.#now;
  }

  setTimer(fn: () => void, delayMs: number): Timer {
    const t: FakeTimer = { at: this.#now + Math.max(0, delayMs), seq: this.#seq++, fn, cancelled: false };
    this.#timers.push(t);
    return {
      cancel: () => {
        t.cancelled = true;
      },
    };
  }

  /** Timers scheduled and not yet fired or cancelled. */
  pendingTimers(): number {
    return this.#live().length;
  }

  /** When the next timer fires, if any is pending. */
  nextTimerAt(): number | undefined {
    const next = this.#earliest();
    return next?.at;
  }

  /**
   * Moves time forward by ms, firing every timer that comes due on the way (in time order,
   * ties in scheduling order) and letting async work settle after each one.
   */
  async advance(ms: number): Promise<void> {
    const target = this.#now + ms;
    await settle();
    for (;;) {
      const next = this.#earliest();
      if (!next || next.at > target) break;
      this.#now = Math.max(this.#now, next.at);
      next.cancelled = true;
      next.fn();
      await settle();
    }
    this.#now = target;
    await settle();
  }

  /** Fires the timers already due at the current time (a zero-length advance). */
  async tick(): Promise<void> {
    await this.advance(0);
  }

  #live(): FakeTimer[] {
    this.#timers = this.#timers.filter((t) => !t.cancelled);
    return this.#timers;
  }

  #earliest(): FakeTimer | undefined {
    let best: FakeTimer | undefined;
    for (const t of this.#live()) if (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
    return best;
  }
}
