import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SchemaNode } from '../openapi/schema.js';
import { merge } from './merge.js';
import { atomOf } from './schema-types.js';

const pod = atomOf(SchemaNode.forKind('', 'v1', 'Pod')!);
const deployment = atomOf(SchemaNode.forKind('apps', 'v1', 'Deployment')!);

const names = (v: unknown) => ((v as { spec: { containers: { name: string }[] } }).spec.containers ?? []).map((c) => c.name);

const cases: { name: string; atom: typeof pod; live: unknown; config: unknown; want: unknown }[] = [
  {
    name: 'struct fields merge, config wins on scalars',
    atom: deployment,
    live: { spec: { replicas: 1, paused: true } },
    config: { spec: { replicas: 3 } },
    want: { spec: { replicas: 3, paused: true } },
  },
  {
    name: 'map keys merge',
    atom: pod,
    live: { metadata: { labels: { a: '1', b: '2' } } },
    config: { metadata: { labels: { b: 'x', c: '3' } } },
    want: { metadata: { labels: { a: '1', b: 'x', c: '3' } } },
  },
  {
    name: 'an atomic map is replaced',
    atom: pod,
    live: { spec: { nodeSelector: { a: '1', b: '2' } } },
    config: { spec: { nodeSelector: { c: '3' } } },
    want: { spec: { nodeSelector: { c: '3' } } },
  },
  {
    name: 'an atomic list is replaced',
    atom: pod,
    live: { spec: { tolerations: [{ key: 'a' }, { key: 'b' }] } },
    config: { spec: { tolerations: [{ key: 'c' }] } },
    want: { spec: { tolerations: [{ key: 'c' }] } },
  },
  {
    name: 'list-map elements merge by key',
    atom: pod,
    live: { spec: { containers: [{ name: 'a', image: '1', imagePullPolicy: 'Always' }] } },
    config: { spec: { containers: [{ name: 'a', image: '2' }] } },
    want: { spec: { containers: [{ name: 'a', image: '2', imagePullPolicy: 'Always' }] } },
  },
  {
    name: 'set elements merge by value',
    atom: pod,
    live: { metadata: { finalizers: ['a', 'b'] } },
    config: { metadata: { finalizers: ['c', 'a'] } },
    want: { metadata: { finalizers: ['c', 'a', 'b'] } },
  },
  {
    name: 'an empty config map does not clear a live one',
    atom: pod,
    live: { metadata: { labels: { a: '1' } } },
    config: { metadata: { labels: {} } },
    want: { metadata: { labels: { a: '1' } } },
  },
  {
    name: 'empty on both sides keeps the config\'s',
    atom: pod,
    live: { spec: {} },
    config: { spec: { securityContext: {} } },
    want: { spec: { securityContext: {} } },
  },
  {
    name: 'a config null is kept (it is removed later)',
    atom: deployment,
    live: { spec: { replicas: 2 } },
    config: { spec: { replicas: null } },
    want: { spec: { replicas: null } },
  },
];

for (const c of cases) {
  test(`merge: ${c.name}`, () => {
    const before = JSON.stringify([c.live, c.config]);
    assert.deepEqual(merge(c.live, c.config, c.atom), c.want);
    assert.equal(JSON.stringify([c.live, c.config]), before, 'inputs untouched');
  });
}

const orders: { name: string; live: string[]; config: string[]; want: string[] }[] = [
  { name: 'new elements are appended', live: ['a', 'b'], config: ['a', 'b', 'c'], want: ['a', 'b', 'c'] },
  { name: 'new elements follow their config predecessor', live: ['a', 'b'], config: ['a', 'x', 'b'], want: ['a', 'x', 'b'] },
  { name: 'live-only elements keep their place', live: ['a', 'z', 'b'], config: ['a', 'b'], want: ['a', 'z', 'b'] },
  { name: 'shared elements take the config order', live: ['a', 'b', 'c'], config: ['c', 'b', 'a'], want: ['c', 'b', 'a'] },
  { name: 'a new first element', live: ['a'], config: ['x', 'a'], want: ['x', 'a'] },
  { name: 'disjoint: live first, then config', live: ['a', 'b'], config: ['x'], want: ['a', 'b', 'x'] },
];

for (const c of orders) {
  test(`merge order: ${c.name}`, () => {
    const live = { spec: { containers: c.live.map((name) => ({ name })) } };
    const config = { spec: { containers: c.config.map((name) => ({ name })) } };
    assert.deepEqual(names(merge(live, config, pod)), c.want);
  });
}

test('merge copies: mutating the result leaves the inputs alone', () => {
  const live = { spec: { nodeSelector: { a: '1' }, containers: [{ name: 'c', args: ['x'] }] } };
  const out = merge(live, { spec: {} }, pod) as typeof live;
  out.spec.nodeSelector.a = 'changed';
  out.spec.containers[0]!.args.push('y');
  assert.deepEqual(live, { spec: { nodeSelector: { a: '1' }, containers: [{ name: 'c', args: ['x'] }] } });
});
