import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Pod } from '../../api/types/core-v1.js';
import { getDeletionCost, POD_DELETION_COST_ANNOTATION, rankPodsByRelatedPodsOnSameNode, sortActivePods, sortActivePodsWithRanks } from './active-pods.js';
import { makePod } from './testing.js';

const NOW = Date.parse('2025-01-02T00:00:00Z');
const T = (s: string): string => `2025-01-01T00:00:${s}Z`;

/** Each case: `first` must sort before `second` (be deleted first), whichever order they start in. */
interface Case {
  readonly name: string;
  readonly first: Pod;
  readonly second: Pod;
  readonly ranks?: [number, number];
}

function running(name: string) {
  return makePod(name).node('n').phase('Running');
}

const ranked: Case[] = [
  { name: 'unassigned before assigned', first: makePod('a').phase('Running').build(), second: running('b').build() },
  { name: 'Pending before Unknown', first: makePod('a').node('n').phase('Pending').build(), second: makePod('b').node('n').phase('Unknown').build() },
  { name: 'Unknown before Running', first: makePod('a').node('n').phase('Unknown').build(), second: running('b').build() },
  { name: 'not ready before ready', first: running('a').ready(T('00'), 'False').build(), second: running('b').ready(T('00')).build() },
  {
    name: 'lower deletion cost before higher',
    first: running('a').ready(T('00')).annotations({ [POD_DELETION_COST_ANNOTATION]: '-5' }).build(),
    second: running('b').ready(T('00')).annotations({ [POD_DELETION_COST_ANNOTATION]: '10' }).build(),
  },
  { name: 'more pods on the node before fewer', first: running('a').build(), second: running('b').build(), ranks: [3, 1] },
  {
    name: 'ready recently before ready long ago (log scale)',
    first: running('a').ready('2025-01-01T23:59:00Z').build(),
    second: running('b').ready('2025-01-01T00:00:00Z').build(),
  },
  { name: 'ready without a time before ready with one', first: running('a').ready().build(), second: running('b').ready(T('00')).build() },
  {
    name: 'ready times within one log2 bucket: uid decides',
    first: running('a').ready(T('00')).uid('1').build(),
    second: running('b').ready(T('01')).uid('2').build(),
  },
  { name: 'more restarts before fewer', first: running('a').restarts(5).build(), second: running('b').restarts(1).build() },
  { name: 'more sidecar restarts before fewer', first: running('a').sidecarRestarts(3).build(), second: running('b').build() },
  { name: 'newer before older', first: running('a').created('2025-01-01T23:00:00Z').build(), second: running('b').created('2025-01-01T00:00:00Z').build() },
  { name: 'no creation time before one', first: running('a').build(), second: running('b').created(T('00')).build() },
  {
    name: 'creation times within one log2 bucket: uid decides',
    first: running('a').created(T('00')).uid('1').build(),
    second: running('b').created(T('01')).uid('2').build(),
  },
];

describe('sortActivePodsWithRanks', () => {
  for (const c of ranked) {
    test(c.name, () => {
      const [ra, rb] = c.ranks ?? [0, 0];
      for (const [pods, ranks] of [
        [[c.first, c.second], [ra, rb]],
        [[c.second, c.first], [rb, ra]],
      ] as const) {
        const sorted = sortActivePodsWithRanks(pods, ranks, NOW);
        assert.deepEqual(sorted.map((p) => p.metadata.name), [c.first.metadata.name, c.second.metadata.name]);
      }
    });
  }

  test('a typical mix: victims in order', () => {
    const pods = [
      running('ready-old').ready('2025-01-01T00:00:00Z').created('2025-01-01T00:00:00Z').build(),
      makePod('unscheduled').phase('Pending').build(),
      running('not-ready').ready(T('00'), 'False').build(),
      running('ready-new').ready('2025-01-01T23:59:50Z').created('2025-01-01T23:59:00Z').build(),
    ];
    const sorted = sortActivePodsWithRanks(pods, [0, 0, 0, 0], NOW).map((p) => p.metadata.name);
    assert.deepEqual(sorted, ['unscheduled', 'not-ready', 'ready-new', 'ready-old']);
    assert.deepEqual(pods[0]!.metadata.name, 'ready-old', 'the input is not reordered');
  });
});

describe('sortActivePods (plain order)', () => {
  test('exact times, no log scale: one second newer sorts first', () => {
    const older = running('older').created(T('00')).uid('1').build();
    const newer = running('newer').created(T('01')).uid('2').build();
    assert.deepEqual(sortActivePods([older, newer]).map((p) => p.metadata.name), ['newer', 'older']);
  });
  test('ignores deletion cost', () => {
    const cheap = running('cheap').created(T('00')).annotations({ [POD_DELETION_COST_ANNOTATION]: '-100' }).build();
    const newer = running('newer').created(T('01')).build();
    assert.deepEqual(sortActivePods([cheap, newer]).map((p) => p.metadata.name), ['newer', 'cheap']);
  });
});

describe('getDeletionCost', () => {
  const cases: [string | undefined, number][] = [
    [undefined, 0],
    ['0', 0],
    ['10', 10],
    ['-10', -10],
    ['+10', 0],
    ['010', 0],
    ['abc', 0],
    ['2147483647', 2147483647],
    ['2147483648', 0],
    ['', 0],
  ];
  for (const [value, want] of cases) {
    test(`${JSON.stringify(value)} -> ${want}`, () => {
      const pod = makePod('a');
      if (value !== undefined) pod.annotations({ [POD_DELETION_COST_ANNOTATION]: value });
      assert.equal(getDeletionCost(pod.build()), want);
    });
  }
});

describe('rankPodsByRelatedPodsOnSameNode', () => {
  test('counts active related pods per node', () => {
    const related = [
      makePod('a').node('n1').build(),
      makePod('b').node('n1').build(),
      makePod('c').node('n1').phase('Failed').build(),
      makePod('d').node('n2').build(),
      makePod('e').build(),
    ];
    const ranks = rankPodsByRelatedPodsOnSameNode([related[0]!, related[3]!, related[4]!, makePod('f').node('n3').build()], related);
    assert.deepEqual(ranks, [2, 1, 1, 0]);
  });
});
