// URL building: core and group prefixes, namespaces, names, subresources, query encoding.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ResourceRef } from './contract.js';
import { queryString, requestTarget, resourcePath } from './request-url.js';

const PODS: ResourceRef = { group: '', version: 'v1', resource: 'pods', kind: 'Pod', namespaced: true };
const DEPLOYMENTS: ResourceRef = { group: 'apps', version: 'v1', resource: 'deployments', kind: 'Deployment', namespaced: true };
const NODES: ResourceRef = { group: '', version: 'v1', resource: 'nodes', kind: 'Node', namespaced: false };
const NAMESPACES: ResourceRef = { group: '', version: 'v1', resource: 'namespaces', kind: 'Namespace', namespaced: false };
const CLUSTERROLES: ResourceRef = { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterroles', kind: 'ClusterRole', namespaced: false };

test('resource paths', () => {
  const cases: [ResourceRef, Parameters<typeof resourcePath>[1], string][] = [
    [PODS, {}, '/api/v1/pods'],
    [PODS, { namespace: '' }, '/api/v1/pods'],
    [PODS, { namespace: 'default' }, '/api/v1/namespaces/default/pods'],
    [PODS, { namespace: 'default', name: 'web-1' }, '/api/v1/namespaces/default/pods/web-1'],
    [PODS, { namespace: 'default', name: 'web-1', subresource: 'binding' }, '/api/v1/namespaces/default/pods/web-1/binding'],
    [DEPLOYMENTS, { namespace: 'prod', name: 'web', subresource: 'scale' }, '/apis/apps/v1/namespaces/prod/deployments/web/scale'],
    [DEPLOYMENTS, {}, '/apis/apps/v1/deployments'],
    [NODES, { namespace: 'ignored', name: 'n1', subresource: 'status' }, '/api/v1/nodes/n1/status'],
    [NAMESPACES, { name: 'team-a', subresource: 'finalize' }, '/api/v1/namespaces/team-a/finalize'],
    [CLUSTERROLES, { name: 'system:controller:x' }, '/apis/rbac.authorization.k8s.io/v1/clusterroles/system%3Acontroller%3Ax'],
  ];
  for (const [ref, parts, want] of cases) assert.equal(resourcePath(ref, parts), want);
});

test('names that would change the path are refused', () => {
  for (const name of ['', '.', '..']) assert.throws(() => resourcePath(PODS, { namespace: 'a', name }), TypeError);
  assert.equal(resourcePath(PODS, { namespace: 'a', name: 'x/y' }), '/api/v1/namespaces/a/pods/x%2Fy');
});

test('query strings: encoded, undefined values left out, booleans and numbers as text', () => {
  assert.equal(queryString(undefined), '');
  assert.equal(queryString({}), '');
  assert.equal(queryString({ a: undefined }), '');
  assert.equal(
    queryString({ labelSelector: 'app in (web,api),tier!=db', limit: 500, watch: true, continue: undefined, fieldSelector: 'metadata.name=x' }),
    '?labelSelector=app%20in%20(web%2Capi)%2Ctier!%3Ddb&limit=500&watch=true&fieldSelector=metadata.name%3Dx',
  );
  assert.equal(requestTarget({ method: 'GET', path: '/api/v1/pods', query: { watch: true, resourceVersion: '12' } }), '/api/v1/pods?watch=true&resourceVersion=12');
});
