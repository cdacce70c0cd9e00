// The typed accessors: one per built-in resource of the registry, addressing its preferred
// version, scoped as the registry says — and typed with the generated kinds (checked by
// the compiler: the assignments below would not compile with the wrong types).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BUILTIN_RESOURCES } from '../api/registry/index.js';
import type { appsv1, autoscalingv2, coordinationv1, corev1, eventsv1, rbacv1 } from '../api/types/index.js';
import { builtinRef, groupAccessorName, type ResourceType } from './builtin-resources.js';
import { Client } from './client.js';
import type { ApiRequest, ApiResponse, RawWatchEvent, ResourceClient, Transport, WatchStream } from './contract.js';

class NullTransport implements Transport {
  readonly requests: ApiRequest[] = [];
  async request(req: ApiRequest): Promise<ApiResponse> {
    this.requests.push(req);
    return { status: 200, headers: {}, body: { metadata: {}, items: [] } };
  }
  watch(_req: ApiRequest, _onEvent: (e: RawWatchEvent) => void): WatchStream {
    return { close() {}, done: Promise.resolve() };
  }
}

test('every built-in resource has an accessor addressing its preferred version', async () => {
  const t = new NullTransport();
  const client = new Client(t, { userAgent: 'accessor-test' }) as unknown as Record<string, Record<string, (ns?: string) => ResourceClient<never>>>;
  for (const def of BUILTIN_RESOURCES) {
    const accessor = client[groupAccessorName(def.group)]?.[def.plural];
    assert.equal(typeof accessor, 'function', `${def.plural}.${def.group}`);
    const rc = def.namespaced ? accessor('ns1') : accessor();
    assert.deepEqual(rc.ref, { group: def.group, version: def.versions[0], resource: def.plural, kind: def.kind, namespaced: def.namespaced });
    await rc.list({});
    const prefix = def.group ? `/apis/${def.group}/${def.versions[0]}` : `/api/${def.versions[0]}`;
    assert.equal(t.requests.at(-1)!.path, `${prefix}${def.namespaced ? '/namespaces/ns1' : ''}/${def.plural}`);
  }
  const groups = new Set(BUILTIN_RESOURCES.map((d) => groupAccessorName(d.group)));
  assert.deepEqual([...groups].sort(), [
    'admissionregistration', 'apiextensions', 'apps', 'autoscaling', 'batch', 'coordination', 'core',
    'discovery', 'events', 'networking', 'policy', 'rbac', 'scheduling', 'storage',
  ]);
});

test('accessors are typed with the generated kinds', () => {
  const client = new Client(new NullTransport());
  const pods: ResourceClient<corev1.Pod> = client.core.pods('default');
  const deployments: ResourceClient<appsv1.Deployment> = client.apps.deployments();
  const hpas: ResourceClient<autoscalingv2.HorizontalPodAutoscaler> = client.autoscaling.horizontalpodautoscalers('x');
  const roles: ResourceClient<rbacv1.ClusterRole> = client.rbac.clusterroles();
  const leases: ResourceClient<coordinationv1.Lease> = client.coordination.leases('kube-node-lease');
  const coreEvents: ResourceClient<corev1.Event> = client.core.events('x');
  const events: ResourceClient<eventsv1.Event> = client.events.events('x');
  const nodes: ResourceClient<ResourceType<'', 'nodes'>> = client.core.nodes();
  for (const rc of [pods, deployments, hpas, roles, leases, coreEvents, events, nodes]) assert.ok(rc.ref.kind);
  assert.equal(hpas.ref.version, 'v2');
  assert.equal(events.ref.group, 'events.k8s.io');
});

test('builtinRef finds resources by plural or kind', () => {
  assert.deepEqual(builtinRef('apps', 'deployments'), builtinRef('apps', 'Deployment'));
  assert.deepEqual(builtinRef('', 'Pod'), { group: '', version: 'v1', resource: 'pods', kind: 'Pod', namespaced: true });
  assert.throws(() => builtinRef('apps', 'pods'), TypeError);
});

test("the client's field manager comes from its user agent as the server derives it", () => {
  assert.equal(new Client(new NullTransport(), { userAgent: 'kube-scheduler/v1.32.0 (linux/amd64) kubernetes/abc' }).fieldManager, 'kube-scheduler');
  assert.equal(new Client(new NullTransport(), { userAgent: 'a', fieldManager: 'b' }).fieldManager, 'b');
  assert.equal(new Client(new NullTransport()).fieldManager, 'kite-client');
});
