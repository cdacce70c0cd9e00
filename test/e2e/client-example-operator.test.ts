// The example operator (examples/configmap-mirror) as a user would run it: two replicas of
// `node dist/examples/configmap-mirror/main.js --kubeconfig ...` against a real `kite server`
// process. One wins the Lease and mirrors labelled ConfigMaps into every other namespace; the
// copies follow the source, hand edits are undone, new namespaces get copies, a ConfigMap in
// the way is reported as a Warning event, and when the leader is stopped the standby takes
// over and carries on. Deleting the source deletes its copies.

import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { Client, StatusError, type corev1 } from '../../src/client/index.js';
import { eventually, startKite, type KiteProcess } from './harness.js';

const REPO = fileURLToPath(new URL('../../..', import.meta.url));
const MAIN = join(REPO, 'dist', 'examples', 'configmap-mirror', 'main.js');
const SRC = 'mirror-src';
const SOURCE_LABELS = { 'mirror.kite.dev/enabled': 'true', app: 'web' };

/** One replica of the operator, as a child process. */
class Operator {
  readonly id: string;
  output = '';
  readonly #proc: ChildProcess;
  readonly #exited: Promise<number | null>;

  constructor(kubeconfig: string, id: string) {
    this.id = id;
    this.#proc = spawn(process.execPath, [MAIN, '--kubeconfig', kubeconfig, '--source-namespace', SRC, '--id', id], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.#proc.stdout!.on('data', (c: Buffer) => (this.output += c.toString()));
    this.#proc.stderr!.on('data', (c: Buffer) => (this.output += c.toString()));
    this.#exited = new Promise((resolve) => this.#proc.once('exit', (code) => resolve(code)));
  }

  get running(): boolean {
    return this.#proc.exitCode === null && this.#proc.signalCode === null;
  }

  /** SIGTERM, and the exit code. */
  async stop(): Promise<number | null> {
    if (this.running) this.#proc.kill('SIGTERM');
    return this.#exited;
  }

  kill(): void {
    if (this.running) this.#proc.kill('SIGKILL');
  }
}

