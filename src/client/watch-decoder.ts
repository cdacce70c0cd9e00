// WatchDecoder turns the body of a watch — newline-delimited JSON events
// ({"type":"ADDED","object":{...}}\n), arriving in chunks cut anywhere — into events, in
// order. A chunk may hold part of an event, several events, or end inside a multi-byte UTF-8
// character: byte chunks are split on the newline byte (0x0A never occurs inside a UTF-8
// sequence) and each complete line is decoded once, so a large event split over many chunks
// costs one concatenation, not one per chunk. String chunks (the in-process transport's)
// take the same path without bytes. A line that is not a watch event is a WatchDecodeError.

import type { RawWatchEvent } from './contract.js';

const EVENT_TYPES: ReadonlySet<string> = new Set(['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK', 'ERROR']);
const NEWLINE = 0x0a;
const BLANK = /^\s*$/;

export class WatchDecodeError extends Error {
  override name = 'WatchDecodeError';
}

export class WatchDecoder {
  readonly #onEvent: (event: RawWatchEvent) => void;
  /** Bytes of an unfinished line. */
  #bytes: Buffer[] = [];
  /** Text of an unfinished line. */
  #text = '';

  readonly #parse: (line: string) => unknown;

  /** parse: how a line becomes a value (JSON.parse; in-process watches share parses). */
  constructor(onEvent: (event: RawWatchEvent) => void, parse: (line: string) => unknown = JSON.parse) {
    this.#onEvent = onEvent;
    this.#parse = parse;
  }

  push(chunk: Buffer | string): void {
    if (typeof chunk === 'string') this.#pushText(chunk);
    else this.#pushBytes(chunk);
  }

  /** The stream ended: a last event without its newline still counts. */
  end(): void {
    if (this.#bytes.length) this.#line(Buffer.concat(this.#bytes).toString('utf8'));
    if (this.#text) this.#line(this.#text);
    this.#bytes = [];
    this.#text = '';
  }

  #pushBytes(chunk: Buffer): void {
    let start = 0;
    for (let nl = chunk.indexOf(NEWLINE); nl >= 0; nl = chunk.indexOf(NEWLINE, start)) {
      let line: string;
      if (this.#bytes.length) {
        this.#bytes.push(chunk.subarray(start, nl));
        line = Buffer.concat(this.#bytes).toString('utf8');
        this.#bytes = [];
      } else {
        line = chunk.toString('utf8', start, nl);
      }
      start = nl + 1;
      this.#line(line);
    }
    if (start < chunk.length) this.#bytes.push(start === 0 ? chunk : chunk.subarray(start));
  }

  #pushText(chunk: string): void {
    // One whole line, as the in-process transport delivers most events: parse the chunk as it
    // is (the same string object for every watcher of the event), not a copy cut from it.
    if (this.#text === '' && chunk.indexOf('\n') === chunk.length - 1) {
      this.#line(chunk);
      return;
    }
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl >= 0; nl = chunk.indexOf('\n', start)) {
      const line = this.#text ? this.#text + chunk.slice(start, nl) : chunk.slice(start, nl);
      this.#text = '';
      start = nl + 1;
      this.#line(line);
    }
    if (start < chunk.length) this.#text += start === 0 ? chunk : chunk.slice(start);
  }

  #line(line: string): void {
    if (BLANK.test(line)) return;
    let event: unknown;
    try {
      event = this.#parse(line);
    } catch (err) {
      throw new WatchDecodeError(`malformed watch event: ${(err as Error).message}`);
    }
    const e = event as { type?: unknown; object?: unknown } | null;
    if (!e || typeof e !== 'object' || typeof e.type !== 'string' || !EVENT_TYPES.has(e.type) || typeof e.object !== 'object' || e.object === null) {
      throw new WatchDecodeError(`not a watch event: ${line.length > 200 ? `${line.slice(0, 200)}...` : line}`);
    }
    this.#onEvent(e as RawWatchEvent);
  }
}
