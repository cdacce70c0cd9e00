// ResourceClient over a recording fake transport: which request each verb sends (method,
// URL, query, body, content type), namespace rules, field manager defaulting, and typed
// watches (ERROR events reject `done`).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { StatusError } from '../api/errors.js';
import type { KubeObject } from '../api/meta.js';
import type { ApiRequest, ApiResponse, RawWatchEvent, ResourceRef, Transport, WatchEvent, WatchStream } from './contract.js';
import { resourceClient } from './resource-client.js';

class RecordingTransport implements Transport {
  readonly requests: ApiRequest[] = [];
  answer: unknown = { metadata: {} };
  watches: { req: ApiRequest; emit: (e: RawWatchEvent) => void; end: () => void; closed: boolean }[] = [];

  async request(req: ApiRequest): Promise<ApiResponse> {
    this.requests.push(req);
    return { status: 200, headers: {}, body: this.answer };
  }

  watch(req: ApiRequest, onEvent: (event: RawWatchEvent) => void): WatchStream {
    let resolve!: () => void;
    const done = new Promise<void>((r) => (resolve = r));
    const w = { req, emit: (e: RawWatchEvent) => !w.closed && onEvent(e), end: () => resolve(), closed: false };
    this.watches.push(w);
    return {
      close: () => {
        w.closed = true;
        resolve();
      },
      done,
    };
  }

  last(): ApiRequest {
    return this.requests[this.requests.length - 1];
  }
}

const CONFIGMAPS: ResourceRef = { group: '', version: 'v1', resource: 'configmaps', kind: 'ConfigMap', namespaced: true };
const DEPLOYMENTS: ResourceRef = { group: 'apps', version: 'v1', resource: 'deployments', kind: 'Deployment', namespaced: true };
const NODES: ResourceRef = { group: '', version: 'v1', resource: 'nodes', kind: 'Node', namespaced: false };

function setup(ref = CONFIGMAPS) {
  const t = new RecordingTransport();
  return { t, rc: resourceClient(t, ref, { fieldManager: 'my-controller' }) };
}

const cm = (name: string, namespace?: string): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace } });

