import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Toleration } from '../../../api/types/core-v1.js';
import { CycleState } from '../../framework/cycle-state.js';
import { QueueingHint } from '../../framework/events.js';
import { makeNode, makePod } from '../../testing/wrappers.js';
import { TaintToleration } from './taint-toleration.js';

describe('TaintToleration Filter', () => {
  const cases: { name: string; taints: [string, string, 'NoSchedule' | 'NoExecute' | 'PreferNoSchedule'][]; tolerations?: Toleration[]; want: string | null }[] = [
    { name: 'no taints', taints: [], want: null },
    { name: 'untolerated NoSchedule', taints: [['dedicated', 'infra', 'NoSchedule']], want: 'node(s) had untolerated taint {dedicated: infra}' },
    { name: 'untolerated NoExecute', taints: [['k', 'v', 'NoExecute']], want: 'node(s) had untolerated taint {k: v}' },
    { name: 'PreferNoSchedule does not filter', taints: [['k', 'v', 'PreferNoSchedule']], want: null },
    { name: 'Equal toleration', taints: [['k', 'v', 'NoSchedule']], tolerations: [{ key: 'k', operator: 'Equal', value: 'v', effect: 'NoSchedule' }], want: null },
    { name: 'empty operator means Equal', taints: [['k', 'v', 'NoSchedule']], tolerations: [{ key: 'k', value: 'v' }], want: null },
    { name: 'value mismatch', taints: [['k', 'v', 'NoSchedule']], tolerations: [{ key: 'k', value: 'w' }], want: 'node(s) had untolerated taint {k: v}' },
    { name: 'Exists tolerates any value', taints: [['k', 'v', 'NoSchedule']], tolerations: [{ key: 'k', operator: 'Exists' }], want: null },
    { name: 'empty key with Exists tolerates everything', taints: [['a', '1', 'NoSchedule'], ['b', '2', 'NoExecute']], tolerations: [{ operator: 'Exists' }], want: null },
    { name: 'effect mismatch', taints: [['k', 'v', 'NoSchedule']], tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoExecute' }], want: 'node(s) had untolerated taint {k: v}' },
    { name: 'the first untolerated taint is reported', taints: [['a', '1', 'NoSchedule'], ['b', '2', 'NoSchedule']], tolerations: [{ key: 'a', operator: 'Exists' }], want: 'node(s) had untolerated taint {b: 2}' },
    { name: 'a taint without value', taints: [['k', '', 'NoSchedule']], want: 'node(s) had untolerated taint {k: }' },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const node = makeNode('n');
      for (const [k, v, e] of c.taints) node.taint(k, v, e);
      const pod = makePod('p');
      for (const t of c.tolerations ?? []) pod.toleration(t);
      const s = new TaintToleration().filter(new CycleState(), pod.info(), node.info());
      if (c.want === null) assert.equal(s, null);
      else {
        assert.deepEqual(s?.reasons, [c.want]);
        assert.equal(s?.codeName(), 'UnschedulableAndUnresolvable');
      }
    });
  }
});

describe('TaintToleration Score', () => {
  test('fewer untolerated PreferNoSchedule taints score higher', () => {
    const plugin = new TaintToleration();
    const pod = makePod('p').toleration({ key: 'tolerated', operator: 'Exists', effect: 'PreferNoSchedule' }).info();
    const nodes = [
      makeNode('clean').info(),
      makeNode('one').taint('a', '1', 'PreferNoSchedule').info(),
      makeNode('two').taint('a', '1', 'PreferNoSchedule').taint('b', '2', 'PreferNoSchedule').info(),
      makeNode('tolerated').taint('tolerated', 'x', 'PreferNoSchedule').info(),
      makeNode('noschedule').taint('c', '3', 'NoSchedule').info(),
    ];
    const state = new CycleState();
    assert.equal(plugin.preScore(state, pod, nodes), null);
    const scores = Float64Array.from(nodes, (n) => plugin.score(state, pod, n) as number);
    assert.deepEqual([...scores], [0, 1, 2, 0, 0]);
    plugin.normalizeScore(state, pod, scores);
    assert.deepEqual([...scores], [100, 50, 0, 100, 100]);
  });

  test('without PreferNoSchedule taints on any node, scoring is skipped (every node would get 100)', () => {
    const plugin = new TaintToleration();
    const s = plugin.preScore(new CycleState(), makePod('p').info(), [makeNode('a').info(), makeNode('b').taint('k', 'v', 'NoSchedule').info()]);
    assert.ok(s?.isSkip());
  });
});

describe('TaintToleration queueing hints', () => {
  const hint = new TaintToleration().eventsToRegister()[0]!.hint!;
  const pod = makePod('p').toleration({ key: 'k', operator: 'Exists' }).build();
  test('a node whose untolerated taint is removed', () => {
    assert.equal(hint(pod, makeNode('n').taint('x', '1', 'NoSchedule').build(), makeNode('n').build()), QueueingHint.Queue);
  });
  test('a new node with only tolerated taints', () => {
    assert.equal(hint(pod, undefined, makeNode('n').taint('k', '1', 'NoSchedule').build()), QueueingHint.Queue);
  });
  test('a new node with an untolerated taint', () => {
    assert.equal(hint(pod, undefined, makeNode('n').taint('x', '1', 'NoSchedule').build()), QueueingHint.QueueSkip);
  });
  test('a node that was already fine', () => {
    assert.equal(hint(pod, makeNode('n').build(), makeNode('n').labels({ a: 'b' }).build()), QueueingHint.QueueSkip);
  });
});
