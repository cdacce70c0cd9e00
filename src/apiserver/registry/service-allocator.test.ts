import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { StatusError } from '../../api/errors.js';
import type { KubeObject } from '../../api/meta.js';
import { BUILTIN_RESOURCES } from '../../api/registry/index.js';
import type { KV } from '../../storage/kv.js';
import { openMemory } from '../../storage/memory/index.js';
import { ApiResources } from '../api-resources.js';
import type { Store } from './store.js';

interface Spec {
  type?: string;
  clusterIP?: string;
  clusterIPs?: string[];
  ports: { port: number; nodePort?: number }[];
}

const svc = (name: string, spec: Partial<Spec> = {}): KubeObject => ({ metadata: { name }, spec: { ports: [{ port: 80 }], ...spec } });
const specOf = (o: KubeObject) => o.spec as Spec;

describe('Service cluster IPs and node ports', () => {
  let kv: KV;
  let api: ApiResources;
  let services: Store;
  beforeEach(async () => {
    kv = openMemory();
    api = new ApiResources(BUILTIN_RESOURCES, kv, { serviceCIDR: '10.43.0.0/29', nodePortRange: [30000, 30002] });
    await api.start();
    services = api.store('', 'services');
  });
  afterEach(async () => {
    api.stop();
    await kv.close();
  });

  const invalidWith = (message: RegExp) => (err: unknown) => err instanceof StatusError && err.code === 422 && message.test(err.message);

  test('every service gets its own address from the range, never the reserved ones', async () => {
    const ips = new Set<string>();
    for (let i = 0; i < 5; i++) ips.add(specOf((await services.create('ns', svc(`s${i}`))).obj).clusterIP!);
    assert.equal(ips.size, 5);
    for (const ip of ips) assert.match(ip, /^10\.43\.0\.[2-6]$/);
    await assert.rejects(services.create('ns', svc('full')), invalidWith(/range is full/));
  });

  test('an address asked for must be free and in range; headless services get none', async () => {
    const a = await services.create('ns', svc('a', { clusterIP: '10.43.0.5' }));
    assert.deepEqual(specOf(a.obj).clusterIPs, ['10.43.0.5']);
    await assert.rejects(services.create('ns', svc('b', { clusterIP: '10.43.0.5' })), invalidWith(/provided IP is already allocated/));
    await assert.rejects(services.create('ns', svc('c', { clusterIP: '10.0.0.1' })), invalidWith(/not in the valid range. The range of valid IPs is 10.43.0.0\/29/));
    const h = await services.create('ns', svc('h', { clusterIP: 'None' }));
    assert.deepEqual(specOf(h.obj).clusterIPs, ['None']);
  });

  test('an address comes back when its service is deleted', async () => {
    await services.create('ns', svc('a', { clusterIP: '10.43.0.5' }));
    await services.delete('ns', 'a');
    await services.create('ns', svc('b', { clusterIP: '10.43.0.5' }));
  });

  test('a failed or dry-run create keeps nothing', async () => {
    await services.create('ns', svc('a', { clusterIP: '10.43.0.5' }), { dryRun: true });
    await services.create('ns', svc('b', { clusterIP: '10.43.0.5' }));
  });

  test('node ports are allocated, checked, and dropped when the type no longer needs them', async () => {
    const a = await services.create('ns', svc('a', { type: 'NodePort' }));
    const port = specOf(a.obj).ports[0].nodePort!;
    assert.ok(port >= 30000 && port <= 30002);
    await assert.rejects(services.create('ns', svc('b', { type: 'NodePort', ports: [{ port: 80, nodePort: port }] })), invalidWith(/provided port is already allocated/));
    await assert.rejects(services.create('ns', svc('c', { type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] })), invalidWith(/range of valid ports is 30000-30002/));
    const b = await services.update('ns', 'a', { tryUpdate: (cur) => ({ ...cur!, spec: { ...(cur!.spec as Spec), type: 'ClusterIP' } }) });
    assert.equal(specOf(b.object.obj).ports[0].nodePort, undefined);
    assert.equal(specOf(b.object.obj).clusterIP, specOf(a.obj).clusterIP);
    await services.create('ns', svc('d', { type: 'NodePort', ports: [{ port: 80, nodePort: port }] }));
  });
});
