// Deployments end to end: a real `kite server` with simulated nodes and its controller
// manager, driven by the real kubectl — rollouts, scaling, history, undo, pause/resume,
// restart, progress deadlines, cascading deletion, namespace deletion, and a server crash in
// the middle of a rollout. kite's scheduler binds the pods to the simulated nodes.
//
// The rolling-update bounds are checked by a watcher of the namespace's pods (an informer
// over HTTP): at every event, the pods that are not terminating must number at most
// replicas + maxSurge, and the available ones at least replicas - maxUnavailable.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KubeObject } from '../../src/api/meta.js';
import { Client } from '../../src/client/client.js';
import { builtinRef } from '../../src/client/builtin-resources.js';
import { SharedInformerFactory } from '../../src/client/informer/factory.js';
import { type KiteProcess, startKite } from './harness.js';

const REPO = fileURLToPath(new URL('../../..', import.meta.url));
const SEED_DEPLOYMENT = readFileSync(join(REPO, 'test', 'e2e', 'fixtures', 'seeds', '000-L101-deployment-nginx-deployment.yaml'), 'utf8');

let kite: KiteProcess;
before(async () => {
  kite = await startKite({ args: ['--simulated-nodes', '3', '--simulated-pod-start-delay', '200ms'] });
});
after(async () => {
  await kite?.stop();
});

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface Pod {
  metadata: { name: string; deletionTimestamp?: string; labels?: Record<string, string> };
  spec: { containers: { image: string }[] };
  status?: { conditions?: { type: string; status: string }[] };
}

const isReady = (p: Pod): boolean => !!p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');

/** Watches a namespace's pods and records, after every event, the extremes of the live
 *  (not terminating) and available (ready, not terminating) counts. */
class PodCensus {
  readonly #informers: SharedInformerFactory;
  readonly #client: Client;
  readonly #stop = new AbortController();
  maxLive = 0;
  minAvailable = Infinity;
  /** Counting starts once the first list has been delivered whole. */
  #counting = false;

