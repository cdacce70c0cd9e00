// The ServiceAccounts controller against a real in-process API server (memory storage):
// `default` appears in every active namespace, comes back when deleted, is not recreated in
// a terminating namespace; pods created right after their namespace are admitted, and a
// namespace without the account refuses pods as Kubernetes does.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { StatusError } from '../../api/errors.js';
import type { KubeObject } from '../../api/meta.js';
import { builtinRef } from '../../client/builtin-resources.js';
import type { ResourceClient } from '../../client/contract.js';
import { getOrUndefined, namespaceObject, pod, startTestServer, waitFor, type TestServer } from '../garbagecollector/testing.js';
import { serviceAccountsControllerFactory } from './serviceaccounts-controller.js';

describe('serviceaccounts controller', () => {
  let t: TestServer;
  let seq = 0;
  let namespaces: ResourceClient<KubeObject>;
  const accounts = (ns: string): ResourceClient<KubeObject> => t.client.resource(builtinRef('', 'serviceaccounts'), ns);
  const defaultAccount = (ns: string) => () => getOrUndefined(() => accounts(ns).get('default'));

  async function freshNamespace(): Promise<string> {
    const name = `sa-${++seq}`;
    await namespaces.create(namespaceObject(name));
    return name;
  }

  before(async () => {
    t = await startTestServer([serviceAccountsControllerFactory]);
    namespaces = t.client.resource(builtinRef('', 'namespaces'));
  });
  after(async () => {
    await t?.stop();
  });

  test('every namespace, the system ones included, gets `default`', async () => {
    for (const ns of ['default', 'kube-system', 'kube-public']) await waitFor(defaultAccount(ns), { message: `default in ${ns}` });
    const ns = await freshNamespace();
    const sa = await waitFor(defaultAccount(ns));
    assert.equal(sa.metadata.namespace, ns);
  });

  test('a deleted `default` is created again', async () => {
    const ns = await freshNamespace();
    const first = await waitFor(defaultAccount(ns));
    await accounts(ns).delete('default');
    const second = await waitFor(async () => {
      const sa = await defaultAccount(ns)();
      return sa && sa.metadata.uid !== first.metadata.uid ? sa : undefined;
    });
    assert.ok(second.metadata.uid);
  });

  test('a terminating namespace gets no new account', async () => {
    const terminating = await freshNamespace();
    await waitFor(defaultAccount(terminating));
    await namespaces.delete(terminating); // no namespace controller here: it stays Terminating
    await accounts(terminating).delete('default');
    // The single worker handles the terminating namespace before this later one.
    const later = await freshNamespace();
    await waitFor(defaultAccount(later));
    assert.equal(await defaultAccount(terminating)(), undefined);
  });

  test('a pod created right after its namespace runs as `default`', async () => {
    const ns = await freshNamespace();
    const created = await t.client.resource(builtinRef('', 'pods'), ns).create(pod(ns, 'first'));
    assert.equal((created.spec as { serviceAccountName?: string }).serviceAccountName, 'default');
  });
});

describe('ServiceAccount admission without the controller', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer([]);
  });
  after(async () => {
    await t?.stop();
  });

  test('a pod in a namespace without `default` is refused after a short wait, as in Kubernetes', async () => {
    await t.client.resource(builtinRef('', 'namespaces')).create(namespaceObject('lonely'));
    const started = Date.now();
    const err = await t.client
      .resource(builtinRef('', 'pods'), 'lonely')
      .create(pod('lonely', 'p'))
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    assert.ok(err instanceof StatusError, String(err));
    assert.equal(err.code, 403);
    assert.equal(err.message, 'pods "p" is forbidden: error looking up service account lonely/default: serviceaccount "default" not found');
    assert.ok(Date.now() - started >= 900, 'the default account is waited for');
  });
});
