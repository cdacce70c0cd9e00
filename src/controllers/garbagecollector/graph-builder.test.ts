// Table-driven tests of the ownership graph: a sequence of informer (or virtual) events in,
// the graph's shape and the work it queued out.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { KubeObject, OwnerReference } from '../../api/meta.js';
import { AbsentOwnerCache } from './absent-owner-cache.js';
import { GraphBuilder, type GraphEvent, type GraphListener } from './graph-builder.js';
import type { GraphNode } from './graph-node.js';

/** Records what the builder queued, as `queue:uid` strings in order. */
class RecordingListener implements GraphListener {
  readonly calls: string[] = [];
  attemptToDelete(node: GraphNode): void {
    this.calls.push(`delete:${node.uid}`);
  }
  attemptToDeleteRateLimited(node: GraphNode): void {
    this.calls.push(`delete-later:${node.uid}`);
  }
  attemptToOrphan(node: GraphNode): void {
    this.calls.push(`orphan:${node.uid}`);
  }
  invalidOwnerNamespace(dependent: GraphNode, owner: OwnerReference): void {
    this.calls.push(`invalid-namespace:${dependent.uid}->${owner.uid}`);
  }
}

interface ObjOpts {
  ns?: string;
  owners?: OwnerReference[];
  deleting?: boolean;
  finalizers?: string[];
  kind?: string;
  apiVersion?: string;
}

function obj(uid: string, o: ObjOpts = {}): KubeObject {
  return {
    metadata: {
      uid,
      name: `name-${uid}`,
      ...(o.ns !== undefined ? { namespace: o.ns } : { namespace: 'ns' }),
      ...(o.owners ? { ownerReferences: o.owners } : {}),
      ...(o.deleting ? { deletionTimestamp: '2025-01-01T00:00:00Z' } : {}),
      ...(o.finalizers ? { finalizers: o.finalizers } : {}),
    },
  };
}

function ref(uid: string, extra: Partial<OwnerReference> = {}): OwnerReference {
  return { apiVersion: 'v1', kind: 'ConfigMap', name: `name-${uid}`, uid, ...extra };
}

const add = (object: KubeObject, kind = 'ConfigMap', apiVersion = 'v1'): GraphEvent => ({ type: 'add', apiVersion, kind, object });
const update = (oldObject: KubeObject, object: KubeObject): GraphEvent => ({ type: 'update', apiVersion: 'v1', kind: 'ConfigMap', object, oldObject });
const remove = (object: KubeObject): GraphEvent => ({ type: 'delete', apiVersion: 'v1', kind: 'ConfigMap', object });
const virtualDelete = (uid: string, ns = 'ns', name = `name-${uid}`): GraphEvent => ({
  type: 'delete',
  virtual: true,
  apiVersion: 'v1',
  kind: 'ConfigMap',
  object: { metadata: { uid, name, namespace: ns } },
});

interface Case {
  readonly name: string;
  readonly events: readonly GraphEvent[];
  /** uid -> sorted dependent uids, for the nodes listed. */
  readonly graph?: Readonly<Record<string, readonly string[] | 'absent'>>;
  readonly virtual?: readonly string[];
  readonly calls: readonly string[];
  readonly absent?: number;
}

