// Reading a Deployment's ReplicaSets: revisions, orders, the new and old ones, template equality.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ReplicaSet } from '../../api/types/apps-v1.js';
import {
  findActiveOrLatest,
  findNewReplicaSet,
  findOldReplicaSets,
  lastRevision,
  maxRevision,
  revisionOf,
  sortByRevision,
  sortBySizeNewer,
  sortBySizeOlder,
} from './replica-sets.js';
import { equalIgnoreHash, semanticEqual } from './template-equality.js';
import { makeDeployment, makeReplicaSet } from './testing.js';

const d = makeDeployment('web').replicas(3).build();
const names = (rss: readonly (ReplicaSet | undefined)[]) => rss.map((rs) => rs?.metadata.name);

function withRevision(rev: string | undefined, name: string, created = 0): ReplicaSet {
  const rs = makeReplicaSet(d, name).created(created).build();
  if (rev !== undefined) rs.metadata.annotations!['deployment.kubernetes.io/revision'] = rev;
  return rs;
}

describe('revisions', () => {
  const cases: { name: string; revs: (string | undefined)[]; max: number; last: number }[] = [
    { name: 'none', revs: [], max: 0, last: 0 },
    { name: 'one', revs: ['3'], max: 3, last: 0 },
    { name: 'ascending', revs: ['1', '2', '3'], max: 3, last: 2 },
    { name: 'any order', revs: ['5', '2', '4'], max: 5, last: 4 },
    { name: 'unparsable ones are skipped', revs: ['x', '2', '7'], max: 7, last: 2 },
    { name: 'missing counts as 0', revs: [undefined, '2'], max: 2, last: 0 },
    { name: 'equal revisions', revs: ['2', '2'], max: 2, last: 2 },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const rss = c.revs.map((r, i) => withRevision(r, `rs${i}`));
      assert.equal(maxRevision(rss), c.max);
      assert.equal(lastRevision(rss), c.last);
    });
  }

  test('revisionOf', () => {
    assert.equal(revisionOf(withRevision(undefined, 'a')), 0);
    assert.equal(revisionOf(withRevision('12', 'a')), 12);
    assert.equal(revisionOf(withRevision('1x', 'a')), undefined);
  });

  test('sortByRevision: ascending; ties and unparsable by creation', () => {
    const rss = [withRevision('3', 'c', 1), withRevision('1', 'a', 5), withRevision('x', 'z', 0), withRevision('2', 'b', 9)];
    assert.deepEqual(names(sortByRevision(rss)), ['z', 'a', 'b', 'c']);
  });
});

describe('sizes and ages', () => {
  const sized = (name: string, size: number, created: number) => makeReplicaSet(d, name).replicas(size).created(created).build();
  const rss = [sized('old-big', 5, 0), sized('new-big', 5, 10), sized('small', 1, 5)];

  test('bySizeNewer: larger first, newer first among equals', () => assert.deepEqual(names(sortBySizeNewer(rss)), ['new-big', 'old-big', 'small']));
  test('bySizeOlder: larger first, older first among equals', () => assert.deepEqual(names(sortBySizeOlder(rss)), ['old-big', 'new-big', 'small']));
});

describe('finding the new and old ReplicaSets', () => {
  const current = makeDeployment('web').image('img:2').build();
  const oldRS = makeReplicaSet(makeDeployment('web').image('img:1').build(), 'web-old').created(0).build();
  const newRS = makeReplicaSet(current, 'web-new').created(10).build();
  const dupe = makeReplicaSet(current, 'web-dupe').created(20).build();

  test('the oldest ReplicaSet with the current template is the new one', () => {
    assert.equal(findNewReplicaSet(current, [dupe, oldRS, newRS])?.metadata.name, 'web-new');
  });
  test('every other one is old', () => {
    assert.deepEqual(names(findOldReplicaSets(current, [dupe, oldRS, newRS])), ['web-dupe', 'web-old']);
  });
  test('none matches: all are old', () => {
    const other = makeDeployment('web').image('img:3').build();
    assert.equal(findNewReplicaSet(other, [oldRS, newRS]), undefined);
    assert.equal(findOldReplicaSets(other, [oldRS, newRS]).length, 2);
  });
});

describe('findActiveOrLatest', () => {
  const rs = (name: string, size: number, created: number) => makeReplicaSet(d, name).replicas(size).created(created).build();
  const cases: { name: string; newRS?: ReplicaSet; old: ReplicaSet[]; want: string | undefined }[] = [
    { name: 'nothing', old: [], want: undefined },
    { name: 'only the new one is active', newRS: rs('new', 3, 10), old: [rs('old', 0, 0)], want: 'new' },
    { name: 'only an old one is active', newRS: rs('new', 0, 10), old: [rs('old', 3, 0)], want: 'old' },
    { name: 'none active: the new one', newRS: rs('new', 0, 10), old: [rs('old', 0, 0)], want: 'new' },
    { name: 'none active, no new one: the newest old one', old: [rs('older', 0, 0), rs('newer', 0, 5)], want: 'newer' },
    { name: 'several active: proportional scaling decides', newRS: rs('new', 1, 10), old: [rs('old', 3, 0)], want: undefined },
  ];
  for (const c of cases) test(c.name, () => assert.equal(findActiveOrLatest(c.newRS, c.old)?.metadata.name, c.want));
});

describe('template equality', () => {
  const cases: { name: string; a: unknown; b: unknown; equal: boolean }[] = [
    { name: 'missing and empty map', a: { metadata: {} }, b: { metadata: { annotations: {} } }, equal: true },
    { name: 'null and missing', a: { metadata: { creationTimestamp: null } }, b: {}, equal: true },
    { name: 'empty list and missing', a: { spec: { volumes: [] } }, b: { spec: {} }, equal: true },
    { name: 'scalars are strict', a: { spec: { hostNetwork: false } }, b: { spec: {} }, equal: false },
    { name: 'list order matters', a: { l: [1, 2] }, b: { l: [2, 1] }, equal: false },
  ];
  for (const c of cases) test(c.name, () => assert.equal(semanticEqual(c.a, c.b), c.equal));

  test('the hash label is ignored on either side', () => {
    const t = { metadata: { labels: { app: 'web' } }, spec: { containers: [] } };
    const hashed = { metadata: { labels: { app: 'web', 'pod-template-hash': 'abc' } }, spec: { containers: [] } };
    assert.ok(equalIgnoreHash(t, hashed));
    assert.ok(!equalIgnoreHash({ metadata: { labels: { app: 'other' } } }, hashed));
  });
});