  constructor(kubeconfig: string, namespace: string, selector: string) {
    this.#client = Client.fromKubeconfig(kubeconfig, { userAgent: 'e2e-census' });
    const client = this.#client;
    this.#informers = new SharedInformerFactory({ client: (ref) => client.resource(ref), namespace });
    const pods = this.#informers.informerFor<Pod & KubeObject>(builtinRef('', 'pods'), { labelSelector: selector });
    const count = (): void => {
      if (!this.#counting) return;
      const live = (pods.getStore().list() as Pod[]).filter((p) => !p.metadata.deletionTimestamp);
      this.maxLive = Math.max(this.maxLive, live.length);
      this.minAvailable = Math.min(this.minAvailable, live.filter(isReady).length);
    };
    pods.addEventHandler({ onAdd: count, onUpdate: count, onDelete: count });
    this.#count = count;
  }

  readonly #count: () => void;

  async start(): Promise<void> {
    this.#informers.start(this.#stop.signal);
    await this.#informers.waitForCacheSync(this.#stop.signal);
    this.#counting = true;
    this.#count();
  }

  async stop(): Promise<void> {
    this.#stop.abort();
    await this.#informers.shutdown();
    this.#client.close();
  }
}

async function pods(ns: string, selector: string): Promise<Pod[]> {
  return (await kite.kJson<{ items: Pod[] }>(['-n', ns, 'get', 'pods', '-l', selector])).items;
}

/** The pods that are not terminating. */
async function livePods(ns: string, selector: string): Promise<Pod[]> {
  return (await pods(ns, selector)).filter((p) => !p.metadata.deletionTimestamp);
}

async function rolloutStatus(ns: string, name: string, timeout = '60s'): Promise<string> {
  return kite.k(['-n', ns, 'rollout', 'status', `deployment/${name}`, `--timeout=${timeout}`]);
}

describe('the seed Deployment', () => {
  const ns = 'deploy-seed';
  before(() => kite.k(['create', 'namespace', ns]));

  test('reaches 2/2 available and kubectl rollout status says so', async () => {
    assert.equal(await kite.k(['-n', ns, 'apply', '-f', '-'], SEED_DEPLOYMENT), 'deployment.apps/nginx-deployment created\n');
    const status = await rolloutStatus(ns, 'nginx-deployment');
    assert.match(status, /deployment "nginx-deployment" successfully rolled out\n$/);
    const table = await kite.k(['-n', ns, 'get', 'deployment', 'nginx-deployment']);
    assert.match(table, /^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\nnginx-deployment\s+2\/2\s+2\s+2\s+/);
    const d = await kite.kJson(['-n', ns, 'get', 'deployment', 'nginx-deployment']);
    assert.equal(d.status.observedGeneration, d.metadata.generation);
    assert.deepEqual(
      d.status.conditions.map((c: any) => [c.type, c.status, c.reason]),
      [
        ['Available', 'True', 'MinimumReplicasAvailable'],
        ['Progressing', 'True', 'NewReplicaSetAvailable'],
      ],
    );
    const rs = await kite.kJson(['-n', ns, 'get', 'replicasets']);
    assert.equal(rs.items.length, 1);
    const hash = rs.items[0].metadata.labels['pod-template-hash'];
    assert.equal(rs.items[0].metadata.name, `nginx-deployment-${hash}`);
    assert.equal(rs.items[0].metadata.annotations['deployment.kubernetes.io/revision'], '1');
    const running = await pods(ns, 'app=nginx');
    assert.equal(running.length, 2);
    for (const p of running) assert.equal(p.metadata.labels!['pod-template-hash'], hash);
  });

  test('kubectl scale to 10 and back to 2', async () => {
    assert.equal(await kite.k(['-n', ns, 'scale', 'deployment/nginx-deployment', '--replicas=10']), 'deployment.apps/nginx-deployment scaled\n');
    await rolloutStatus(ns, 'nginx-deployment');
    await until('10 ready pods', async () => (await pods(ns, 'app=nginx')).filter(isReady).length === 10);
    assert.equal(await kite.k(['-n', ns, 'scale', 'deployment/nginx-deployment', '--replicas=2']), 'deployment.apps/nginx-deployment scaled\n');
    await until('2 pods', async () => (await pods(ns, 'app=nginx')).length === 2);
    const table = await kite.k(['-n', ns, 'get', 'deployment', 'nginx-deployment', '--no-headers']);
    assert.match(table, /^nginx-deployment\s+2\/2\s+2\s+2\s+/);
  });
});

describe('rolling updates', () => {
  const ns = 'deploy-rolling';
  before(() => kite.k(['create', 'namespace', ns]));

  test('kubectl set image keeps >= 75% available and <= 125% pods', async () => {
    await kite.k(['-n', ns, 'create', 'deployment', 'web', '--image=nginx:1.7.9', '--replicas=4']);
    await rolloutStatus(ns, 'web');
    const census = new PodCensus(kite.kubeconfig, ns, 'app=web');
    await census.start();
    try {
      assert.equal(await kite.k(['-n', ns, 'set', 'image', 'deployment/web', 'nginx=nginx:1.9.1']), 'deployment.apps/web image updated\n');
      const status = await rolloutStatus(ns, 'web');
      assert.match(status, /deployment "web" successfully rolled out\n$/);
      await until('only new pods', async () => {
        const all = await pods(ns, 'app=web');
        return all.length === 4 && all.every((p) => p.spec.containers[0].image === 'nginx:1.9.1' && isReady(p));
      });
    } finally {
      await census.stop();
    }
    assert.ok(census.maxLive <= 5, `at most 5 (125%) pods at once, saw ${census.maxLive}`);
    assert.ok(census.minAvailable >= 3, `at least 3 (75%) available at all times, saw ${census.minAvailable}`);
    const rs = await kite.kJson(['-n', ns, 'get', 'replicasets']);
    assert.deepEqual(
      rs.items.map((r: any) => [r.metadata.annotations['deployment.kubernetes.io/revision'], r.spec.replicas]).sort(),
      [
        ['1', 0],
        ['2', 4],
      ],
    );
  });

  test('rollout history, undo and undo --to-revision', async () => {
    await kite.k(['-n', ns, 'annotate', 'deployment/web', 'kubernetes.io/change-cause=image 1.9.1']);
    await kite.k(['-n', ns, 'set', 'image', 'deployment/web', 'nginx=nginx:1.10']);
    await kite.k(['-n', ns, 'annotate', 'deployment/web', '--overwrite', 'kubernetes.io/change-cause=image 1.10']);
    await rolloutStatus(ns, 'web');
    const history = await kite.k(['-n', ns, 'rollout', 'history', 'deployment/web']);
    assert.match(history, /^deployment\.apps\/web \nREVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+image 1\.9\.1\n3\s+image 1\.10\n\n$/);
    const rev2 = await kite.k(['-n', ns, 'rollout', 'history', 'deployment/web', '--revision=2']);
    assert.match(rev2, /Image:\s+nginx:1\.9\.1/);

    assert.equal(await kite.k(['-n', ns, 'rollout', 'undo', 'deployment/web']), 'deployment.apps/web rolled back\n');
    await rolloutStatus(ns, 'web');
    let d = await kite.kJson(['-n', ns, 'get', 'deployment', 'web']);
    assert.equal(d.spec.template.spec.containers[0].image, 'nginx:1.9.1');
    assert.equal(d.metadata.annotations['deployment.kubernetes.io/revision'], '4');
    // The old ReplicaSet came back (no new one), under the new revision.
    let rs = await kite.kJson(['-n', ns, 'get', 'replicasets']);
    assert.equal(rs.items.length, 3);

    assert.equal(await kite.k(['-n', ns, 'rollout', 'undo', 'deployment/web', '--to-revision=1']), 'deployment.apps/web rolled back\n');
    await rolloutStatus(ns, 'web');
    d = await kite.kJson(['-n', ns, 'get', 'deployment', 'web']);
    assert.equal(d.spec.template.spec.containers[0].image, 'nginx:1.7.9');
    rs = await kite.kJson(['-n', ns, 'get', 'replicasets']);
    assert.equal(rs.items.length, 3);
    const history2 = await kite.k(['-n', ns, 'rollout', 'history', 'deployment/web']);
    assert.match(history2, /REVISION\s+CHANGE-CAUSE\n3\s+image 1\.10\n4\s+image 1\.9\.1\n5\s+/);
  });

  test('pause, resume and restart', async () => {
    assert.equal(await kite.k(['-n', ns, 'rollout', 'pause', 'deployment/web']), 'deployment.apps/web paused\n');
    await kite.k(['-n', ns, 'set', 'image', 'deployment/web', 'nginx=nginx:1.11']);
    const paused = await until('the Paused condition', async () => {
      const d = await kite.kJson(['-n', ns, 'get', 'deployment', 'web']);
      const c = d.status.conditions.find((x: any) => x.type === 'Progressing');
      return c?.reason === 'DeploymentPaused' ? d : undefined;
    });
    assert.equal(paused.status.updatedReplicas ?? 0, 0);
    await until('only 1.7.9 pods', async () => (await livePods(ns, 'app=web')).every((p) => p.spec.containers[0].image === 'nginx:1.7.9'));

    assert.equal(await kite.k(['-n', ns, 'rollout', 'resume', 'deployment/web']), 'deployment.apps/web resumed\n');
    await rolloutStatus(ns, 'web');
    await until('pods on 1.11', async () => (await livePods(ns, 'app=web')).every((p) => p.spec.containers[0].image === 'nginx:1.11'));

    const before = new Set((await livePods(ns, 'app=web')).map((p) => p.metadata.name));
    assert.equal(await kite.k(['-n', ns, 'rollout', 'restart', 'deployment/web']), 'deployment.apps/web restarted\n');
    await rolloutStatus(ns, 'web');
    await until('all pods replaced', async () => {
      const now = await livePods(ns, 'app=web');
      return now.length === 4 && now.every((p) => !before.has(p.metadata.name) && isReady(p));
    });
  });

  test('a rollout whose pods never become ready stops with ProgressDeadlineExceeded', async () => {
    await kite.k(['-n', ns, 'patch', 'deployment/web', '--type=merge', '-p', JSON.stringify({ spec: { progressDeadlineSeconds: 3 } })]);
    await kite.k(['-n', ns, 'patch', 'deployment/web', '--type=strategic', '-p', JSON.stringify({
      spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:broken', readinessProbe: { exec: { command: ['false'] } } }] } } },
    })]);
    const r = await kite.kubectl(['-n', ns, 'rollout', 'status', 'deployment/web', '--timeout=60s']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /error: deployment "web" exceeded its progress deadline/);
    const d = await kite.kJson(['-n', ns, 'get', 'deployment', 'web']);
    const progressing = d.status.conditions.find((c: any) => c.type === 'Progressing');
    assert.equal(progressing.status, 'False');
    assert.equal(progressing.reason, 'ProgressDeadlineExceeded');
    assert.match(progressing.message, /^ReplicaSet "web-[a-z0-9]+" has timed out progressing\.$/);
    // The old pods kept serving: at most maxUnavailable (1) of 4 went away.
    assert.ok((await livePods(ns, 'app=web')).filter(isReady).length >= 3);
  });
});

describe('cascading deletion', () => {
  const ns = 'deploy-cascade';
  before(() => kite.k(['create', 'namespace', ns]));

  for (const cascade of ['background', 'foreground'] as const) {
    test(`kubectl delete --cascade=${cascade} removes the ReplicaSets and pods`, async () => {
      const name = `c-${cascade}`;
      await kite.k(['-n', ns, 'create', 'deployment', name, '--image=nginx', '--replicas=3']);
      await rolloutStatus(ns, name);
      assert.equal(await kite.k(['-n', ns, 'delete', 'deployment', name, `--cascade=${cascade}`]), `deployment.apps "${name}" deleted\n`);
      await until('no ReplicaSets and pods left', async () => {
        const rs = await kite.kJson(['-n', ns, 'get', 'replicasets', '-l', `app=${name}`]);
        return rs.items.length === 0 && (await pods(ns, `app=${name}`)).length === 0;
      });
    });
  }

  test('kubectl delete --cascade=orphan leaves them, without owner references', async () => {
    await kite.k(['-n', ns, 'create', 'deployment', 'orphans', '--image=nginx', '--replicas=2']);
    await rolloutStatus(ns, 'orphans');
    await kite.k(['-n', ns, 'delete', 'deployment', 'orphans', '--cascade=orphan']);
    await until('the deployment gone', async () => (await kite.kubectl(['-n', ns, 'get', 'deployment', 'orphans'])).code === 1);
    const rs = await until('the ReplicaSet orphaned', async () => {
      const list = await kite.kJson(['-n', ns, 'get', 'replicasets', '-l', 'app=orphans']);
      return list.items.length === 1 && !list.items[0].metadata.ownerReferences?.length ? list.items[0] : undefined;
    });
    assert.equal(rs.status.replicas, 2);
    assert.equal((await pods(ns, 'app=orphans')).length, 2);
  });
});

describe('namespace deletion', () => {
  test('deleting a namespace empties it and then removes it', async () => {
    const ns = 'deploy-doomed';
    await kite.k(['create', 'namespace', ns]);
    await kite.k(['-n', ns, 'create', 'deployment', 'web', '--image=nginx', '--replicas=2']);
    await kite.k(['-n', ns, 'create', 'configmap', 'settings', '--from-literal=a=b']);
    await rolloutStatus(ns, 'web');
    assert.equal(await kite.k(['delete', 'namespace', ns]), `namespace "${ns}" deleted\n`);
    const r = await kite.kubectl(['get', 'namespace', ns]);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, `Error from server (NotFound): namespaces "${ns}" not found\n`);
    const left = await kite.kJson(['get', 'pods,replicasets,deployments,configmaps', '-A', '--field-selector', `metadata.namespace=${ns}`]);
    assert.equal(left.items.length, 0);
  });
});

