import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../meta.js';
import { allowedConflictsFromLastApplied, buildLastApplied, LAST_APPLIED_ANNOTATION, setLastApplied, syncLastApplied } from './last-applied.js';
import { atomOf } from './schema-types.js';
import { DEPLOYMENT, deployment } from './testing.js';

const atom = atomOf(DEPLOYMENT);

test('buildLastApplied writes Go\'s JSON of the configuration without the annotation', () => {
  const applied: KubeObject = {
    kind: 'ConfigMap',
    apiVersion: 'v1',
    metadata: { name: 'c', annotations: { [LAST_APPLIED_ANNOTATION]: 'old', note: 'a<b' } },
    data: { z: '1', a: '2' },
  };
  assert.equal(
    buildLastApplied(applied),
    '{"apiVersion":"v1","data":{"a":"2","z":"1"},"kind":"ConfigMap","metadata":{"annotations":{"note":"a\\u003cb"},"name":"c"}}\n',
  );
  assert.equal((applied.metadata.annotations as Record<string, string>)[LAST_APPLIED_ANNOTATION], 'old', 'input untouched');
});

function withLastApplied(live: KubeObject, lastApplied: unknown): KubeObject {
  const out = structuredClone(live);
  out.metadata.annotations = { [LAST_APPLIED_ANNOTATION]: JSON.stringify(lastApplied) };
  return out;
}

test('allowed conflicts are the last-applied fields the live object still has', () => {
  const live = deployment({ replicas: 3, image: 'nginx:1' });
  const last = deployment({ replicas: 3, image: 'nginx:0' });
  const allowed = allowedConflictsFromLastApplied(withLastApplied(live, last), atom, 'apps/v1')!;
  assert.ok(allowed.has(['f:spec', 'f:replicas']));
  assert.ok(!allowed.has(['f:spec', 'f:template', 'f:spec', 'f:containers', 'k:{"name":"nginx"}', 'f:image']), 'changed since');
});

const unusable: { name: string; live: KubeObject }[] = [
  { name: 'no annotation', live: deployment() },
  { name: 'not JSON', live: { ...deployment(), metadata: { name: 'web', annotations: { [LAST_APPLIED_ANNOTATION]: '{' } } } },
  { name: 'another version', live: withLastApplied(deployment(), { ...deployment(), apiVersion: 'apps/v1beta1' }) },
];
for (const c of unusable) {
  test(`no allowed conflicts with ${c.name}`, () => assert.equal(allowedConflictsFromLastApplied(c.live, atom, 'apps/v1'), undefined));
}

test('syncLastApplied updates an existing annotation for kubectl only', () => {
  const applied = deployment({ replicas: 2 });
  const result = withLastApplied(deployment({ replicas: 1 }), deployment({ replicas: 1 }));
  const other = structuredClone(result);
  syncLastApplied(result, applied, 'kubectl');
  assert.equal((result.metadata.annotations as Record<string, string>)[LAST_APPLIED_ANNOTATION], buildLastApplied(applied));
  syncLastApplied(other, applied, 'helm');
  assert.notEqual((other.metadata.annotations as Record<string, string>)[LAST_APPLIED_ANNOTATION], buildLastApplied(applied));

  const without = deployment();
  syncLastApplied(without, applied, 'kubectl');
  assert.equal(without.metadata.annotations, undefined, 'no annotation is created');
});

test('setLastApplied drops an annotation that would exceed 256 KiB of annotations', () => {
  const obj = deployment();
  setLastApplied(obj, 'x'.repeat(300 * 1024));
  assert.deepEqual(obj.metadata.annotations, {});
});
