// WatchDecoder: events cut anywhere — inside an event, several per chunk, inside a UTF-8
// character — arrive whole and in order; malformed lines are WatchDecodeErrors.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { RawWatchEvent } from './contract.js';
import { WatchDecodeError, WatchDecoder } from './watch-decoder.js';

const EVENTS: RawWatchEvent[] = [
  { type: 'ADDED', object: { kind: 'ConfigMap', metadata: { name: 'a', resourceVersion: '1' }, data: { text: 'héllo wörld — 日本語 🚀' } } },
  { type: 'MODIFIED', object: { kind: 'ConfigMap', metadata: { name: 'a', resourceVersion: '2' }, data: { text: '∑ €' } } },
  { type: 'BOOKMARK', object: { kind: 'ConfigMap', metadata: { resourceVersion: '3' } } },
  { type: 'DELETED', object: { kind: 'ConfigMap', metadata: { name: 'a', resourceVersion: '4' } } },
  { type: 'ERROR', object: { kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 410, reason: 'Expired', message: 'too old' } },
];
const STREAM = Buffer.from(EVENTS.map((e) => `${JSON.stringify(e)}\n`).join(''));

function decode(chunks: readonly (Buffer | string)[]): RawWatchEvent[] {
  const out: RawWatchEvent[] = [];
  const d = new WatchDecoder((e) => out.push(e));
  for (const c of chunks) d.push(c);
  d.end();
  return out;
}

/** The stream cut into pieces of `size` bytes (cutting UTF-8 characters and events). */
function cut(buf: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < buf.length; i += size) out.push(buf.subarray(i, i + size));
  return out;
}

describe('WatchDecoder', () => {
  test('one chunk with every event', () => {
    assert.deepEqual(decode([STREAM]), EVENTS);
  });

  test('chunks of every size from 1 byte up: partial events and split UTF-8 characters', () => {
    for (let size = 1; size <= 64; size++) assert.deepEqual(decode(cut(STREAM, size)), EVENTS, `chunk size ${size}`);
  });

  test('a multi-byte character split between chunks', () => {
    const line = Buffer.from(`${JSON.stringify(EVENTS[0])}\n`);
    const at = line.indexOf(Buffer.from('🚀')) + 2;
    assert.deepEqual(decode([line.subarray(0, at), line.subarray(at)]), [EVENTS[0]]);
  });

  test('string chunks (in-process) split anywhere', () => {
    const text = STREAM.toString('utf8');
    for (const size of [1, 7, 100]) {
      const chunks: string[] = [];
      for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
      assert.deepEqual(decode(chunks), EVENTS, `chunk size ${size}`);
    }
  });

  test('blank lines and CRLF are tolerated; a last event without newline counts at end()', () => {
    const text = `\n${JSON.stringify(EVENTS[0])}\r\n\n${JSON.stringify(EVENTS[1])}`;
    assert.deepEqual(decode([Buffer.from(text)]), [EVENTS[0], EVENTS[1]]);
  });

  test('events are delivered as soon as their line is complete', () => {
    const out: RawWatchEvent[] = [];
    const d = new WatchDecoder((e) => out.push(e));
    const line = `${JSON.stringify(EVENTS[0])}\n`;
    d.push(Buffer.from(line.slice(0, 10)));
    assert.equal(out.length, 0);
    d.push(Buffer.from(line.slice(10)));
    assert.equal(out.length, 1);
  });

  test('malformed JSON and non-events are WatchDecodeErrors', () => {
    assert.throws(() => decode([Buffer.from('{"type":"ADDED",\n')]), WatchDecodeError);
    assert.throws(() => decode([Buffer.from('{"type":"SURPRISE","object":{}}\n')]), /not a watch event/);
    assert.throws(() => decode([Buffer.from('{"type":"ADDED"}\n')]), /not a watch event/);
    assert.throws(() => decode(['[1,2]\n']), WatchDecodeError);
  });
});
