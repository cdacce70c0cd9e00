// The namespace controller against a real in-process API server (memory storage) running
// only it: namespaces of many kinds emptied and removed, status conditions while content
// waits on finalizers or on pods that do not terminate, metadata finalizers honoured,
// discovery failures reported.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { KubeObject } from '../../api/meta.js';
import { builtinRef } from '../../client/builtin-resources.js';
import type { ResourceClient } from '../../client/contract.js';
import { realClock } from '../../client/workqueue/clock.js';
import {
  configMap,
  ensureDefaultServiceAccount,
  getOrUndefined,
  namespaceObject,
  pod,
  replicaSet,
  startTestServer,
  waitFor,
  type TestServer,
} from '../garbagecollector/testing.js';
import type { NamespaceCondition } from './conditions.js';
import { discoverNamespacedResources } from './discovery.js';
import { GroupDiscoveryFailedError, GroupVersionParseError } from './errors.js';
import { newNamespaceController } from './namespace-controller.js';
import { NamespacedResourcesDeleter } from './namespaced-resources-deleter.js';

const HOLD = 'test.kite.io/hold';

interface NamespaceLike extends KubeObject {
  spec?: { finalizers?: string[] };
  status?: { phase?: string; conditions?: NamespaceCondition[] };
}

describe('namespace controller', () => {
  let t: TestServer;
  let seq = 0;
  let namespaces: ResourceClient<NamespaceLike>;
  const r = (group: string, resource: string, ns?: string): ResourceClient<KubeObject> => t.client.resource(builtinRef(group, resource), ns);

  async function freshNamespace(extra: Partial<NamespaceLike['metadata']> = {}): Promise<string> {
    const name = `ns-${++seq}`;
    await namespaces.create({ ...namespaceObject(name), metadata: { name, ...extra } });
    await ensureDefaultServiceAccount(t.client, name);
    return name;
  }
  const namespaceGone = (name: string) => async () => (await getOrUndefined(() => namespaces.get(name))) === undefined;
  const conditions = (ns: NamespaceLike): Record<string, Omit<NamespaceCondition, 'lastTransitionTime'>> =>
    Object.fromEntries((ns.status?.conditions ?? []).map(({ lastTransitionTime: _t, ...c }) => [c.type, c]));

  before(async () => {
    t = await startTestServer([newNamespaceController({ deletionGracePeriodMs: 50, recheckDelayMs: () => 100 })]);
    namespaces = t.client.resource<NamespaceLike>(builtinRef('', 'namespaces'));
  });
  after(async () => {
    await t?.stop();
  });

  test('a namespace of many kinds is emptied, then removed', async () => {
    const ns = await freshNamespace();
    await r('', 'configmaps', ns).create(configMap(ns, 'cm'));
    await r('', 'secrets', ns).create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { a: 'b' } });
    await r('', 'services', ns).create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc' }, spec: { ports: [{ port: 80 }] } });
    await r('', 'serviceaccounts', ns).create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'robot' } });
    await r('', 'pods', ns).create(pod(ns, 'p-0'));
    await r('apps', 'replicasets', ns).create(replicaSet(ns, 'rs', 1));
    await r('rbac.authorization.k8s.io', 'roles', ns).create({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'role' }, rules: [] });
    await r('coordination.k8s.io', 'leases', ns).create({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'lease' }, spec: {} });
    await r('batch', 'cronjobs', ns).create({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'cj' },
      spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } } } } },
    });

    const marked = (await namespaces.delete(ns)) as NamespaceLike;
    assert.equal(marked.status?.phase, 'Terminating');
    await waitFor(namespaceGone(ns), { message: `namespace ${ns} removed` });
    for (const [group, resource] of [['', 'configmaps'], ['', 'pods'], ['apps', 'replicasets'], ['batch', 'cronjobs'], ['', 'serviceaccounts']] as const) {
      assert.equal((await r(group, resource, ns).list({})).items.length, 0, `${resource} left in ${ns}`);
    }
  });

  test('content held by finalizers: conditions say what remains; the namespace goes once it does', async () => {
    const ns = await freshNamespace();
    await r('', 'configmaps', ns).create(configMap(ns, 'held', { finalizers: [HOLD] }));
    for (const name of ['p-1', 'p-2']) await r('', 'pods', ns).create({ ...pod(ns, name), metadata: { name, finalizers: [HOLD] } });
    await r('', 'configmaps', ns).create(configMap(ns, 'free'));
    await namespaces.delete(ns);

    const terminating = await waitFor(async () => {
      const current = await namespaces.get(ns);
      return conditions(current)['NamespaceContentRemaining']?.status === 'True' ? current : undefined;
    });
    assert.equal(terminating.status?.phase, 'Terminating');
    assert.deepEqual(terminating.spec?.finalizers, ['kubernetes']);
    assert.deepEqual(conditions(terminating), {
      NamespaceDeletionDiscoveryFailure: { type: 'NamespaceDeletionDiscoveryFailure', status: 'False', reason: 'ResourcesDiscovered', message: 'All resources successfully discovered' },
      NamespaceDeletionGroupVersionParsingFailure: {
        type: 'NamespaceDeletionGroupVersionParsingFailure',
        status: 'False',
        reason: 'ParsedGroupVersions',
        message: 'All legacy kube types successfully parsed',
      },
      NamespaceDeletionContentFailure: {
        type: 'NamespaceDeletionContentFailure',
        status: 'False',
        reason: 'ContentDeleted',
        message: 'All content successfully deleted, may be waiting on finalization',
      },
      NamespaceContentRemaining: {
        type: 'NamespaceContentRemaining',
        status: 'True',
        reason: 'SomeResourcesRemain',
        message: 'Some resources are remaining: configmaps. has 1 resource instances, pods. has 2 resource instances',
      },
      NamespaceFinalizersRemaining: {
        type: 'NamespaceFinalizersRemaining',
        status: 'True',
        reason: 'SomeFinalizerRemain',
        message: `Some finalizers are remaining: ${HOLD} in 3 resource instances`,
      },
    });
    for (const c of terminating.status?.conditions ?? []) assert.match(c.lastTransitionTime ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal(await getOrUndefined(() => r('', 'configmaps', ns).get('free')), undefined, 'unheld content is gone');

    // Creating content in a terminating namespace is refused.
    await assert.rejects(r('', 'configmaps', ns).create(configMap(ns, 'late')), /because it is being terminated/);

    await r('', 'configmaps', ns).patch('held', 'merge', { metadata: { finalizers: null } });
    for (const name of ['p-1', 'p-2']) await r('', 'pods', ns).patch(name, 'merge', { metadata: { finalizers: null } });
    await waitFor(namespaceGone(ns), { message: 'namespace removed after its content went' });
  });

  test('pods that never finish terminating: NamespaceDeletionContentFailure once their grace period passed', async () => {
    const ns = await freshNamespace();
    await r('', 'pods', ns).create({ ...pod(ns, 'stuck'), spec: { nodeName: 'gone-node', terminationGracePeriodSeconds: 1, containers: [{ name: 'c', image: 'busybox' }] } });
    await namespaces.delete(ns);
    const failing = await waitFor(
      async () => {
        const current = await namespaces.get(ns);
        return conditions(current)['NamespaceDeletionContentFailure']?.status === 'True' ? current : undefined;
      },
      { timeoutMs: 15_000 },
    );
    assert.deepEqual(conditions(failing)['NamespaceDeletionContentFailure'], {
      type: 'NamespaceDeletionContentFailure',
      status: 'True',
      reason: 'ContentDeletionFailed',
      message: `Failed to delete all resource types, 1 remaining: unexpected items still remain in namespace: ${ns} for gvr: /v1, Resource=pods`,
    });
    assert.equal(conditions(failing)['NamespaceContentRemaining']?.message, 'Some resources are remaining: pods. has 1 resource instances');
    // What a dead node's kubelet would have done.
    await r('', 'pods', ns).delete('stuck', { gracePeriodSeconds: 0 });
    await waitFor(namespaceGone(ns), { timeoutMs: 15_000, message: 'namespace removed once the pod went' });
  });

  test('metadata finalizers on the namespace keep it after the controller released it', async () => {
    const ns = await freshNamespace({ finalizers: [HOLD] });
    await r('', 'configmaps', ns).create(configMap(ns, 'cm'));
    await namespaces.delete(ns);
    const released = await waitFor(async () => {
      const current = await namespaces.get(ns);
      return (current.spec?.finalizers ?? []).length === 0 ? current : undefined;
    });
    assert.deepEqual(released.metadata.finalizers, [HOLD]);
    assert.equal((await r('', 'configmaps', ns).list({})).items.length, 0);
    assert.equal(conditions(released)['NamespaceContentRemaining']?.status, 'False');
    await namespaces.patch(ns, 'merge', { metadata: { finalizers: null } });
    await waitFor(namespaceGone(ns));
  });

  test('discovery failures and unparsable group versions become conditions; what was found is still deleted', async () => {
    const ns = await freshNamespace();
    await r('', 'configmaps', ns).create(configMap(ns, 'cm'));
    await namespaces.patch(ns, 'merge', { metadata: { finalizers: [HOLD] } });
    // A namespace marked for deletion that the controller has not started on.
    const deleter = new NamespacedResourcesDeleter({
      client: t.client,
      clock: realClock,
      finalizerToken: 'kite.test/other-token',
      discover: async () => {
        const real = await discoverNamespacedResources(t.client.transport);
        return {
          resources: real.resources,
          parseErrors: [new GroupVersionParseError('a/b/c')],
          discoveryError: new GroupDiscoveryFailedError(new Map([['metrics.k8s.io/v1beta1', new Error('the server is currently unable to handle the request')]])),
        };
      },
    });
    await namespaces.subresource(ns, 'finalize', 'PUT', { ...(await namespaces.get(ns)), spec: { finalizers: ['kubernetes', 'kite.test/other-token'] } });
    await namespaces.delete(ns);
    await assert.rejects(deleter.delete(ns), /unable to retrieve the complete list of server APIs/);
    const current = await namespaces.get(ns);
    assert.deepEqual(conditions(current)['NamespaceDeletionDiscoveryFailure'], {
      type: 'NamespaceDeletionDiscoveryFailure',
      status: 'True',
      reason: 'DiscoveryFailed',
      message:
        'Discovery failed for some groups, 1 failing: unable to retrieve the complete list of server APIs: metrics.k8s.io/v1beta1: the server is currently unable to handle the request',
    });
    assert.deepEqual(conditions(current)['NamespaceDeletionGroupVersionParsingFailure'], {
      type: 'NamespaceDeletionGroupVersionParsingFailure',
      status: 'True',
      reason: 'GroupVersionParsingFailed',
      message: 'unexpected GroupVersion string: a/b/c',
    });
    assert.equal((await r('', 'configmaps', ns).list({})).items.length, 0, 'discovered content was deleted');
    assert.ok(current.spec?.finalizers?.includes('kite.test/other-token'), 'not finalized while discovery fails');
    await namespaces.subresource(ns, 'finalize', 'PUT', { ...current, spec: { finalizers: [] } });
    await namespaces.patch(ns, 'merge', { metadata: { finalizers: null } });
    await waitFor(namespaceGone(ns));
  });
});
