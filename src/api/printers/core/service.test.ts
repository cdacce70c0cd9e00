import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '../../meta.js';
import { SERVICE_TABLE } from './service.js';
import { ODD_OBJECTS, ago, cells, pick } from './testing.js';

function svc(spec: Record<string, unknown>, status?: Record<string, unknown>): KubeObject {
  return { metadata: { name: 'web', creationTimestamp: ago(90) }, spec, ...(status ? { status } : {}) };
}

describe('service table', () => {
  it('has the Kubernetes 1.32 columns', () => {
    assert.deepEqual(
      SERVICE_TABLE.columns.map((c) => [c.name, c.priority]),
      [['Name', 0], ['Type', 0], ['Cluster-IP', 0], ['External-IP', 0], ['Port(s)', 0], ['Age', 0], ['Selector', 1]],
    );
  });

  const cases: { name: string; svc: KubeObject; want: [type: string, clusterIP: string, externalIP: string, ports: string] }[] = [
    {
      name: 'cluster IP with two ports',
      svc: svc({ type: 'ClusterIP', clusterIP: '10.43.0.10', clusterIPs: ['10.43.0.10'], ports: [{ port: 80, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }] }),
      want: ['ClusterIP', '10.43.0.10', '<none>', '80/TCP,53/UDP'],
    },
    {
      name: 'cluster IP with external IPs',
      svc: svc({ type: 'ClusterIP', clusterIPs: ['10.43.0.11'], externalIPs: ['1.2.3.4', '5.6.7.8'], ports: [{ port: 80, protocol: 'TCP' }] }),
      want: ['ClusterIP', '10.43.0.11', '1.2.3.4,5.6.7.8', '80/TCP'],
    },
    { name: 'headless', svc: svc({ type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'] }), want: ['ClusterIP', 'None', '<none>', '<none>'] },
    {
      name: 'dual stack prints the first cluster IP',
      svc: svc({ type: 'ClusterIP', clusterIP: 'fd00::10', clusterIPs: ['fd00::10', '10.43.0.12'], ports: [{ port: 80, protocol: 'TCP' }] }),
      want: ['ClusterIP', 'fd00::10', '<none>', '80/TCP'],
    },
    {
      name: 'node port',
      svc: svc({ type: 'NodePort', clusterIPs: ['10.43.0.13'], ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }, { port: 443, nodePort: 30443, protocol: 'TCP' }] }),
      want: ['NodePort', '10.43.0.13', '<none>', '80:30080/TCP,443:30443/TCP'],
    },
    {
      name: 'load balancer pending',
      svc: svc({ type: 'LoadBalancer', clusterIPs: ['10.43.0.14'], ports: [{ port: 443, nodePort: 31443, protocol: 'TCP' }] }),
      want: ['LoadBalancer', '10.43.0.14', '<pending>', '443:31443/TCP'],
    },
    {
      name: 'load balancer ingress, sorted and deduplicated, never clipped',
      svc: svc(
        { type: 'LoadBalancer', clusterIPs: ['10.43.0.15'], ports: [{ port: 80, nodePort: 30001, protocol: 'TCP' }] },
        { loadBalancer: { ingress: [{ ip: '192.168.1.20' }, { hostname: 'lb.example.com' }, { ip: '192.168.1.10' }, { ip: '192.168.1.20' }] } },
      ),
      want: ['LoadBalancer', '10.43.0.15', '192.168.1.10,192.168.1.20,lb.example.com', '80:30001/TCP'],
    },
    {
      name: 'load balancer ingress then external IPs',
      svc: svc({ type: 'LoadBalancer', clusterIPs: ['10.43.0.16'], externalIPs: ['9.9.9.9'] }, { loadBalancer: { ingress: [{ ip: '192.168.1.10' }] } }),
      want: ['LoadBalancer', '10.43.0.16', '192.168.1.10,9.9.9.9', '<none>'],
    },
    {
      name: 'load balancer with only external IPs',
      svc: svc({ type: 'LoadBalancer', clusterIPs: ['10.43.0.17'], externalIPs: ['9.9.9.9'] }),
      want: ['LoadBalancer', '10.43.0.17', '9.9.9.9', '<none>'],
    },
    { name: 'external name', svc: svc({ type: 'ExternalName', externalName: 'db.example.com' }), want: ['ExternalName', '<none>', 'db.example.com', '<none>'] },
    { name: 'cluster IP without clusterIPs', svc: svc({ type: 'ClusterIP', clusterIP: '10.43.0.18' }), want: ['ClusterIP', '10.43.0.18', '<none>', '<none>'] },
  ];
  for (const c of cases) {
    it(c.name, () => assert.deepEqual(pick(SERVICE_TABLE, c.svc, 'Type', 'Cluster-IP', 'External-IP', 'Port(s)'), c.want));
  }

  it('prints the selector sorted, and <none> without one', () => {
    assert.deepEqual(pick(SERVICE_TABLE, svc({ type: 'ClusterIP', selector: { tier: 'web', app: 'shop' } }), 'Selector', 'Age'), ['app=shop,tier=web', '90s']);
    assert.deepEqual(pick(SERVICE_TABLE, svc({ type: 'ClusterIP' }), 'Selector'), ['<none>']);
  });

  it('prints placeholders for a service with only metadata', () => {
    assert.deepEqual(SERVICE_TABLE.row({ metadata: { name: 'bare' } }, new Date()), ['bare', '', '<none>', '<unknown>', '<none>', '<unknown>', '<none>']);
  });

  it('never throws on odd objects', () => {
    for (const obj of ODD_OBJECTS) assert.doesNotThrow(() => cells(SERVICE_TABLE, obj));
  });
});
