import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DurationError, parseDuration } from './duration.js';

describe('parseDuration', () => {
  const cases: [string, number][] = [
    ['0', 0],
    ['0s', 0],
    ['1s', 1000],
    ['500ms', 500],
    ['1.5s', 1500],
    ['1m30s', 90_000],
    ['2h', 7_200_000],
    ['250us', 0.25],
    ['.5s', 500],
  ];
  for (const [text, ms] of cases) it(`${text} = ${ms} ms`, () => assert.equal(parseDuration(text), ms));

  for (const bad of ['', '1', 's', '-1s', '1x', '1s ', '1 s', '1s2']) {
    it(`refuses ${JSON.stringify(bad)}`, () => assert.throws(() => parseDuration(bad), DurationError));
  }
});
