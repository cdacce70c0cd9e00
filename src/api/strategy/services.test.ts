import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { KubeObject } from '../meta.js';
import { BUILTIN_RESOURCES } from '../registry/index.js';
import { strategyFor } from './index.js';

const strategy = strategyFor(BUILTIN_RESOURCES.find((d) => d.group === '' && d.plural === 'services')!);

function svc(spec: Record<string, unknown>): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'default' }, spec, status: { loadBalancer: {} } } as KubeObject;
}

const ALLOCATED = {
  type: 'NodePort',
  clusterIP: '10.43.0.10',
  clusterIPs: ['10.43.0.10'],
  ipFamilies: ['IPv4'],
  ipFamilyPolicy: 'SingleStack',
  externalTrafficPolicy: 'Cluster',
  internalTrafficPolicy: 'Cluster',
  sessionAffinity: 'None',
  ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 80, nodePort: 30080 }],
};

/** The spec an update leaves after the strategy prepared it from old. */
function prepared(spec: Record<string, unknown>, oldSpec: Record<string, unknown> = ALLOCATED): Record<string, unknown> {
  const obj = svc(structuredClone(spec));
  strategy.prepareForUpdate(obj, svc(structuredClone(oldSpec)));
  return obj.spec as Record<string, unknown>;
}

describe('Service strategy', () => {
  test('create: a lone clusterIP (an old client) becomes clusterIPs', () => {
    const obj = svc({ clusterIP: '10.43.7.7', ports: [{ port: 80 }] });
    strategy.prepareForCreate(obj);
    assert.deepEqual((obj.spec as Record<string, unknown>).clusterIPs, ['10.43.7.7']);
  });

  test('update: values the server allocated and the client left out are kept (kubectl replace of the original file)', () => {
    const spec = prepared({ type: 'NodePort', selector: { app: 'a' }, ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 80 }] });
    assert.equal(spec.clusterIP, '10.43.0.10');
    assert.deepEqual(spec.clusterIPs, ['10.43.0.10']);
    assert.deepEqual(spec.ipFamilies, ['IPv4']);
    assert.equal(spec.ipFamilyPolicy, 'SingleStack');
    assert.deepEqual((spec.ports as { nodePort?: number }[]).map((p) => p.nodePort), [30080]);
  });

  test('update: a node port is carried over by port name, never onto a port that took it', () => {
    const spec = prepared({
      ...ALLOCATED,
      ports: [
        { name: 'http', port: 80, protocol: 'TCP', targetPort: 80 },
        { name: 'https', port: 443, protocol: 'TCP', targetPort: 443, nodePort: 30080 },
      ],
    });
    assert.deepEqual((spec.ports as { nodePort?: number }[]).map((p) => p.nodePort), [undefined, 30080]);
  });

  test('update: changing clusterIP alone changes clusterIPs with it (validation then refuses the change)', () => {
    const spec = prepared({ ...ALLOCATED, clusterIP: '10.43.9.9' });
    assert.deepEqual(spec.clusterIPs, ['10.43.9.9']);
  });

  test('update: NodePort -> ClusterIP drops the node ports and externalTrafficPolicy the client did not change', () => {
    const spec = prepared({ ...structuredClone(ALLOCATED), type: 'ClusterIP' });
    assert.deepEqual((spec.ports as { nodePort?: number }[]).map((p) => p.nodePort), [undefined]);
    assert.equal(spec.externalTrafficPolicy, undefined);
    assert.equal(spec.clusterIP, '10.43.0.10');
  });

  test('update: a node port the client asks for anew is kept (for validation to refuse)', () => {
    const spec = prepared({ ...structuredClone(ALLOCATED), type: 'ClusterIP', ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 80, nodePort: 31000 }] });
    assert.deepEqual((spec.ports as { nodePort?: number }[]).map((p) => p.nodePort), [31000]);
  });

  test('update: -> ExternalName drops the cluster IPs, IP families and the internal traffic policy', () => {
    const spec = prepared({ ...structuredClone(ALLOCATED), type: 'ExternalName', externalName: 'example.com' });
    for (const f of ['clusterIP', 'clusterIPs', 'ipFamilies', 'ipFamilyPolicy', 'externalTrafficPolicy', 'internalTrafficPolicy']) {
      assert.equal(spec[f], undefined, f);
    }
  });
});
