// The collector's resource mapper over kite's real registry.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BUILTIN_RESOURCES } from '../../api/registry/index.js';
import { RestMappingError } from './errors.js';
import { ResourceMapper } from './resource-mapper.js';

const mapper = new ResourceMapper(BUILTIN_RESOURCES);

test('monitored: every list/watch/delete resource once, events excluded', () => {
  const monitored = mapper.monitored().map((r) => `${r.group}/${r.resource}`);
  for (const r of ['/pods', '/configmaps', '/namespaces', 'apps/replicasets', 'apps/deployments', 'batch/jobs', 'rbac.authorization.k8s.io/clusterroles']) {
    assert.ok(monitored.includes(r), `${r} monitored`);
  }
  assert.ok(!monitored.includes('/events'));
  assert.ok(!monitored.includes('events.k8s.io/events'));
  assert.equal(new Set(monitored).size, monitored.length);
});

const resolutions: [string, string, string, boolean][] = [
  ['v1', 'Pod', 'pods', true],
  ['apps/v1', 'ReplicaSet', 'replicasets', true],
  ['v1', 'Namespace', 'namespaces', false],
  ['autoscaling/v1', 'HorizontalPodAutoscaler', 'horizontalpodautoscalers', true],
];

for (const [apiVersion, kind, resource, namespaced] of resolutions) {
  test(`resolve ${apiVersion} ${kind}`, () => {
    const ref = mapper.resolve(apiVersion, kind);
    assert.equal(ref.resource, resource);
    assert.equal(ref.namespaced, namespaced);
    assert.equal(ref.version, apiVersion.split('/').pop());
  });
}

for (const [apiVersion, kind] of [['example.com/v1', 'Widget'], ['apps/v1beta1', 'ReplicaSet'], ['', 'Pod'], ['v1', 'Nope']]) {
  test(`resolve ${apiVersion || '(empty)'} ${kind}: RestMappingError`, () => assert.throws(() => mapper.resolve(apiVersion!, kind!), RestMappingError));
}
