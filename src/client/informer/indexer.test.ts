import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { KubeObject } from '../../api/meta.js';
import { CONTROLLER_UID_INDEX, controllerUidIndexFunc, NAMESPACE_INDEX, metaNamespaceIndexFunc, newIndexer, newStore, OWNER_UID_INDEX, ownerUidIndexFunc } from './indexer.js';
import { DeletedFinalStateUnknown, metaNamespaceKeyFunc, splitMetaNamespaceKey } from './store.js';

function obj(name: string, namespace?: string, extra: Partial<KubeObject['metadata']> = {}): KubeObject {
  return { metadata: { name, ...(namespace ? { namespace } : {}), ...extra } };
}

const owner = (uid: string, controller = false) => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: uid, uid, controller });

describe('keys', () => {
  const cases: [KubeObject | DeletedFinalStateUnknown, string][] = [
    [obj('a', 'ns'), 'ns/a'],
    [obj('node-1'), 'node-1'],
    [new DeletedFinalStateUnknown('ns/gone', obj('gone', 'ns')), 'ns/gone'],
  ];
  for (const [o, key] of cases) test(`key ${key}`, () => assert.equal(metaNamespaceKeyFunc(o), key));
  test('split', () => {
    assert.deepEqual(splitMetaNamespaceKey('ns/a'), { namespace: 'ns', name: 'a' });
    assert.deepEqual(splitMetaNamespaceKey('a'), { namespace: '', name: 'a' });
    assert.throws(() => splitMetaNamespaceKey('a/b/c'));
  });
});

describe('Store', () => {
  test('add, update, get, delete, list, replace', () => {
    const s = newStore();
    s.add(obj('a', 'ns', { resourceVersion: '1' }));
    s.add(obj('b', 'ns'));
    s.update(obj('a', 'ns', { resourceVersion: '2' }));
    assert.equal(s.getByKey('ns/a')?.metadata.resourceVersion, '2');
    assert.equal(s.get(obj('b', 'ns'))?.metadata.name, 'b');
    assert.deepEqual(s.listKeys().sort(), ['ns/a', 'ns/b']);
    s.delete(new DeletedFinalStateUnknown('ns/b', obj('b', 'ns')));
    assert.deepEqual(s.listKeys(), ['ns/a']);
    s.replace([obj('x'), obj('y')], '10');
    assert.deepEqual(s.list().map((o) => o.metadata.name), ['x', 'y']);
    s.delete(obj('missing'));
    assert.equal(s.size, 2);
  });
});

describe('Indexer', () => {
  const indexers = { [NAMESPACE_INDEX]: metaNamespaceIndexFunc, [OWNER_UID_INDEX]: ownerUidIndexFunc, [CONTROLLER_UID_INDEX]: controllerUidIndexFunc };

  test('built-in indexes follow adds, updates, deletes', () => {
    const ix = newIndexer(indexers);
    ix.add(obj('p1', 'a', { ownerReferences: [owner('rs1', true), owner('x')] }));
    ix.add(obj('p2', 'a', { ownerReferences: [owner('rs1', true)] }));
    ix.add(obj('p3', 'b'));
    assert.deepEqual(ix.byIndex(NAMESPACE_INDEX, 'a').map((o) => o.metadata.name), ['p1', 'p2']);
    assert.deepEqual(ix.indexKeys(OWNER_UID_INDEX, 'rs1'), ['a/p1', 'a/p2']);
    assert.deepEqual(ix.indexKeys(OWNER_UID_INDEX, 'x'), ['a/p1']);
    assert.deepEqual(ix.indexKeys(CONTROLLER_UID_INDEX, 'x'), []);

    // Orphaned by an update: leaves the owner's index entry.
    ix.update(obj('p2', 'a', { ownerReferences: [] }));
    assert.deepEqual(ix.indexKeys(OWNER_UID_INDEX, 'rs1'), ['a/p1']);
    ix.delete(obj('p1', 'a'));
    // Values without objects are dropped, so the index does not grow with churn.
    assert.deepEqual(ix.listIndexFuncValues(OWNER_UID_INDEX), []);
    assert.deepEqual(ix.listIndexFuncValues(NAMESPACE_INDEX).sort(), ['a', 'b']);
    assert.deepEqual(ix.index(NAMESPACE_INDEX, obj('any', 'b')).map((o) => o.metadata.name), ['p3']);
  });

  test('custom multi-value index and replace rebuilds', () => {
    const ix = newIndexer({ byLabel: (o: KubeObject) => Object.entries(o.metadata.labels ?? {}).map(([k, v]) => `${k}=${v}`) });
    ix.add(obj('a', 'ns', { labels: { app: 'web', tier: 'fe' } }));
    ix.add(obj('b', 'ns', { labels: { app: 'web' } }));
    assert.deepEqual(ix.indexKeys('byLabel', 'app=web'), ['ns/a', 'ns/b']);
    ix.update(obj('a', 'ns', { labels: { app: 'db' } }));
    assert.deepEqual(ix.indexKeys('byLabel', 'app=web'), ['ns/b']);
    assert.deepEqual(ix.indexKeys('byLabel', 'tier=fe'), []);
    ix.replace([obj('c', 'ns', { labels: { app: 'web' } })], '5');
    assert.deepEqual(ix.indexKeys('byLabel', 'app=web'), ['ns/c']);
    assert.deepEqual(ix.indexKeys('byLabel', 'app=db'), []);
  });

  test('indexes added later cover objects already stored; names must be new; unknown index throws', () => {
    const ix = newIndexer();
    ix.add(obj('a', 'ns1'));
    ix.addIndexers({ [NAMESPACE_INDEX]: metaNamespaceIndexFunc });
    assert.deepEqual(ix.indexKeys(NAMESPACE_INDEX, 'ns1'), ['ns1/a']);
    assert.throws(() => ix.addIndexers({ [NAMESPACE_INDEX]: metaNamespaceIndexFunc }), /conflict/);
    assert.throws(() => ix.byIndex('nope', 'x'), /does not exist/);
    assert.deepEqual(Object.keys(ix.getIndexers()), [NAMESPACE_INDEX]);
  });
});
