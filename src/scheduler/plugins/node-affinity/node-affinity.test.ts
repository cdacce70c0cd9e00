import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CycleState } from '../../framework/cycle-state.js';
import { QueueingHint } from '../../framework/events.js';
import { PreFilterResult } from '../../framework/interface.js';
import { Status } from '../../framework/status.js';
import { makeNode, makePod, type PodWrapper } from '../../testing/wrappers.js';
import { ERR_REASON_POD, NodeAffinity } from './node-affinity.js';

function fits(pod: PodWrapper, labels: Record<string, string>, name = 'node-1', plugin = new NodeAffinity()): boolean {
  const state = new CycleState();
  const pi = pod.info();
  const pre = plugin.preFilter(state, pi);
  if (pre instanceof Status && pre.isSkip()) return true;
  const s = plugin.filter(state, pi, makeNode(name).labels(labels).info());
  return s === null;
}

describe('NodeAffinity Filter', () => {
  const cases: { name: string; pod: PodWrapper; labels: Record<string, string>; node?: string; want: boolean }[] = [
    { name: 'no selector or affinity', pod: makePod('p'), labels: {}, want: true },
    { name: 'nodeSelector matches', pod: makePod('p').nodeSelector({ disk: 'ssd' }), labels: { disk: 'ssd' }, want: true },
    { name: 'nodeSelector value differs', pod: makePod('p').nodeSelector({ disk: 'ssd' }), labels: { disk: 'hdd' }, want: false },
    { name: 'nodeSelector label missing', pod: makePod('p').nodeSelector({ disk: 'ssd' }), labels: {}, want: false },
    { name: 'In', pod: makePod('p').requiredAffinity([{ key: 'zone', operator: 'In', values: ['a', 'b'] }]), labels: { zone: 'b' }, want: true },
    { name: 'In, not in the set', pod: makePod('p').requiredAffinity([{ key: 'zone', operator: 'In', values: ['a', 'b'] }]), labels: { zone: 'c' }, want: false },
    { name: 'NotIn with the label absent', pod: makePod('p').requiredAffinity([{ key: 'zone', operator: 'NotIn', values: ['a'] }]), labels: {}, want: true },
    { name: 'NotIn', pod: makePod('p').requiredAffinity([{ key: 'zone', operator: 'NotIn', values: ['a'] }]), labels: { zone: 'a' }, want: false },
    { name: 'Exists', pod: makePod('p').requiredAffinity([{ key: 'gpu', operator: 'Exists' }]), labels: { gpu: '' }, want: true },
    { name: 'DoesNotExist', pod: makePod('p').requiredAffinity([{ key: 'gpu', operator: 'DoesNotExist' }]), labels: { gpu: 'x' }, want: false },
    { name: 'Gt', pod: makePod('p').requiredAffinity([{ key: 'cores', operator: 'Gt', values: ['8'] }]), labels: { cores: '16' }, want: true },
    { name: 'Gt, equal', pod: makePod('p').requiredAffinity([{ key: 'cores', operator: 'Gt', values: ['8'] }]), labels: { cores: '8' }, want: false },
    { name: 'Lt, not a number', pod: makePod('p').requiredAffinity([{ key: 'cores', operator: 'Lt', values: ['8'] }]), labels: { cores: 'many' }, want: false },
    {
      name: 'expressions of a term are ANDed',
      pod: makePod('p').requiredAffinity([
        { key: 'zone', operator: 'In', values: ['a'] },
        { key: 'disk', operator: 'In', values: ['ssd'] },
      ]),
      labels: { zone: 'a', disk: 'hdd' },
      want: false,
    },
    {
      name: 'terms are ORed',
      pod: makePod('p').requiredAffinity([{ key: 'zone', operator: 'In', values: ['a'] }]).requiredAffinity([{ key: 'disk', operator: 'In', values: ['ssd'] }]),
      labels: { disk: 'ssd' },
      want: true,
    },
    { name: 'an empty term matches nothing', pod: makePod('p').requiredAffinity(), labels: { any: 'thing' }, want: false },
    {
      name: 'nodeSelector and affinity must both hold',
      pod: makePod('p').nodeSelector({ disk: 'ssd' }).requiredAffinity([{ key: 'zone', operator: 'In', values: ['a'] }]),
      labels: { zone: 'a' },
      want: false,
    },
    { name: 'matchFields metadata.name In', pod: makePod('p').requiredAffinity([], [{ key: 'metadata.name', operator: 'In', values: ['node-1'] }]), labels: {}, want: true },
    { name: 'matchFields metadata.name NotIn', pod: makePod('p').requiredAffinity([], [{ key: 'metadata.name', operator: 'NotIn', values: ['node-1'] }]), labels: {}, want: false },
  ];
  for (const c of cases) test(c.name, () => assert.equal(fits(c.pod, c.labels, c.node), c.want));

  test('the rejection message and code', () => {
    const plugin = new NodeAffinity();
    const state = new CycleState();
    const pi = makePod('p').nodeSelector({ a: 'b' }).info();
    plugin.preFilter(state, pi);
    const s = plugin.filter(state, pi, makeNode('n').info());
    assert.deepEqual(s?.reasons, [ERR_REASON_POD]);
    assert.equal(s?.codeName(), 'UnschedulableAndUnresolvable');
  });

  test('a scheduler-enforced affinity from the profile', () => {
    const plugin = new NodeAffinity({ addedAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'pool', operator: 'In', values: ['batch'] }] }] } } });
    assert.equal(fits(makePod('p'), { pool: 'batch' }, 'n', plugin), true);
    const state = new CycleState();
    const pi = makePod('p').info();
    assert.equal(plugin.preFilter(state, pi), null);
    assert.deepEqual(plugin.filter(state, pi, makeNode('n').info())?.reasons, ["node(s) didn't match scheduler-enforced node affinity"]);
  });
});

