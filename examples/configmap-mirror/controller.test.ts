// MirrorController's sync, table-driven, the way Kubernetes controllers are unit-tested:
// informer caches seeded directly (the informers never run), writes going to the library's
// FakeResourceClient (which records them), events to a recording EventRecorder; each case
// calls sync(key) and compares the recorded actions and events. No server, no timers.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  builtinRef,
  FakeListerWatcher,
  FakeResourceClient,
  newSharedIndexInformer,
  type corev1,
  type EventRecorder,
} from '../../src/client/index.js';
import { MirrorController } from './controller.js';

type ConfigMap = corev1.ConfigMap;
type Namespace = corev1.Namespace;

const SRC = 'platform';

function namespace(name: string, phase = 'Active'): Namespace {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name }, status: { phase } };
}

function source(name: string, data: Record<string, string> = { k: 'v' }, labels: Record<string, string> = { 'mirror.kite.dev/enabled': 'true' }): ConfigMap {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: SRC, uid: `uid-${name}`, resourceVersion: '1', labels }, data };
}

function copy(name: string, ns: string, data: Record<string, string> = { k: 'v' }): ConfigMap {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name,
      namespace: ns,
      uid: `uid-${ns}-${name}`,
      resourceVersion: '5',
      labels: { 'mirror.kite.dev/copy': 'true' },
      annotations: { 'mirror.kite.dev/source': `${SRC}/${name}` },
    },
    data,
  };
}

function foreign(name: string, ns: string): ConfigMap {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns, uid: `uid-${ns}-${name}`, resourceVersion: '7' }, data: { mine: 'yes' } };
}

interface Case {
  readonly name: string;
  readonly namespaces: Namespace[];
  readonly configMaps: ConfigMap[];
  readonly key: string;
  /** verb namespace/name, in order. */
  readonly actions: string[];
  readonly events: string[];
}

const cases: Case[] = [
  {
    name: 'a new source is copied into every active namespace but its own and the system ones',
    namespaces: [namespace(SRC), namespace('a'), namespace('b'), namespace('kube-system'), namespace('gone', 'Terminating')],
    configMaps: [source('cfg')],
    key: `${SRC}/cfg`,
    actions: ['create a/cfg', 'create b/cfg'],
    events: ['Normal Mirrored Created copies in a, b'],
  },
  {
    name: 'an up-to-date copy is left alone; a stale one is updated',
    namespaces: [namespace(SRC), namespace('a'), namespace('b')],
    configMaps: [source('cfg', { k: 'new' }), copy('cfg', 'a', { k: 'new' }), copy('cfg', 'b', { k: 'old' })],
    key: `${SRC}/cfg`,
    actions: ['update b/cfg'],
    events: ['Normal Mirrored Updated copies in b'],
  },
  {
    name: 'a ConfigMap that is not a copy is never overwritten',
    namespaces: [namespace(SRC), namespace('a')],
    configMaps: [source('cfg'), foreign('cfg', 'a')],
    key: `${SRC}/cfg`,
    actions: [],
    events: ['Warning Conflict namespace a has a ConfigMap named cfg that is not a copy; left alone'],
  },
  {
    name: 'a source that lost its label has its copies deleted',
    namespaces: [namespace(SRC), namespace('a')],
    configMaps: [source('cfg', { k: 'v' }, {}), copy('cfg', 'a')],
    key: `${SRC}/cfg`,
    actions: ['delete a/cfg'],
    events: [],
  },
  {
    name: 'a deleted source has its copies deleted; copies in a terminating namespace too',
    namespaces: [namespace(SRC), namespace('a'), namespace('b', 'Terminating')],
    configMaps: [copy('cfg', 'a'), copy('cfg', 'b')],
    key: `${SRC}/cfg`,
    actions: ['delete a/cfg', 'delete b/cfg'],
    events: [],
  },
  {
    name: 'a labelled ConfigMap outside the source namespace is not a source',
    namespaces: [namespace(SRC), namespace('a')],
    configMaps: [{ ...source('cfg'), metadata: { ...source('cfg').metadata, namespace: 'a' } }],
    key: 'a/cfg',
    actions: [],
    events: [],
  },
];

function recordingRecorder(events: string[]): EventRecorder {
  return {
    event: (_obj, type, reason, message) => events.push(`${type} ${reason} ${message}`),
    annotatedEvent: (_obj, _annotations, type, reason, message) => events.push(`${type} ${reason} ${message}`),
  };
}

describe('MirrorController.sync', () => {
  for (const c of cases) {
    test(c.name, async () => {
      const configMapInformer = newSharedIndexInformer<ConfigMap>(new FakeListerWatcher<ConfigMap>());
      const namespaceInformer = newSharedIndexInformer<Namespace>(new FakeListerWatcher<Namespace>());
      const writes = new FakeResourceClient<ConfigMap>(builtinRef('', 'configmaps'));
      const events: string[] = [];
      const controller = new MirrorController({ configMaps: writes, configMapInformer, namespaceInformer, recorder: recordingRecorder(events), sourceNamespace: SRC });
      for (const ns of c.namespaces) namespaceInformer.getIndexer().add(ns);
      // The fake server holds what the cache holds (with the server's resourceVersions), so
      // updates and deletes find their object.
      for (const cm of c.configMaps) configMapInformer.getIndexer().add(writes.server.create(cm));

      await controller.sync(c.key);

      const actions = writes.actions.filter((a) => a.verb !== 'get').map((a) => `${a.verb} ${a.namespace}/${a.name ?? (a.body as ConfigMap).metadata.name}`);
      assert.deepEqual(actions, c.actions);
      assert.deepEqual(events, c.events);
    });
  }

  test('handlers only enqueue keys: a source, the source of a copy, every source on a new namespace', () => {
    const configMapInformer = newSharedIndexInformer<ConfigMap>(new FakeListerWatcher<ConfigMap>());
    const namespaceInformer = newSharedIndexInformer<Namespace>(new FakeListerWatcher<Namespace>());
    const controller = new MirrorController({
      configMaps: new FakeResourceClient<ConfigMap>(builtinRef('', 'configmaps')),
      configMapInformer,
      namespaceInformer,
      recorder: recordingRecorder([]),
      sourceNamespace: SRC,
    });
    // Drive the informers' stores the way a relist would, so their handlers fire.
    configMapInformer.replace([source('cfg'), copy('other', 'a'), foreign('x', 'a')], '10');
    assert.equal(controller.queue.len(), 2);
    namespaceInformer.replace([namespace('new')], '11');
    assert.equal(controller.queue.len(), 2, 'keys already queued are not queued twice');
  });
});
