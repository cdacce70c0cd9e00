import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseLabelSelector } from '../../api/labels/index.js';
import type { KubeObject } from '../../api/meta.js';
import type { ListerWatcher, ResourceRef } from '../contract.js';
import { FakeClock, settle } from '../workqueue/clock.js';
import { SharedInformerFactory, waitForCacheSync } from './factory.js';
import { FakeListerWatcher } from './fake-lister-watcher.js';
import { pod, recordingHandler } from './fixtures.js';
import { NAMESPACE_INDEX, newIndexer, OWNER_UID_INDEX, ownerUidIndexFunc } from './indexer.js';
import { CacheLister } from './lister.js';

const PODS: ResourceRef = { group: '', version: 'v1', resource: 'pods', kind: 'Pod', namespaced: true };
const NODES: ResourceRef = { group: '', version: 'v1', resource: 'nodes', kind: 'Node', namespaced: false };
const DEPLOYMENTS: ResourceRef = { group: 'apps', version: 'v1', resource: 'deployments', kind: 'Deployment', namespaced: true };

describe('Lister', () => {
  const ix = newIndexer({ [NAMESPACE_INDEX]: (o: KubeObject) => [o.metadata.namespace ?? ''] });
  ix.add(pod('a', 'ns1', { app: 'web' }));
  ix.add(pod('b', 'ns1', { app: 'db' }));
  ix.add(pod('c', 'ns2', { app: 'web' }));
  ix.add({ metadata: { name: 'node-1', labels: { zone: 'z1' } } });
  const lister = new CacheLister(ix);
  const names = (os: KubeObject[]): string[] => os.map((o) => o.metadata.name!).sort();

  const cases: [string, () => KubeObject[], string[]][] = [
    ['all', () => lister.list(), ['a', 'b', 'c', 'node-1']],
    ['selector string', () => lister.list('app=web'), ['a', 'c']],
    ['parsed selector', () => lister.list(parseLabelSelector('app in (web,db),app!=db')), ['a', 'c']],
    ['namespace', () => lister.byNamespace('ns1').list(), ['a', 'b']],
    ['namespace + selector', () => lister.byNamespace('ns1').list('app=web'), ['a']],
    ['all namespaces', () => lister.byNamespace('').list('app'), ['a', 'b', 'c']],
  ];
  for (const [name, run, want] of cases) test(name, () => assert.deepEqual(names(run()), want));

  test('get', () => {
    assert.equal(lister.get('ns1', 'a')?.metadata.name, 'a');
    assert.equal(lister.byNamespace('ns2').get('c')?.metadata.name, 'c');
    assert.equal(lister.get('', 'node-1')?.metadata.name, 'node-1');
    assert.equal(lister.get('ns2', 'a'), undefined);
  });

  test('a store without the namespace index is scanned', () => {
    const plain = newIndexer();
    plain.add(pod('a', 'ns1'));
    plain.add(pod('b', 'ns2'));
    assert.deepEqual(names(new CacheLister(plain).byNamespace('ns2').list()), ['b']);
  });
});

describe('SharedInformerFactory', () => {
  function setup(): {
    factory: SharedInformerFactory;
    servers: Map<string, FakeListerWatcher>;
    namespaced: string[];
    clock: FakeClock;
  } {
    const servers = new Map<string, FakeListerWatcher>();
    const namespaced: string[] = [];
    const clock = new FakeClock();
    const factory = new SharedInformerFactory({
      clock,
      reflector: { random: () => 0, backoff: { jitter: 0 } },
      client: (ref) => {
        let lw = servers.get(ref.resource);
        if (!lw) servers.set(ref.resource, (lw = new FakeListerWatcher()));
        const server = lw;
        return {
          list: (o) => server.list(o),
          watch: (o, cb) => server.watch(o, cb),
          namespace: (ns): ListerWatcher<KubeObject> => {
            namespaced.push(ns);
            return {
              list: async (o) => {
                const l = await server.list(o);
                return { ...l, items: l.items.filter((i) => i.metadata.namespace === ns) };
              },
              watch: (o, cb) => server.watch(o, (e) => (e.type === 'BOOKMARK' || e.object.metadata.namespace === ns ? cb(e) : undefined)),
            };
          },
        };
      },
    });
    return { factory, servers, namespaced, clock };
  }

  test('one informer per resource variant, shared by every caller', () => {
    const { factory } = setup();
    const a = factory.informerFor(PODS);
    assert.equal(factory.informerFor(PODS), a);
    assert.notEqual(factory.informerFor(PODS, { namespace: 'kube-system' }), a);
    assert.notEqual(factory.informerFor(PODS, { labelSelector: 'app=web' }), a);
    assert.notEqual(factory.informerFor(DEPLOYMENTS), a);
    // Cluster-scoped resources ignore a namespace.
    assert.equal(factory.informerFor(NODES, { namespace: 'x' }), factory.informerFor(NODES));
  });

  test('start, sync, selectors reach the server, listers read the cache, shutdown stops', async () => {
    const { factory, servers, namespaced } = setup();
    const pods = factory.informerFor(PODS, { indexers: { [OWNER_UID_INDEX]: ownerUidIndexFunc } });
    factory.informerFor(PODS, { namespace: 'ns1' });
    factory.informerFor(DEPLOYMENTS, { labelSelector: 'tier=fe', fieldSelector: 'metadata.name=x' });
    servers.get('pods')!.create(pod('a', 'ns1'));
    servers.get('pods')!.create(pod('b', 'ns2'));
    const calls: string[] = [];
    pods.addEventHandler(recordingHandler(calls));

    const ac = new AbortController();
    factory.start(ac.signal);
    const synced = await factory.waitForCacheSync();
    assert.deepEqual([...synced.values()], [true, true, true]);
    assert.deepEqual(calls, ['add ns1/a@101 initial', 'add ns2/b@102 initial']);
    assert.deepEqual(namespaced, ['ns1']);
    assert.deepEqual(Object.keys(pods.getIndexer().getIndexers()).sort(), [NAMESPACE_INDEX, OWNER_UID_INDEX].sort());

    const dl = servers.get('deployments')!;
    assert.equal(dl.listCalls[0]!.labelSelector, 'tier=fe');
    assert.equal(dl.watchCalls[0]!.fieldSelector, 'metadata.name=x');

    const nsLister = factory.listerFor(PODS, { namespace: 'ns1' });
    assert.deepEqual(nsLister.list().map((p) => p.metadata.name), ['a']);
    assert.equal(factory.listerFor(PODS).get('ns2', 'b')?.kind, 'Pod');

    await factory.shutdown();
    assert.equal(servers.get('pods')!.activeWatches, 0);
    assert.equal(pods.isStopped(), true);
  });

  test('waitForCacheSync helper polls hasSynced on the clock', async () => {
    const clock = new FakeClock();
    let ready = false;
    let result: boolean | undefined;
    void waitForCacheSync(undefined, [() => true, () => ready], clock).then((r) => (result = r));
    await clock.advance(300);
    assert.equal(result, undefined);
    ready = true;
    await clock.advance(100);
    assert.equal(result, true);
    const ac = new AbortController();
    const p = waitForCacheSync(ac.signal, [() => false], clock);
    ac.abort();
    assert.equal(await p, false);
    await settle();
  });
});