describe('NodeAffinity PreFilter', () => {
  test('skips pods without a selector', () => {
    assert.ok((new NodeAffinity().preFilter(new CycleState(), makePod('p').info()) as Status).isSkip());
  });
  test('node names from matchFields narrow the candidates (union over terms)', () => {
    const pod = makePod('p')
      .requiredAffinity([], [{ key: 'metadata.name', operator: 'In', values: ['a', 'b'] }])
      .requiredAffinity([], [{ key: 'metadata.name', operator: 'In', values: ['c'] }]);
    const r = new NodeAffinity().preFilter(new CycleState(), pod.info());
    assert.ok(r instanceof PreFilterResult);
    assert.deepEqual([...r.nodeNames].sort(), ['a', 'b', 'c']);
  });
  test('a term without names allows every node', () => {
    const pod = makePod('p').requiredAffinity([], [{ key: 'metadata.name', operator: 'In', values: ['a'] }]).requiredAffinity([{ key: 'zone', operator: 'Exists' }]);
    assert.equal(new NodeAffinity().preFilter(new CycleState(), pod.info()), null);
  });
  test('conflicting names within a term reject the pod', () => {
    const pod = makePod('p').requiredAffinity(
      [],
      [
        { key: 'metadata.name', operator: 'In', values: ['a'] },
        { key: 'metadata.name', operator: 'In', values: ['b'] },
      ],
    );
    const s = new NodeAffinity().preFilter(new CycleState(), pod.info()) as Status;
    assert.deepEqual(s.reasons, ['pod affinity terms conflict']);
  });
});

describe('NodeAffinity Score', () => {
  test('sums the weights of matching preferred terms, normalized to 100', () => {
    const plugin = new NodeAffinity();
    const pod = makePod('p')
      .preferredAffinity(5, [{ key: 'zone', operator: 'In', values: ['a'] }])
      .preferredAffinity(3, [{ key: 'disk', operator: 'In', values: ['ssd'] }])
      .info();
    const nodes = [makeNode('both').labels({ zone: 'a', disk: 'ssd' }).info(), makeNode('zone').labels({ zone: 'a' }).info(), makeNode('disk').labels({ disk: 'ssd' }).info(), makeNode('none').info()];
    const state = new CycleState();
    assert.equal(plugin.preScore(state, pod, nodes), null);
    const scores = Float64Array.from(nodes, (n) => plugin.score(state, pod, n) as number);
    assert.deepEqual([...scores], [8, 5, 3, 0]);
    plugin.normalizeScore(state, pod, scores);
    assert.deepEqual([...scores], [100, 62, 37, 0]);
  });
  test('skips pods without preferred terms', () => {
    assert.ok(new NodeAffinity().preScore(new CycleState(), makePod('p').info(), [makeNode('n').info()])?.isSkip());
  });
});

describe('NodeAffinity queueing hints', () => {
  const hint = new NodeAffinity().eventsToRegister()[0]!.hint!;
  const pod = makePod('p').nodeSelector({ disk: 'ssd' }).build();
  test('a new matching node', () => assert.equal(hint(pod, undefined, makeNode('n').labels({ disk: 'ssd' }).build()), QueueingHint.Queue));
  test('a new node that does not match', () => assert.equal(hint(pod, undefined, makeNode('n').build()), QueueingHint.QueueSkip));
  test('a node whose labels now match', () => assert.equal(hint(pod, makeNode('n').build(), makeNode('n').labels({ disk: 'ssd' }).build()), QueueingHint.Queue));
  test('a node that matched already', () => assert.equal(hint(pod, makeNode('n').labels({ disk: 'ssd' }).build(), makeNode('n').labels({ disk: 'ssd', x: 'y' }).build()), QueueingHint.QueueSkip));
});
