// WatchHub fans committed events out to in-process watchers. A watcher first replays history
// (revisions after its start, up to the revision current when it registered), then receives
// each commit live. It never sees a gap or a duplicate between the two because of one rule: a
// watcher only ever receives events above the highest revision it has been given.
//
// Replay runs in pages on later macrotasks so a long history does not stall the process; if a
// commit arrives first, dispatch() finishes that watcher's replay synchronously before handing
// it the commit, so every watcher has every event of a commit before the writers are answered.
// If compaction overtakes a replay in progress, the watcher ends with CompactedError, as an
// etcd watch does.
//
// Callbacks run synchronously; one that throws ends only its own watch (via onError).

import { CompactedError, prefixEnd, type Watch, type WatchCallbacks, type WatchEvent } from './kv.js';

export interface History {
  compactedRevision(): number;
  currentRevision(): number;
  /** Events with after < revision <= upTo for keys in [start, end), in revision order, at
   *  most limit (0: all). */
  read(start: string, end: string, after: number, upTo: number, limit: number): WatchEvent[];
}

export class WatchHub {
  readonly #history: History;
  readonly #pageSize: number;
  readonly #watchers = new Set<Watcher>();

  constructor(history: History, opts: { pageSize?: number } = {}) {
    this.#history = history;
    this.#pageSize = opts.pageSize ?? 1000;
  }

  get size(): number {
    return this.#watchers.size;
  }

  /** The caller has checked fromRevision against the compacted revision. */
  watch(prefix: string, fromRevision: number, callbacks: WatchCallbacks): Watch {
    const watcher = new Watcher(this.#history, prefix, fromRevision, this.#history.currentRevision(), callbacks, (w) =>
      this.#watchers.delete(w),
    );
    this.#watchers.add(watcher);
    const step = (): void => {
      if (!watcher.replayPage(this.#pageSize)) setImmediate(step);
    };
    setImmediate(step);
    return watcher;
  }

  /** Delivers one commit's events (in revision order); revision is the commit's last one. */
  dispatch(events: readonly WatchEvent[], revision: number): void {
    // A snapshot: a watch opened from inside a callback already covers this commit by replay.
    for (const watcher of [...this.#watchers]) watcher.live(events, revision);
  }

  /** Ends every watch with err. */
  closeAll(err: Error): void {
    for (const watcher of [...this.#watchers]) watcher.fail(err);
  }
}

class Watcher implements Watch {
  readonly #history: History;
  readonly #start: string;
  readonly #end: string;
  readonly #callbacks: WatchCallbacks;
  readonly #onClose: (w: Watcher) => void;
  /** Every event at or below this revision has been delivered (or was not ours). */
  #position: number;
  /** Replay covers history up to here; commits above it arrive through live(). */
  readonly #replayTarget: number;
  #replaying = true;
  #closed = false;

  constructor(
    history: History,
    prefix: string,
    fromRevision: number,
    currentRevision: number,
    callbacks: WatchCallbacks,
    onClose: (w: Watcher) => void,
  ) {
    this.#history = history;
    this.#start = prefix;
    this.#end = prefixEnd(prefix);
    this.#callbacks = callbacks;
    this.#onClose = onClose;
    this.#position = fromRevision;
    this.#replayTarget = currentRevision;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#onClose(this);
  }

  /** Replays up to limit events (0: all that remain). Returns true when there is nothing
   *  left to replay, including when the watch has ended. */
  replayPage(limit: number): boolean {
    if (this.#closed) return true;
    if (!this.#replaying) return true;
    try {
      const compacted = this.#history.compactedRevision();
      if (compacted > this.#position) {
        this.fail(new CompactedError(this.#position, compacted));
        return true;
      }
      const after = this.#position;
      const events = this.#history.read(this.#start, this.#end, after, this.#replayTarget, limit);
      const done = limit === 0 || events.length < limit;
      this.#position = done ? Math.max(after, this.#replayTarget) : events[events.length - 1]!.revision;
      if (events.length > 0) this.#emit(events);
      if (done && !this.#closed) {
        this.#replaying = false;
        this.#progress(this.#position);
      }
      return done || this.#closed;
    } catch (err) {
      this.fail(err instanceof Error ? err : new Error(String(err)));
      return true;
    }
  }

  live(events: readonly WatchEvent[], revision: number): void {
    if (this.#closed) return;
    if (this.#replaying) this.replayPage(0);
    if (this.#closed || revision <= this.#position) return;
    const after = this.#position;
    const ours = events.filter((e) => e.revision > after && inRange(eventKey(e), this.#start, this.#end));
    this.#position = revision;
    if (ours.length > 0) this.#emit(ours);
    this.#progress(revision);
  }

  fail(err: Error): void {
    if (this.#closed) return;
    this.close();
    try {
      this.#callbacks.onError?.(err);
    } catch {
      // The watch is over either way; a throwing error handler has nowhere left to report to.
    }
  }

  #emit(events: readonly WatchEvent[]): void {
    if (this.#closed) return;
    try {
      this.#callbacks.onEvents(events);
    } catch (err) {
      this.fail(err instanceof Error ? err : new Error(String(err)));
    }
  }

  #progress(revision: number): void {
    if (this.#closed || !this.#callbacks.onProgress) return;
    try {
      this.#callbacks.onProgress(revision);
    } catch (err) {
      this.fail(err instanceof Error ? err : new Error(String(err)));
    }
  }
}

function eventKey(e: WatchEvent): string {
  return e.type === 'delete' ? e.key : e.kv.key;
}

function inRange(key: string, start: string, end: string): boolean {
  return key >= start && key < end;
}
