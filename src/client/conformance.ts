// The shared client suite: every verb of the typed client against a real kite, as node:test
// tests, run once per transport — in-process (src/client/in-process.test.ts) and over HTTP
// against a `kite server` process (test/e2e/client-http.test.ts). A transport's test file
// calls clientConformance with a function that starts a server of the given storage and
// returns a client for it; every describe works in its own namespace.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { StatusError } from '../api/errors.js';
import type { KubeObject, Status } from '../api/meta.js';
import type { appsv1, autoscalingv1, corev1 } from '../api/types/index.js';
import { builtinRef } from './builtin-resources.js';
import type { Client } from './client.js';
import type { WatchEvent, WatchStream } from './contract.js';

export interface ClientTestServer {
  /** A client of the server (a new one after restartCompacted). */
  client(): Client;
  /** Restarts the server with its whole storage history compacted (sqlite servers only). */
  restartCompacted(): Promise<void>;
  stop(): Promise<void>;
}

export type StartServer = (storage: 'memory' | 'sqlite') => Promise<ClientTestServer>;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until check passes (it throws until then). */
async function eventually(check: () => void, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await sleep(10);
    }
  }
}

function isStatusError(code: number, reason?: string): (err: unknown) => boolean {
  return (err) => {
    assert.ok(err instanceof StatusError, `expected a StatusError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    if (reason) assert.equal(err.reason, reason, err.message);
    return true;
  };
}

/** Runs a read-modify-write until it does not conflict (a few tries). */
async function retryOnConflict<T>(write: () => Promise<T>, tries = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await write();
    } catch (err) {
      if (!(err instanceof StatusError) || err.code !== 409 || i >= tries) throw err;
    }
  }
}

/** A watch whose events are collected. */
function collect<T extends KubeObject>(start: (onEvent: (e: WatchEvent<T>) => void) => WatchStream): { events: WatchEvent<T>[]; stream: WatchStream } {
  const events: WatchEvent<T>[] = [];
  return { events, stream: start((e) => events.push(e)) };
}

const names = (events: readonly WatchEvent<KubeObject>[]) => events.map((e) => `${e.type} ${e.object.metadata.name ?? ''}`);

function deployment(name: string, replicas = 1): appsv1.Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] },
      },
    },
  };
}

function pod(name: string): corev1.Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'busybox' }] } };
}

function configMap(name: string, labels?: Record<string, string>, data: Record<string, string> = { k: 'v' }): corev1.ConfigMap {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels }, data };
}

export function clientConformance(name: string, start: StartServer): void {
  describe(`${name}: client conformance`, () => {
    let server: ClientTestServer;
    let client: Client;
    before(async () => {
      server = await start('memory');
      client = server.client();
    });
    after(() => server?.stop());

    /** Creates a namespace for one describe. */
    const namespace = async (ns: string) => {
      await client.core.namespaces().create({ metadata: { name: ns } });
      return ns;
    };

    describe('create, get, list', () => {
      const ns = 'client-crud';
      before(() => namespace(ns));

      test('create answers the stored object, recorded under the client\'s field manager', async () => {
        const created = await client.core.configmaps(ns).create(configMap('first'));
        assert.equal(created.metadata.namespace, ns);
        assert.ok(created.metadata.uid);
        assert.ok(created.metadata.resourceVersion);
        assert.equal((created.metadata.managedFields?.[0] as { manager?: string } | undefined)?.manager, client.fieldManager);
        const got = await client.core.configmaps(ns).get('first');
        assert.deepEqual(got.data, { k: 'v' });
        assert.equal(got.metadata.uid, created.metadata.uid);
      });

      test('create falls back to the object\'s namespace; AlreadyExists and NotFound are StatusErrors', async () => {
        await client.core.configmaps().create({ ...configMap('second'), metadata: { name: 'second', namespace: ns } });
        await assert.rejects(client.core.configmaps(ns).create(configMap('second')), isStatusError(409, 'AlreadyExists'));
        await assert.rejects(client.core.configmaps(ns).get('missing'), isStatusError(404, 'NotFound'));
        await assert.rejects(client.core.configmaps('no-such-namespace').create(configMap('x')), isStatusError(404, 'NotFound'));
      });

      test('invalid objects are 422 Invalid with causes', async () => {
        const bad = { ...deployment('bad'), spec: { ...deployment('bad').spec!, replicas: -1 } };
        await assert.rejects(client.apps.deployments(ns).create(bad), (err) => {
          isStatusError(422, 'Invalid')(err);
          assert.ok((err as StatusError).details?.causes?.some((c) => c.field === 'spec.replicas'));
          return true;
        });
      });

      test('dry run: answered, not stored', async () => {
        const answered = await client.core.configmaps(ns).create(configMap('dry'), { dryRun: true });
        assert.equal(answered.metadata.name, 'dry');
        await assert.rejects(client.core.configmaps(ns).get('dry'), isStatusError(404));
      });

      test('list with label and field selectors, in a namespace and across namespaces', async () => {
        for (const [n, tier] of [['sel-a', 'web'], ['sel-b', 'web'], ['sel-c', 'db']]) await client.core.configmaps(ns).create(configMap(n, { tier }));
        const web = await client.core.configmaps(ns).list({ labelSelector: 'tier=web' });
        assert.deepEqual(web.items.map((i) => i.metadata.name).sort(), ['sel-a', 'sel-b']);
        assert.ok(web.metadata.resourceVersion);
        const notWeb = await client.core.configmaps(ns).list({ labelSelector: 'tier,tier!=web' });
        assert.deepEqual(notWeb.items.map((i) => i.metadata.name), ['sel-c']);
        const byName = await client.core.configmaps().list({ fieldSelector: `metadata.name=sel-b,metadata.namespace=${ns}` });
        assert.deepEqual(byName.items.map((i) => `${i.metadata.namespace}/${i.metadata.name}`), [`${ns}/sel-b`]);
        const everywhere = await client.core.configmaps().list({ labelSelector: 'tier' });
        assert.equal(everywhere.items.length, 3);
      });

      test('pagination: limit and continue walk a consistent list', async () => {
        for (let i = 0; i < 7; i++) await client.core.configmaps(ns).create(configMap(`page-${i}`, { paged: 'yes' }));
        const seen: string[] = [];
        let page = await client.core.configmaps(ns).list({ labelSelector: 'paged=yes', limit: 3 });
        const rv = page.metadata.resourceVersion;
        assert.ok(page.metadata.continue);
        // A write between pages does not show up in later pages.
        await client.core.configmaps(ns).create(configMap('page-9', { paged: 'yes' }));
        for (;;) {
          seen.push(...page.items.map((i) => i.metadata.name!));
          if (!page.metadata.continue) break;
          page = await client.core.configmaps(ns).list({ labelSelector: 'paged=yes', limit: 3, continue: page.metadata.continue });
          assert.equal(page.metadata.resourceVersion, rv);
        }
        assert.deepEqual(seen, ['page-0', 'page-1', 'page-2', 'page-3', 'page-4', 'page-5', 'page-6']);
      });

      test('cluster-scoped resources', async () => {
        const node = await client.core.nodes().create({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'client-node-1', labels: { pool: 'client-test' } } });
        assert.equal(node.metadata.namespace, undefined);
        const listed = await client.core.nodes().list({ labelSelector: 'pool=client-test' });
        assert.deepEqual(listed.items.map((n) => n.metadata.name), ['client-node-1']);
        await client.core.nodes().delete('client-node-1');
        await assert.rejects(client.core.nodes().get('client-node-1'), isStatusError(404));
      });

      test('any resource through its ResourceRef', async () => {
        const generic = client.resource<appsv1.Deployment>(builtinRef('apps', 'Deployment'), ns);
        const d = await generic.create(deployment('generic'));
        assert.equal(d.kind, 'Deployment');
        assert.equal((await client.apps.deployments(ns).get('generic')).spec?.replicas, 1);
      });
    });

    describe('update, updateStatus, conflicts', () => {
      const ns = 'client-update';
      before(() => namespace(ns));

      test('update with the read resourceVersion succeeds; with a stale one it is 409 Conflict', async () => {
        const cms = client.core.configmaps(ns);
        const v1 = await cms.create(configMap('cm'));
        const v2 = await cms.update({ ...v1, data: { k: 'v2' } });
        assert.notEqual(v2.metadata.resourceVersion, v1.metadata.resourceVersion);
        await assert.rejects(cms.update({ ...v1, data: { k: 'stale' } }), isStatusError(409, 'Conflict'));
        assert.deepEqual((await cms.get('cm')).data, { k: 'v2' });
      });

      // A ClusterIP Service: no controller writes its status, so the test owns every write.
      test('updateStatus writes status only; update leaves status alone', async () => {
        const svcs = client.core.services(ns);
        const svc = await svcs.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'status' }, spec: { selector: { app: 'x' }, ports: [{ port: 80 }] } });
        const lb = { loadBalancer: { ingress: [{ ip: '192.0.2.10' }] } };
        const withStatus = await svcs.updateStatus({ ...svc, spec: { ...svc.spec!, selector: { app: 'changed' } }, status: lb });
        assert.deepEqual(withStatus.status?.loadBalancer?.ingress?.map((i) => i.ip), ['192.0.2.10']);
        assert.deepEqual(withStatus.spec?.selector, { app: 'x' }, 'the status subresource ignores spec');
        const updated = await svcs.update({ ...withStatus, spec: { ...withStatus.spec!, selector: { app: 'y' } }, status: { loadBalancer: {} } });
        assert.deepEqual(updated.spec?.selector, { app: 'y' });
        assert.deepEqual(updated.status?.loadBalancer?.ingress?.map((i) => i.ip), ['192.0.2.10'], 'the main resource ignores status');
      });
    });

    describe('patch', () => {
      const ns = 'client-patch';
      before(async () => {
        await namespace(ns);
        await client.apps.deployments(ns).create(deployment('web'));
      });

      test('JSON patch', async () => {
        const d = await client.apps.deployments(ns).patch('web', 'json', [{ op: 'replace', path: '/spec/replicas', value: 2 }]);
        assert.equal(d.spec?.replicas, 2);
        await assert.rejects(client.apps.deployments(ns).patch('web', 'json', [{ op: 'test', path: '/spec/replicas', value: 5 }]), isStatusError(422));
      });

      test('merge patch (null deletes)', async () => {
        const d = await client.apps.deployments(ns).patch('web', 'merge', { metadata: { labels: { app: 'web', extra: 'yes' } } });
        assert.equal(d.metadata.labels?.extra, 'yes');
        const d2 = await client.apps.deployments(ns).patch('web', 'merge', { metadata: { labels: { extra: null } } });
        assert.equal(d2.metadata.labels?.extra, undefined);
      });

      test('strategic merge patch merges containers by name', async () => {
        const d = await client.apps.deployments(ns).patch('web', 'strategic', {
          spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:1.28' }, { name: 'sidecar', image: 'envoy' }] } } },
        });
        const containers = d.spec!.template.spec!.containers;
        assert.deepEqual(containers.map((c) => [c.name, c.image]), [['web', 'nginx:1.28'], ['sidecar', 'envoy']]);
        assert.deepEqual(containers[0].ports?.map((p) => p.containerPort), [80], 'fields not in the patch are kept');
      });

      test('server-side apply: creates, records ownership, conflicts between managers, force', async () => {
        const deps = client.apps.deployments(ns);
        const applied = await deps.patch('applied', 'apply', deployment('applied', 3), { fieldManager: 'team-a' });
        assert.equal(applied.spec?.replicas, 3);
        const entry = (applied.metadata.managedFields as { manager: string; operation: string }[]).find((m) => m.manager === 'team-a');
        assert.equal(entry?.operation, 'Apply');
        const other = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'applied' }, spec: { replicas: 5 } };
        await assert.rejects(deps.patch('applied', 'apply', other, { fieldManager: 'team-b' }), isStatusError(409, 'Conflict'));
        const forced = await deps.patch('applied', 'apply', other, { fieldManager: 'team-b', force: true });
        assert.equal(forced.spec?.replicas, 5);
      });

      test('patch of a subresource (scale) and of a missing object', async () => {
        const scale = await client.apps.deployments(ns).patch('web', 'merge', { spec: { replicas: 4 } }, { subresource: 'scale' });
        assert.equal(scale.kind, 'Scale');
        assert.equal((await client.apps.deployments(ns).get('web')).spec?.replicas, 4);
        await assert.rejects(client.apps.deployments(ns).patch('missing', 'merge', {}), isStatusError(404));
      });
    });

    describe('delete', () => {
      const ns = 'client-delete';
      before(() => namespace(ns));

      test('without finalizers: gone, answered with a Success Status', async () => {
        await client.core.configmaps(ns).create(configMap('plain'));
        const answer = (await client.core.configmaps(ns).delete('plain')) as Status;
        assert.equal(answer.kind, 'Status');
        assert.equal(answer.status, 'Success');
        await assert.rejects(client.core.configmaps(ns).get('plain'), isStatusError(404));
        await assert.rejects(client.core.configmaps(ns).delete('plain'), isStatusError(404));
      });

      test('with a finalizer: the object remains, marked for deletion, until the finalizer is removed', async () => {
        const cms = client.core.configmaps(ns);
        await cms.create({ ...configMap('held'), metadata: { name: 'held', finalizers: ['example.com/hold'] } });
        const answer = (await cms.delete('held')) as corev1.ConfigMap;
        assert.equal(answer.kind, 'ConfigMap');
        assert.ok(answer.metadata.deletionTimestamp);
        assert.ok((await cms.get('held')).metadata.deletionTimestamp);
        await cms.patch('held', 'merge', { metadata: { finalizers: null } });
        await assert.rejects(cms.get('held'), isStatusError(404));
      });

      test('preconditions: a wrong uid is a 409 Conflict', async () => {
        await client.core.configmaps(ns).create(configMap('pre'));
        await assert.rejects(client.core.configmaps(ns).delete('pre', { preconditions: { uid: 'not-the-uid' } }), isStatusError(409));
        assert.ok(await client.core.configmaps(ns).get('pre'));
      });

      test('deleteCollection deletes what the selector matches', async () => {
        const cms = client.core.configmaps(ns);
        for (const n of ['dc-1', 'dc-2', 'dc-3']) await cms.create(configMap(n, { batch: 'x' }));
        await cms.create(configMap('dc-keep', { batch: 'y' }));
        await cms.deleteCollection({ labelSelector: 'batch=x' });
        const left = await cms.list({ labelSelector: 'batch' });
        assert.deepEqual(left.items.map((i) => i.metadata.name), ['dc-keep']);
      });
    });

    describe('subresources', () => {
      const ns = 'client-subresources';
      before(() => namespace(ns));

      test('scale: GET and PUT autoscaling/v1 Scale', async () => {
        const deps = client.apps.deployments(ns);
        await deps.create(deployment('scaled', 2));
        const scale = await deps.subresource<autoscalingv1.Scale>('scaled', 'scale', 'GET');
        assert.equal(scale.kind, 'Scale');
        assert.equal(scale.spec?.replicas, 2);
        assert.equal(scale.status?.selector, 'app=scaled');
        // The deployment controller may write the deployment meanwhile: read-modify-write
        // until the write lands, as client-go's RetryOnConflict does.
        const put = await retryOnConflict(async () => {
          const fresh = await deps.subresource<autoscalingv1.Scale>('scaled', 'scale', 'GET');
          return deps.subresource<autoscalingv1.Scale>('scaled', 'scale', 'PUT', { ...fresh, spec: { replicas: 6 } });
        });
        assert.equal(put.spec?.replicas, 6);
        assert.equal((await deps.get('scaled')).spec?.replicas, 6);
        await assert.rejects(deps.subresource('scaled', 'scale', 'PUT', { ...scale, spec: { replicas: 1 } }), isStatusError(409, 'Conflict'));
      });

      // Known server bug (not the client's): kite validates the binding's pod write as a pod
      // update, whose immutability rule refuses setting spec.nodeName (422). Kubernetes' binding
      // writes the pod without update validation.
      test('binding: assigns a pod to a node once', { todo: 'kite answers 422 to pods/binding (pod update validation)' }, async () => {
        const pods = client.core.pods(ns);
        await pods.create(pod('bound'));
        const binding = { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'bound' }, target: { apiVersion: 'v1', kind: 'Node', name: 'node-7' } };
        await pods.subresource('bound', 'binding', 'POST', binding);
        const p = await pods.get('bound');
        assert.equal(p.spec?.nodeName, 'node-7');
        assert.ok(p.status?.conditions?.some((c) => c.type === 'PodScheduled' && c.status === 'True'));
        await assert.rejects(pods.subresource('bound', 'binding', 'POST', binding), isStatusError(409, 'Conflict'));
      });

      test('unknown subresources are 404', async () => {
        await assert.rejects(client.core.configmaps(ns).subresource('x', 'scale', 'GET'), isStatusError(404));
      });
    });

    describe('watch', () => {
      const ns = 'client-watch';
      before(() => namespace(ns));

      test('from a list\'s resourceVersion: every later change, in order, typed', async () => {
        const cms = client.core.configmaps(ns);
        const list = await cms.list({});
        const { events, stream } = collect<corev1.ConfigMap>((on) => cms.watch({ resourceVersion: list.metadata.resourceVersion }, on));
        try {
          const a = await cms.create(configMap('w-a'));
          await cms.update({ ...a, data: { k: 'changed' } });
          await cms.delete('w-a');
          await eventually(() => assert.deepEqual(names(events), ['ADDED w-a', 'MODIFIED w-a', 'DELETED w-a']));
          assert.equal(events[1].object.data?.k, 'changed');
          const rvs = events.map((e) => Number(e.object.metadata.resourceVersion));
          assert.deepEqual(rvs, [...rvs].sort((x, y) => x - y));
        } finally {
          stream.close();
        }
        await stream.done;
      });

      test('resuming from the last seen resourceVersion misses nothing and repeats nothing', async () => {
        const cms = client.core.configmaps(ns);
        const start = (await cms.list({})).metadata.resourceVersion;
        const first = collect<corev1.ConfigMap>((on) => cms.watch({ resourceVersion: start, labelSelector: 'resume' }, on));
        await cms.create(configMap('r-1', { resume: 'y' }));
        await cms.create(configMap('r-2', { resume: 'y' }));
        await eventually(() => assert.equal(first.events.length, 2));
        first.stream.close();
        await first.stream.done;
        const last = first.events[1].object.metadata.resourceVersion;
        // Changes while nobody watches.
        await cms.create(configMap('r-3', { resume: 'y' }));
        await cms.delete('r-1');
        const second = collect<corev1.ConfigMap>((on) => cms.watch({ resourceVersion: last, labelSelector: 'resume' }, on));
        try {
          await eventually(() => assert.deepEqual(names(second.events), ['ADDED r-3', 'DELETED r-1']));
          await sleep(50);
          assert.equal(second.events.length, 2);
        } finally {
          second.stream.close();
        }
      });

      test('without a resourceVersion: the current state as ADDED events first', async () => {
        const cms = client.core.configmaps(ns);
        await cms.create(configMap('s-1', { state: 'y' }));
        await cms.create(configMap('s-2', { state: 'y' }));
        const { events, stream } = collect<corev1.ConfigMap>((on) => cms.watch({ labelSelector: 'state' }, on));
        try {
          await eventually(() => assert.deepEqual(names(events).sort(), ['ADDED s-1', 'ADDED s-2']));
        } finally {
          stream.close();
        }
      });

      test('sendInitialEvents ends the initial state with a bookmark', async () => {
        const cms = client.core.configmaps(ns);
        const { events, stream } = collect<corev1.ConfigMap>((on) =>
          cms.watch({ labelSelector: 'state', sendInitialEvents: true, resourceVersionMatch: 'NotOlderThan', allowWatchBookmarks: true }, on),
        );
        try {
          await eventually(() => assert.equal(events.at(-1)?.type, 'BOOKMARK'));
          assert.equal(events.at(-1)!.object.metadata.annotations?.['k8s.io/initial-events-end'], 'true');
          assert.equal(events.filter((e) => e.type === 'ADDED').length, 2);
        } finally {
          stream.close();
        }
      });

      test('the server ending the watch (timeoutSeconds) resolves done', async () => {
        const w = client.core.configmaps(ns).watch({ timeoutSeconds: 1, resourceVersion: (await client.core.configmaps(ns).list({})).metadata.resourceVersion }, () => {});
        await w.done;
      });

      test('a bad request to watch rejects done with its StatusError', async () => {
        const w = client.core.configmaps(ns).watch({ resourceVersion: 'not-a-number' }, () => {});
        await assert.rejects(w.done, isStatusError(400));
      });
    });

    describe('410 Expired (sqlite, restarted with its history compacted)', () => {
      const ns = 'client-expired';
      let durable: ClientTestServer;
      let early = '';
      before(async () => {
        durable = await start('sqlite');
        const c = durable.client();
        await c.core.namespaces().create({ metadata: { name: ns } });
        early = (await c.core.configmaps(ns).create(configMap('early'))).metadata.resourceVersion!;
        for (let i = 0; i < 3; i++) await c.core.configmaps(ns).create(configMap(`later-${i}`));
        await durable.restartCompacted();
      });
      after(() => durable?.stop());

      test('a watch from a compacted resourceVersion: done rejects with 410 Expired, no event delivered', async () => {
        const events: unknown[] = [];
        const w = durable.client().core.configmaps(ns).watch({ resourceVersion: early }, (e) => events.push(e));
        await assert.rejects(w.done, (err) => {
          isStatusError(410, 'Expired')(err);
          assert.match((err as Error).message, /^too old resource version: /);
          return true;
        });
        assert.deepEqual(events, []);
      });

      test('an exact list of a compacted revision is 410 Expired; relisting and watching from there works', async () => {
        const cms = durable.client().core.configmaps(ns);
        await assert.rejects(cms.list({ resourceVersion: early, resourceVersionMatch: 'Exact' }), isStatusError(410, 'Expired'));
        const list = await cms.list({});
        assert.equal(list.items.length, 4);
        const { events, stream } = collect<corev1.ConfigMap>((on) => cms.watch({ resourceVersion: list.metadata.resourceVersion }, on));
        try {
          await cms.create(configMap('after-restart'));
          await eventually(() => assert.deepEqual(names(events), ['ADDED after-restart']));
        } finally {
          stream.close();
        }
      });
    });
  });
}