describe('a server crash in the middle of a rollout', () => {
  const ns = 'deploy-crash';
  before(() => kite.k(['create', 'namespace', ns]));

  test('the rollout resumes after a restart with no duplicate pods', async () => {
    await kite.k(['-n', ns, 'create', 'deployment', 'web', '--image=nginx:1.7.9', '--replicas=6']);
    await rolloutStatus(ns, 'web');
    await kite.k(['-n', ns, 'set', 'image', 'deployment/web', 'nginx=nginx:1.9.1']);
    await until('the rollout under way', async () => (await pods(ns, 'app=web')).some((p) => p.spec.containers[0].image === 'nginx:1.9.1'));
    await kite.restart({ crash: true });
    await rolloutStatus(ns, 'web', '90s');
    const now = await until('6 new pods and nothing else', async () => {
      const all = await pods(ns, 'app=web');
      return all.length === 6 && all.every((p) => p.spec.containers[0].image === 'nginx:1.9.1' && isReady(p)) ? all : undefined;
    });
    assert.equal(new Set(now.map((p) => p.metadata.name)).size, 6);
    const rs = await kite.kJson(['-n', ns, 'get', 'replicasets']);
    assert.equal(rs.items.length, 2);
    const d = await kite.kJson(['-n', ns, 'get', 'deployment', 'web']);
    assert.equal(d.status.updatedReplicas, 6);
    assert.equal(d.status.availableReplicas, 6);
    assert.equal(d.metadata.annotations['deployment.kubernetes.io/revision'], '2');
  });
});