const cases: Case[] = [
  {
    name: 'owner first, then dependent: an edge, no work',
    events: [add(obj('o')), add(obj('d', { owners: [ref('o')] }))],
    graph: { o: ['d'], d: [] },
    calls: [],
  },
  {
    name: 'dependent first: a virtual owner, queued for verification, then observed',
    events: [add(obj('d', { owners: [ref('o')] })), add(obj('o'))],
    graph: { o: ['d'] },
    virtual: [],
    calls: ['delete:o'],
  },
  {
    name: 'a virtual owner the API server lacks: removed, dependents queued, owner recorded absent',
    events: [add(obj('d', { owners: [ref('o')] })), virtualDelete('o')],
    graph: { o: 'absent', d: [] },
    calls: ['delete:o', 'delete:d'],
    absent: 1,
  },
  {
    name: 'owner deleted: its dependents are queued',
    events: [add(obj('o')), add(obj('d1', { owners: [ref('o')] })), add(obj('d2', { owners: [ref('o')] })), remove(obj('o'))],
    graph: { o: 'absent' },
    calls: ['delete:d1', 'delete:d2'],
    absent: 1,
  },
  {
    name: 'owner references change: the dependent moves between owners',
    events: [add(obj('a')), add(obj('b')), add(obj('d', { owners: [ref('a')] })), update(obj('d', { owners: [ref('a')] }), obj('d', { owners: [ref('b')] }))],
    graph: { a: [], b: ['d'] },
    calls: [],
  },
  {
    name: 'a blocking reference removed wakes the owner',
    events: [
      add(obj('o')),
      add(obj('d', { owners: [ref('o', { blockOwnerDeletion: true })] })),
      update(obj('d', { owners: [ref('o', { blockOwnerDeletion: true })] }), obj('d', { owners: [] })),
    ],
    graph: { o: [] },
    calls: ['delete:o'],
  },
  {
    name: 'blockOwnerDeletion turned off wakes the owner',
    events: [
      add(obj('o')),
      add(obj('d', { owners: [ref('o', { blockOwnerDeletion: true })] })),
      update(obj('d', { owners: [ref('o', { blockOwnerDeletion: true })] }), obj('d', { owners: [ref('o', { blockOwnerDeletion: false })] })),
    ],
    graph: { o: ['d'] },
    calls: ['delete:o'],
  },
  {
    name: 'deletion with the orphan finalizer: queued for orphaning once',
    events: [
      add(obj('o')),
      update(obj('o'), obj('o', { deleting: true, finalizers: ['orphan'] })),
      update(obj('o', { deleting: true, finalizers: ['orphan'] }), obj('o', { deleting: true, finalizers: ['orphan', 'x'] })),
    ],
    calls: ['orphan:o'],
  },
  {
    name: 'deletion with foregroundDeletion: dependents, then the owner, queued',
    events: [add(obj('o')), add(obj('d', { owners: [ref('o')] })), update(obj('o'), obj('o', { deleting: true, finalizers: ['foregroundDeletion'] }))],
    calls: ['delete:d', 'delete:o'],
  },
  {
    name: 'an object first seen already deleting in the foreground (a restart) is picked up',
    events: [add(obj('o', { deleting: true, finalizers: ['foregroundDeletion'] }))],
    calls: ['delete:o'],
  },
  {
    name: 'a dependent deleted while its owner waits for dependents wakes the owner',
    events: [
      add(obj('o', { deleting: true, finalizers: ['foregroundDeletion'] })),
      add(obj('d', { owners: [ref('o', { blockOwnerDeletion: true })] })),
      remove(obj('d', { owners: [ref('o', { blockOwnerDeletion: true })] })),
    ],
    graph: { o: [] },
    calls: ['delete:o', 'delete:o'],
  },
  {
    name: 'a dependent naming an observed owner of another namespace: reported and verified',
    events: [add(obj('o', { ns: 'ns1' })), add(obj('d', { ns: 'ns2', owners: [ref('o')] }))],
    calls: ['invalid-namespace:d->o', 'delete:d'],
  },
  {
    name: 'an owner observed after a dependent of another namespace named it: reported and verified',
    events: [add(obj('d', { ns: 'ns2', owners: [ref('o')] })), add(obj('o', { ns: 'ns1' }))],
    graph: { o: ['d'] },
    calls: ['delete:o', 'invalid-namespace:d->o', 'delete:d'],
  },
  {
    name: 'a reference with the wrong kind for an observed owner: the dependent is verified',
    events: [add(obj('o')), add(obj('d', { owners: [ref('o', { kind: 'Secret' })] }))],
    calls: ['delete:d'],
  },
  {
    name: 'a cluster-scoped owner may be referenced from any namespace',
    events: [add(obj('o', { ns: '' }), 'Namespace'), add(obj('d', { ns: 'x', owners: [ref('o', { kind: 'Namespace', name: 'name-o' })] }))],
    graph: { o: ['d'] },
    calls: [],
  },
  {
    name: 'a virtual owner named two ways: the verified-absent identity releases only its dependents',
    events: [
      add(obj('d1', { owners: [ref('o')] })),
      add(obj('d2', { owners: [ref('o', { name: 'other' })] })),
      virtualDelete('o'),
    ],
    graph: { o: ['d1', 'd2'] },
    calls: ['delete:o', 'delete:d2', 'delete:d1', 'delete-later:o'],
    absent: 1,
  },
  {
    name: 'an object without a uid is ignored',
    events: [add({ metadata: { name: 'x' } })],
    calls: [],
  },
];

