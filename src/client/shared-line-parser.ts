// SharedLineParser parses the lines of in-process watches once for all their watchers.
//
// The API server writes one encoded line per event and rendering, and every in-process
// informer of that resource (the controller manager's, the scheduler's, the simulated
// kubelets') reads the same text within the same turn of the event loop. Parsing it once and
// handing each of them the same object saves a JSON.parse per extra watcher — the largest
// cost of a busy in-process informer. The price: those informers' caches share objects, so
// nothing may modify a cached object (the informer contract already says so; transforms
// return new objects, see informer/transforms.ts).
//
// Only the most recent lines are remembered (insertion order, a fixed number): a line
// repeats only while its event is being fanned out.

export class SharedLineParser {
  readonly #recent = new Map<string, unknown>();
  readonly #capacity: number;

  constructor(capacity = 2048) {
    this.#capacity = capacity;
  }

  /** JSON.parse(line), or the value parsed for the same text a moment ago. Throws as JSON.parse. */
  parse(line: string): unknown {
    const known = this.#recent.get(line);
    if (known !== undefined) return known;
    const value: unknown = JSON.parse(line);
    this.#recent.set(line, value);
    if (this.#recent.size > this.#capacity) this.#recent.delete(this.#recent.keys().next().value as string);
    return value;
  }
}

/** The parser every in-process watch of this process shares. */
export const sharedLineParser = new SharedLineParser();