describe('requests', () => {
  test('list: across namespaces or in one, with every list option', async () => {
    const { t, rc } = setup();
    await rc.list({});
    assert.deepEqual([t.last().method, t.last().path], ['GET', '/api/v1/configmaps']);
    await rc.namespace('kube-system').list({
      labelSelector: 'app=web',
      fieldSelector: 'metadata.name=x',
      limit: 10,
      continue: 'abc',
      resourceVersion: '0',
      resourceVersionMatch: 'NotOlderThan',
      timeoutSeconds: 5,
    });
    assert.equal(t.last().path, '/api/v1/namespaces/kube-system/configmaps');
    const q = Object.fromEntries(Object.entries(t.last().query!).filter(([, v]) => v !== undefined));
    assert.deepEqual(q, { labelSelector: 'app=web', fieldSelector: 'metadata.name=x', limit: 10, continue: 'abc', resourceVersion: '0', resourceVersionMatch: 'NotOlderThan', timeoutSeconds: 5 });
  });

  test('get, with a resourceVersion', async () => {
    const { t, rc } = setup(DEPLOYMENTS);
    await rc.namespace('prod').get('web', { resourceVersion: '0' });
    assert.deepEqual([t.last().method, t.last().path, t.last().query], ['GET', '/apis/apps/v1/namespaces/prod/deployments/web', { resourceVersion: '0' }]);
  });

  test('create: the client namespace, else the object\'s; field manager defaulted; write options', async () => {
    const { t, rc } = setup();
    await rc.create(cm('a', 'from-object'));
    assert.deepEqual([t.last().method, t.last().path], ['POST', '/api/v1/namespaces/from-object/configmaps']);
    assert.deepEqual(t.last().query, { dryRun: undefined, fieldManager: 'my-controller', fieldValidation: undefined, force: undefined });
    assert.deepEqual(t.last().body, cm('a', 'from-object'));
    await rc.namespace('ns').create(cm('a'), { dryRun: true, fieldManager: 'someone-else', fieldValidation: 'Strict' });
    assert.equal(t.last().path, '/api/v1/namespaces/ns/configmaps');
    assert.deepEqual(t.last().query, { dryRun: 'All', fieldManager: 'someone-else', fieldValidation: 'Strict', force: undefined });
  });

  test('update and updateStatus: PUT to the object (and its status)', async () => {
    const { t, rc } = setup(DEPLOYMENTS);
    const d = { metadata: { name: 'web', namespace: 'prod', resourceVersion: '5' }, spec: {} };
    await rc.update(d);
    assert.deepEqual([t.last().method, t.last().path], ['PUT', '/apis/apps/v1/namespaces/prod/deployments/web']);
    await rc.updateStatus(d);
    assert.deepEqual([t.last().method, t.last().path], ['PUT', '/apis/apps/v1/namespaces/prod/deployments/web/status']);
    assert.equal(t.last().query!.fieldManager, 'my-controller');
  });

  test('patch: the four media types; apply sends JSON; force; subresources', async () => {
    const { t, rc } = setup(DEPLOYMENTS);
    const d = rc.namespace('prod');
    const want: Record<string, string> = {
      json: 'application/json-patch+json',
      merge: 'application/merge-patch+json',
      strategic: 'application/strategic-merge-patch+json',
      apply: 'application/apply-patch+yaml',
    };
    for (const [type, contentType] of Object.entries(want)) {
      const body = type === 'json' ? [{ op: 'replace', path: '/spec/replicas', value: 3 }] : { spec: { replicas: 3 } };
      await d.patch('web', type as 'json', body);
      assert.deepEqual([t.last().method, t.last().path, t.last().contentType, t.last().body], ['PATCH', '/apis/apps/v1/namespaces/prod/deployments/web', contentType, body]);
    }
    await d.patch('web', 'apply', { apiVersion: 'apps/v1', kind: 'Deployment' }, { force: true, fieldManager: 'kubectl' });
    assert.deepEqual(t.last().query, { dryRun: undefined, fieldManager: 'kubectl', fieldValidation: undefined, force: true });
    await d.patch('web', 'merge', { spec: { replicas: 1 } }, { subresource: 'scale' });
    assert.equal(t.last().path, '/apis/apps/v1/namespaces/prod/deployments/web/scale');
    await assert.rejects(d.patch('web', 'bogus' as 'json', {}), TypeError);
  });

  test('delete: DeleteOptions as the body (none when no option); deleteCollection with selectors', async () => {
    const { t, rc } = setup();
    const c = rc.namespace('ns');
    await c.delete('a');
    assert.deepEqual([t.last().method, t.last().path, t.last().body], ['DELETE', '/api/v1/namespaces/ns/configmaps/a', undefined]);
    await c.delete('a', { gracePeriodSeconds: 0, propagationPolicy: 'Foreground', preconditions: { uid: 'u1' }, dryRun: true });
    assert.deepEqual(t.last().body, { kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: 0, propagationPolicy: 'Foreground', preconditions: { uid: 'u1' }, dryRun: ['All'] });
    await c.deleteCollection({ labelSelector: 'app=web', propagationPolicy: 'Background' });
    assert.deepEqual([t.last().method, t.last().path, t.last().query!.labelSelector], ['DELETE', '/api/v1/namespaces/ns/configmaps', 'app=web']);
    assert.deepEqual(t.last().body, { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' });
  });

  test('subresources: GET without write options, PUT/POST with them', async () => {
    const { t, rc } = setup(DEPLOYMENTS);
    await rc.namespace('prod').subresource('web', 'scale', 'GET');
    assert.deepEqual([t.last().method, t.last().path, t.last().query], ['GET', '/apis/apps/v1/namespaces/prod/deployments/web/scale', undefined]);
    await rc.namespace('prod').subresource('web', 'scale', 'PUT', { spec: { replicas: 2 } });
    assert.deepEqual([t.last().method, t.last().query!.fieldManager], ['PUT', 'my-controller']);
  });

  test('cluster-scoped resources ignore namespaces and refuse namespace()', async () => {
    const { t, rc } = setup(NODES);
    await rc.create({ metadata: { name: 'n1', namespace: 'x' } });
    assert.equal(t.last().path, '/api/v1/nodes');
    await rc.get('n1');
    assert.equal(t.last().path, '/api/v1/nodes/n1');
    assert.throws(() => rc.namespace('x'), TypeError);
  });

  test('single-object verbs of a namespaced resource need a namespace', async () => {
    const { rc } = setup();
    await assert.rejects(rc.get('a'), /needs a namespace/);
    await assert.rejects(rc.delete('a'), /needs a namespace/);
    await assert.rejects(rc.patch('a', 'merge', {}), /needs a namespace/);
    await assert.rejects(rc.create(cm('a')), /needs a namespace/);
    await assert.rejects(rc.namespace('ns').update({ metadata: {} }), /needs metadata.name/);
  });

  test('delete answers: the remaining object or a Status', async () => {
    const { t, rc } = setup();
    t.answer = { kind: 'Status', apiVersion: 'v1', status: 'Success', metadata: {} };
    assert.equal((await rc.namespace('ns').delete('a')).kind, 'Status');
  });
});

describe('watch', () => {
  test('the collection URL with watch=true and the list options', () => {
    const { t, rc } = setup();
    rc.namespace('ns').watch({ resourceVersion: '10', allowWatchBookmarks: true, labelSelector: 'a=b' }, () => {});
    const req = t.watches[0].req;
    assert.equal(req.path, '/api/v1/namespaces/ns/configmaps');
    assert.equal(req.query!.watch, true);
    assert.equal(req.query!.resourceVersion, '10');
    assert.equal(req.query!.allowWatchBookmarks, true);
    assert.equal(req.query!.labelSelector, 'a=b');
  });

  test('events reach the handler typed; the stream resolves when it ends', async () => {
    const { t, rc } = setup();
    const seen: WatchEvent<KubeObject>[] = [];
    const w = rc.watch({}, (e) => seen.push(e));
    t.watches[0].emit({ type: 'ADDED', object: cm('a') });
    t.watches[0].emit({ type: 'BOOKMARK', object: { metadata: { resourceVersion: '9' } } });
    t.watches[0].end();
    await w.done;
    assert.deepEqual(seen.map((e) => e.type), ['ADDED', 'BOOKMARK']);
  });

  test('an ERROR event closes the stream and rejects done with its StatusError; no event after it', async () => {
    const { t, rc } = setup();
    const seen: string[] = [];
    const w = rc.watch({ resourceVersion: '1' }, (e) => seen.push(e.type));
    t.watches[0].emit({ type: 'ADDED', object: cm('a') });
    t.watches[0].emit({ type: 'ERROR', object: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 410, reason: 'Expired', message: 'too old resource version: 1 (50)' } });
    t.watches[0].emit({ type: 'ADDED', object: cm('b') });
    await assert.rejects(w.done, (err: StatusError) => err instanceof StatusError && err.code === 410 && err.reason === 'Expired');
    assert.equal(t.watches[0].closed, true);
    assert.deepEqual(seen, ['ADDED']);
  });

  test('close() ends the stream cleanly', async () => {
    const { t, rc } = setup();
    const w = rc.watch({}, () => {});
    w.close();
    await w.done;
    assert.equal(t.watches[0].closed, true);
  });
});