describe('GraphBuilder', () => {
  for (const c of cases) {
    test(c.name, () => {
      const listener = new RecordingListener();
      const absent = new AbsentOwnerCache();
      const graph = new GraphBuilder(listener, absent);
      for (const e of c.events) graph.process(e);
      assert.deepEqual(listener.calls, c.calls);
      for (const [uid, deps] of Object.entries(c.graph ?? {})) {
        const node = graph.node(uid);
        if (deps === 'absent') {
          assert.equal(node, undefined, `${uid} should not be in the graph`);
          continue;
        }
        assert.ok(node, `${uid} should be in the graph`);
        assert.deepEqual([...node.dependents].map((d) => d.uid).sort(), [...deps].sort(), `dependents of ${uid}`);
      }
      for (const uid of c.virtual ?? []) assert.equal(graph.node(uid)?.virtual, true, `${uid} virtual`);
      if (c.absent !== undefined) assert.equal(absent.size, c.absent);
    });
  }

  test('a virtual owner takes the observed identity; deleting state is one-way', () => {
    const graph = new GraphBuilder(new RecordingListener(), new AbsentOwnerCache());
    graph.process(add(obj('d', { owners: [ref('o')] })));
    assert.equal(graph.node('o')?.virtual, true);
    assert.deepEqual(graph.node('o')?.identity, { apiVersion: 'v1', kind: 'ConfigMap', name: 'name-o', uid: 'o', namespace: 'ns' });
    graph.process(add(obj('o'), 'Secret'));
    assert.equal(graph.node('o')?.virtual, false);
    assert.equal(graph.node('o')?.identity.kind, 'Secret');
    graph.process(update(obj('o'), obj('o', { deleting: true, finalizers: ['foregroundDeletion'] })));
    graph.process(update(obj('o', { deleting: true }), obj('o')));
    assert.equal(graph.node('o')?.beingDeleted, true);
    assert.equal(graph.node('o')?.deletingDependents, true);
  });

  test('blocking dependents are those whose reference blocks', () => {
    const graph = new GraphBuilder(new RecordingListener(), new AbsentOwnerCache());
    graph.process(add(obj('o')));
    graph.process(add(obj('b', { owners: [ref('o', { blockOwnerDeletion: true })] })));
    graph.process(add(obj('n', { owners: [ref('o', { blockOwnerDeletion: false })] })));
    graph.process(add(obj('u', { owners: [ref('o')] })));
    assert.deepEqual(graph.node('o')?.blockingDependents().map((d) => d.uid), ['b']);
  });

  test('scales: 10,000 dependents of 100 owners, then every owner deleted', () => {
    const listener = new RecordingListener();
    const graph = new GraphBuilder(listener, new AbsentOwnerCache());
    const started = performance.now();
    for (let o = 0; o < 100; o++) graph.process(add(obj(`rs-${o}`)));
    for (let p = 0; p < 10_000; p++) graph.process(add(obj(`pod-${p}`, { owners: [ref(`rs-${p % 100}`, { controller: true, blockOwnerDeletion: true })] })));
    for (let o = 0; o < 100; o++) graph.process(remove(obj(`rs-${o}`)));
    const elapsed = performance.now() - started;
    assert.equal(listener.calls.length, 10_000);
    assert.equal(graph.size, 10_000);
    assert.ok(elapsed < 2_000, `graph updates took ${elapsed.toFixed(0)} ms`);
  });
});
