import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { KubeObject } from '../../../api/meta.js';
import type { ReplicaSet, StatefulSet } from '../../../api/types/apps-v1.js';
import type { Pod, ReplicationController, Service } from '../../../api/types/core-v1.js';
import type { LabelSelector as LabelSelectorObject } from '../../../api/types/meta-v1.js';
import type { ResourceRef } from '../../../client/contract.js';
import { SharedInformerFactory } from '../../../client/informer/factory.js';
import { FakeListerWatcher } from '../../../client/informer/fake-lister-watcher.js';
import { defaultSelector, NO_SOURCES, sourcesFromInformers, sourcesFromLists, type SourceLists } from './default-selector.js';
import { pod } from './test-helpers.js';

const svc = (name: string, selector: Record<string, string> | undefined, namespace = 'default'): Service => ({ metadata: { name, namespace }, spec: selector ? { selector } : {} });
const rc = (name: string, selector: Record<string, string>): ReplicationController => ({ metadata: { name, namespace: 'default' }, spec: { selector } });
const rs = (name: string, selector: LabelSelectorObject): ReplicaSet => ({ metadata: { name, namespace: 'default' }, spec: { selector } });
const ss = (name: string, selector: LabelSelectorObject): StatefulSet => ({ metadata: { name, namespace: 'default' }, spec: { selector, template: {} } });
const owned = (apiVersion: string, kind: string, name: string, labels = { app: 'web', tier: 'fe' }): Pod => pod('p', { labels, owner: { apiVersion, kind, name } });

describe('defaultSelector', () => {
  const labels = { app: 'web', tier: 'fe' };
  const cases: { name: string; pod: Pod; sources: SourceLists; want: string }[] = [
    { name: 'nothing selects the pod', pod: pod('p', { labels }), sources: {}, want: '' },
    { name: 'a matching Service', pod: pod('p', { labels }), sources: { services: [svc('s', { app: 'web' })] }, want: 'app=web' },
    { name: 'Services merge', pod: pod('p', { labels }), sources: { services: [svc('s', { app: 'web' }), svc('t', { tier: 'fe' })] }, want: 'app=web,tier=fe' },
    { name: 'a Service that does not match', pod: pod('p', { labels }), sources: { services: [svc('s', { app: 'db' })] }, want: '' },
    { name: 'a Service of another namespace', pod: pod('p', { labels }), sources: { services: [svc('s', { app: 'web' }, 'other')] }, want: '' },
    { name: 'a Service without a selector selects nothing', pod: pod('p', { labels }), sources: { services: [svc('s', undefined)] }, want: '' },
    { name: 'a ReplicationController', pod: owned('v1', 'ReplicationController', 'rc1'), sources: { services: [svc('s', { tier: 'fe' })], replicationControllers: [rc('rc1', { app: 'web' })] }, want: 'app=web,tier=fe' },
    { name: 'a ReplicaSet adds its requirements', pod: owned('apps/v1', 'ReplicaSet', 'rs1'), sources: { services: [svc('s', { tier: 'fe' })], replicaSets: [rs('rs1', { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api'] }] })] }, want: 'app in (api,web),tier=fe' },
    { name: 'a StatefulSet', pod: owned('apps/v1', 'StatefulSet', 'ss1'), sources: { statefulSets: [ss('ss1', { matchLabels: { app: 'web' } })] }, want: 'app=web' },
    { name: 'a missing owner adds nothing', pod: owned('apps/v1', 'ReplicaSet', 'gone'), sources: { replicaSets: [rs('rs1', { matchLabels: { app: 'web' } })] }, want: '' },
    { name: 'an owner of another kind adds nothing', pod: owned('apps/v1', 'Deployment', 'rs1'), sources: { replicaSets: [rs('rs1', { matchLabels: { app: 'web' } })] }, want: '' },
    { name: 'an owner of another group version adds nothing', pod: owned('extensions/v1beta1', 'ReplicaSet', 'rs1'), sources: { replicaSets: [rs('rs1', { matchLabels: { app: 'web' } })] }, want: '' },
    { name: 'an invalid ReplicaSet selector adds nothing', pod: owned('apps/v1', 'ReplicaSet', 'rs1'), sources: { replicaSets: [rs('rs1', { matchExpressions: [{ key: 'app', operator: 'Nope' }] })] }, want: '' },
  ];
  for (const c of cases) test(c.name, () => assert.equal(defaultSelector(c.pod, sourcesFromLists(c.sources)).toString(), c.want));

  test('only the controller owner counts', () => {
    const p = pod('p', { labels });
    p.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs1', uid: 'u' }];
    assert.equal(defaultSelector(p, sourcesFromLists({ replicaSets: [rs('rs1', { matchLabels: { app: 'web' } })] })).isEmpty(), true);
  });

  test('NO_SOURCES gives the empty selector', () => assert.equal(defaultSelector(pod('p', { labels }), NO_SOURCES).isEmpty(), true));

  test('sourcesFromInformers reads the informer caches', async () => {
    const servers = new Map<string, FakeListerWatcher>();
    const server = (ref: ResourceRef): FakeListerWatcher => {
      let lw = servers.get(ref.resource);
      if (!lw) servers.set(ref.resource, (lw = new FakeListerWatcher()));
      return lw;
    };
    const factory = new SharedInformerFactory({
      client: (ref) => {
        const lw = server(ref);
        return { list: (o) => lw.list(o), watch: (o, cb) => lw.watch(o, cb), namespace: () => lw };
      },
    });
    const sources = sourcesFromInformers(factory);
    assert.deepEqual([...servers.keys()].sort(), ['replicasets', 'replicationcontrollers', 'services', 'statefulsets']);
    servers.get('services')!.create(svc('s', { tier: 'fe' }) as KubeObject);
    servers.get('replicasets')!.create(rs('rs1', { matchLabels: { app: 'web' } }) as KubeObject);
    const ac = new AbortController();
    factory.start(ac.signal);
    try {
      await factory.waitForCacheSync();
      assert.equal(defaultSelector(owned('apps/v1', 'ReplicaSet', 'rs1'), sources).toString(), 'app=web,tier=fe');
    } finally {
      await factory.shutdown();
    }
  });
});
