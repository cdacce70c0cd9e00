import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SharedLineParser } from './shared-line-parser.js';
import { WatchDecoder } from './watch-decoder.js';
import type { RawWatchEvent } from './contract.js';

test('the same line parses to the same object; another line to its own', () => {
  const p = new SharedLineParser();
  const line = '{"type":"ADDED","object":{"metadata":{"name":"a"}}}\n';
  const a = p.parse(line);
  assert.equal(p.parse(line), a);
  assert.equal(p.parse(line.slice(0, -1) + '\n'), a, 'equal text, another string');
  assert.notEqual(p.parse('{"type":"ADDED","object":{"metadata":{"name":"b"}}}\n'), a);
});

test('only the most recent lines are remembered', () => {
  const p = new SharedLineParser(2);
  const first = p.parse('{"n":1}');
  p.parse('{"n":2}');
  p.parse('{"n":3}');
  assert.notEqual(p.parse('{"n":1}'), first);
  assert.throws(() => p.parse('{oops'), SyntaxError);
});

test('watchers of one event get one object through their decoders', () => {
  const p = new SharedLineParser();
  const seen: RawWatchEvent[] = [];
  const decoders = [0, 1].map(() => new WatchDecoder((e) => seen.push(e), (l) => p.parse(l)));
  const line = '{"type":"MODIFIED","object":{"metadata":{"name":"a"}}}\n';
  for (const d of decoders) d.push(line);
  // A chunk with two events and one split over two chunks decode the same way.
  decoders[0]!.push(line + line.slice(0, 10));
  decoders[0]!.push(line.slice(10));
  assert.equal(seen.length, 4);
  assert.equal(seen[0], seen[1]);
  assert.deepEqual(seen[3], seen[0]);
});
