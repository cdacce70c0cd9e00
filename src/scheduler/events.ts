// The scheduler's event recording. One EventBroadcaster (src/client/events) writes one event
// at a time, as client-go's does: a scheduler placing a thousand pods a second then gets one
// Scheduled event out per API round trip, and its queue overflows (events dropped). So the
// scheduler spreads its events over several broadcasters by the object they are about: one
// object's events still go through one broadcaster, in order, aggregated and spam-filtered as
// before, while up to `shards` writes are in flight.
//
// Drops (a queue full under a burst) are reported once per burst, with their count, rather
// than once per event.

import type { KubeObject } from '../api/meta.js';
import type { EventRecorder } from '../client/events/recorder.js';
import { EventBroadcaster } from '../client/events/recorder.js';
import type { CoreEvent, EventSource, ObjectReference } from '../client/events/types.js';
import type { ResourceClient } from '../client/contract.js';
import type { Clock } from '../client/workqueue/clock.js';

export const DEFAULT_EVENT_SHARDS = 16;
const DROP_REPORT_DELAY_MS = 10_000;

export interface ShardedEventsOptions {
  readonly client: ResourceClient<CoreEvent>;
  readonly clock?: Clock;
  readonly shards?: number;
  readonly onError: (err: unknown) => void;
}

function keyOf(obj: KubeObject | ObjectReference): string {
  const meta = 'metadata' in obj && obj.metadata ? obj.metadata : (obj as ObjectReference);
  return `${meta.namespace ?? ''}/${meta.name ?? ''}`;
}

/** FNV-1a: cheap and well spread over pod names. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class ShardedEvents {
  readonly #shards: EventBroadcaster[];
  readonly #onError: (err: unknown) => void;
  #dropped = 0;
  #dropReport: ReturnType<typeof setTimeout> | undefined;

  constructor(opts: ShardedEventsOptions) {
    this.#onError = opts.onError;
    const n = Math.max(1, opts.shards ?? DEFAULT_EVENT_SHARDS);
    this.#shards = Array.from(
      { length: n },
      () => new EventBroadcaster({ client: opts.client, clock: opts.clock, onError: (err) => this.#error(err) }),
    );
  }

  newRecorder(source: EventSource): EventRecorder {
    const recorders = this.#shards.map((b) => b.newRecorder(source));
    const pick = (obj: KubeObject | ObjectReference): EventRecorder => recorders[hash(keyOf(obj)) % recorders.length]!;
    return {
      event: (obj, type, reason, message) => pick(obj).event(obj, type, reason, message),
      annotatedEvent: (obj, annotations, type, reason, message) => pick(obj).annotatedEvent(obj, annotations, type, reason, message),
    };
  }

  /** Resolves once every event queued so far has been written (or given up on). */
  async flush(): Promise<void> {
    await Promise.all(this.#shards.map((b) => b.flush()));
  }

  shutdown(): void {
    for (const b of this.#shards) b.shutdown();
    if (this.#dropReport) clearTimeout(this.#dropReport);
    this.#reportDrops();
  }

  #error(err: unknown): void {
    if (!(err instanceof Error) || !err.message.includes('too many queued events')) return this.#onError(err);
    if (this.#dropped++ > 0) return;
    this.#dropReport = setTimeout(() => this.#reportDrops(), DROP_REPORT_DELAY_MS);
    this.#dropReport.unref();
  }

  #reportDrops(): void {
    this.#dropReport = undefined;
    if (this.#dropped === 0) return;
    this.#onError(new Error(`unable to record ${this.#dropped} event(s): too many queued events, dropped`));
    this.#dropped = 0;
  }
}