describe('example operator: configmap-mirror', { timeout: 120_000 }, () => {
  let kite: KiteProcess;
  let client: Client;
  const operators: Operator[] = [];

  const cms = (ns: string) => client.core.configmaps(ns);
  const getOrUndefined = async (ns: string, name: string): Promise<corev1.ConfigMap | undefined> => {
    try {
      return await cms(ns).get(name);
    } catch (err) {
      if (err instanceof StatusError && err.code === 404) return undefined;
      throw err;
    }
  };
  const leaseHolder = async (): Promise<string | undefined> => {
    try {
      return (await client.coordination.leases(SRC).get('configmap-mirror')).spec?.holderIdentity;
    } catch {
      return undefined;
    }
  };
  const outputs = () => operators.map((o) => `--- ${o.id}:\n${o.output}`).join('\n');
  const wait = async <T>(fn: () => Promise<T> | T, what: string, timeoutMs = 20_000): Promise<T> => {
    try {
      return await eventually(fn, timeoutMs, what);
    } catch (err) {
      throw new Error(`${(err as Error).message}\n${outputs()}`);
    }
  };

  before(async () => {
    kite = await startKite();
    client = Client.fromKubeconfig(kite.kubeconfig, { userAgent: 'example-operator-e2e' });
    for (const ns of [SRC, 'team-a', 'team-b']) await client.core.namespaces().create({ metadata: { name: ns } });
    await cms(SRC).create({ metadata: { name: 'app-config', labels: SOURCE_LABELS }, data: { 'log.level': 'info' } });
    await cms(SRC).create({ metadata: { name: 'private' }, data: { secret: 'no' } });
    await cms(SRC).create({ metadata: { name: 'shared', labels: SOURCE_LABELS }, data: { v: '1' } });
    await cms('team-b').create({ metadata: { name: 'shared' }, data: { mine: 'yes' } });
    operators.push(new Operator(kite.kubeconfig, 'replica-1'), new Operator(kite.kubeconfig, 'replica-2'));
  });

  after(async () => {
    for (const o of operators) o.kill();
    await Promise.all(operators.map((o) => o.stop()));
    client?.close();
    await kite?.stop();
  });

  test('one replica takes the Lease and copies labelled ConfigMaps into every other namespace', async () => {
    const holder = await wait(leaseHolder, 'a replica to take the lease');
    assert.ok(['replica-1', 'replica-2'].includes(holder!), holder);
    for (const ns of ['default', 'team-a', 'team-b']) {
      const copy = await wait(() => getOrUndefined(ns, 'app-config'), `the copy in ${ns}`);
      assert.deepEqual(copy!.data, { 'log.level': 'info' });
      assert.deepEqual(copy!.metadata.labels, { app: 'web', 'mirror.kite.dev/copy': 'true' });
      assert.equal(copy!.metadata.annotations?.['mirror.kite.dev/source'], `${SRC}/app-config`);
    }
    assert.equal(await getOrUndefined('kube-system', 'app-config'), undefined, 'system namespaces are left out');
    assert.equal(await getOrUndefined('team-a', 'private'), undefined, 'unlabelled ConfigMaps are not copied');
    const standby = operators.find((o) => o.id !== holder)!;
    await wait(() => standby.output.includes(`the leader is ${holder}; standing by`), 'the standby to see the leader');
    await new Promise((resolve) => setTimeout(resolve, 3000));
    assert.ok(standby.running, `the standby keeps running while it waits:\n${standby.output}`);
  });

  test('copies follow the source; a hand edit or deletion of a copy is undone; new namespaces get copies', async () => {
    await cms(SRC).patch('app-config', 'merge', { data: { 'log.level': 'debug', extra: 'x' } });
    for (const ns of ['default', 'team-a', 'team-b']) {
      await wait(async () => (await getOrUndefined(ns, 'app-config'))?.data?.['log.level'] === 'debug', `the update to reach ${ns}`);
    }
    await cms('team-a').patch('app-config', 'merge', { data: { 'log.level': 'edited-by-hand' } });
    await wait(async () => (await getOrUndefined('team-a', 'app-config'))?.data?.['log.level'] === 'debug', 'the hand edit to be undone');
    await cms('team-b').delete('app-config');
    await wait(async () => (await getOrUndefined('team-b', 'app-config')) !== undefined, 'the deleted copy to come back');

    await client.core.namespaces().create({ metadata: { name: 'team-c' } });
    const copy = await wait(() => getOrUndefined('team-c', 'app-config'), 'a copy in the new namespace');
    assert.deepEqual(copy!.data, { 'log.level': 'debug', extra: 'x' });
  });

  test('events: Mirrored on the source; a ConfigMap in the way is left alone and reported', async () => {
    assert.deepEqual((await cms('team-b').get('shared')).data, { mine: 'yes' });
    const events = async (name: string) =>
      (await client.core.events(SRC).list({ fieldSelector: `involvedObject.name=${name}` })).items.map((e) => `${e.type} ${e.reason} ${e.message}`);
    await wait(async () => (await events('app-config')).some((e) => e.startsWith('Normal Mirrored Created copies in ')), 'a Mirrored event');
    await wait(
      async () => (await events('shared')).includes('Warning Conflict namespace team-b has a ConfigMap named shared that is not a copy; left alone'),
      'a Conflict event',
    );
    const described = await kite.k(['describe', 'configmap', 'app-config', '-n', SRC]);
    assert.match(described, /Normal\s+Mirrored\s+.*configmap-mirror\s+Created copies in /);
  });

  test('when the leader stops, the standby takes over and keeps mirroring', async () => {
    const holder = await leaseHolder();
    const leader = operators.find((o) => o.id === holder)!;
    const standby = operators.find((o) => o.id !== holder)!;
    assert.equal(await leader.stop(), 0, leader.output);
    await wait(async () => (await leaseHolder()) === standby.id, 'the standby to take the lease');
    await cms(SRC).patch('app-config', 'merge', { data: { 'log.level': 'warn' } });
    for (const ns of ['default', 'team-a', 'team-b', 'team-c']) {
      await wait(async () => (await getOrUndefined(ns, 'app-config'))?.data?.['log.level'] === 'warn', `the new leader's update to reach ${ns}`);
    }
  });

  test('deleting the source deletes its copies', async () => {
    await cms(SRC).delete('app-config');
    for (const ns of ['default', 'team-a', 'team-b', 'team-c']) {
      await wait(async () => (await getOrUndefined(ns, 'app-config')) === undefined, `the copy in ${ns} to go`);
    }
    assert.deepEqual((await cms('team-b').get('shared')).data, { mine: 'yes' }, 'not a copy: never touched');
  });
});
