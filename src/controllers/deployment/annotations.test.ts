// Revision, revision-history, replicas and copied annotations on ReplicaSets and Deployments.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  appendRevisionHistory,
  CHANGE_CAUSE_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  setDeploymentAnnotationsTo,
  setNewReplicaSetAnnotations,
} from './annotations.js';
import { makeDeployment, makeReplicaSet } from './testing.js';

describe('setNewReplicaSetAnnotations', () => {
  const d = makeDeployment('web')
    .replicas(4)
    .annotations({
      [CHANGE_CAUSE_ANNOTATION]: 'kubectl set image',
      team: 'blue',
      [REVISION_ANNOTATION]: '9',
      'kubectl.kubernetes.io/last-applied-configuration': '{}',
    })
    .build();

  test('a ReplicaSet about to be created gets the revision, replicas annotations and shared annotations', () => {
    const rs = makeReplicaSet(d, 'web-a').build();
    rs.metadata.annotations = {};
    assert.equal(setNewReplicaSetAnnotations(d, rs, 3, false, 1), true);
    assert.deepEqual(rs.metadata.annotations, {
      [CHANGE_CAUSE_ANNOTATION]: 'kubectl set image',
      team: 'blue',
      [REVISION_ANNOTATION]: '3',
      [DESIRED_REPLICAS_ANNOTATION]: '4',
      [MAX_REPLICAS_ANNOTATION]: '5',
    });
  });

  const revisionCases: { name: string; old?: string; history?: string; next: number; wantRevision?: string; wantHistory?: string; changed: boolean }[] = [
    { name: 'an older ReplicaSet brought back gets the next revision and a history', old: '1', next: 3, wantRevision: '3', wantHistory: '1', changed: true },
    { name: 'a second return appends to the history', old: '3', history: '1', next: 5, wantRevision: '5', wantHistory: '1,3', changed: true },
    { name: 'revisions compare as numbers, not strings', old: '9', next: 10, wantRevision: '10', wantHistory: '9', changed: true },
    { name: 'never lowered', old: '7', next: 5, wantRevision: '7', changed: false },
    { name: 'an unparsable revision is left alone', old: 'x', next: 5, wantRevision: 'x', changed: false },
  ];
  for (const c of revisionCases) {
    test(c.name, () => {
      const rs = makeReplicaSet(d, 'web-a').build();
      rs.metadata.annotations = { ...d.metadata.annotations, [REVISION_ANNOTATION]: c.old! };
      delete rs.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration'];
      if (c.history) rs.metadata.annotations[REVISION_HISTORY_ANNOTATION] = c.history;
      assert.equal(setNewReplicaSetAnnotations(d, rs, c.next, true, 1), c.changed);
      assert.equal(rs.metadata.annotations[REVISION_ANNOTATION], c.wantRevision);
      assert.equal(rs.metadata.annotations[REVISION_HISTORY_ANNOTATION], c.wantHistory);
      assert.equal(rs.metadata.annotations[DESIRED_REPLICAS_ANNOTATION], undefined);
    });
  }
});

describe('appendRevisionHistory', () => {
  test('starts a history', () => assert.equal(appendRevisionHistory(undefined, '2'), '2'));
  test('drops the oldest entries beyond the limit', () => {
    assert.equal(appendRevisionHistory('1,2,3', '4', 6), '2,3,4');
    assert.equal(appendRevisionHistory('1,2,3', '4', 4), '3,4');
  });
  test('within the limit nothing is dropped', () => assert.equal(appendRevisionHistory('1,2,3', '4', 7), '1,2,3,4'));
});

describe('setDeploymentAnnotationsTo', () => {
  test("keeps the Deployment's own annotations and takes the ReplicaSet's others", () => {
    const d = makeDeployment('web').annotations({ [REVISION_ANNOTATION]: '4', team: 'blue' }).build();
    const rs = makeReplicaSet(d, 'web-a').revision(1).build();
    rs.metadata.annotations![CHANGE_CAUSE_ANNOTATION] = 'first';
    setDeploymentAnnotationsTo(d, rs);
    assert.deepEqual(d.metadata.annotations, { [REVISION_ANNOTATION]: '4', [CHANGE_CAUSE_ANNOTATION]: 'first' });
  });
});
