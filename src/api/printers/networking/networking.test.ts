import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../meta.js';
import type { TableCell, TablePrinter } from '../../resource.js';
import { NOW, obj } from '../testing.js';
import { INGRESS_TABLE } from './ingress.js';
import { INGRESSCLASS_TABLE } from './ingressclass.js';
import { NETWORKPOLICY_TABLE } from './networkpolicy.js';

const cases: { name: string; table: TablePrinter; obj: KubeObject; row: TableCell[] }[] = [
  {
    name: 'ingress with class, hosts, tls and addresses',
    table: INGRESS_TABLE,
    obj: obj({
      spec: { ingressClassName: 'nginx', rules: [{ host: 'a.example.com' }, { host: 'b.example.com' }], tls: [{ hosts: ['a.example.com'] }] },
      status: { loadBalancer: { ingress: [{ ip: '10.0.0.9' }, { hostname: 'lb.example.com' }, { ip: '10.0.0.10' }, { ip: '10.0.0.9' }] } },
    }),
    row: ['x', 'nginx', 'a.example.com,b.example.com', '10.0.0.10,10.0.0.9,lb.example.com', '80, 443', '60m'],
  },
  {
    name: 'ingress without class, hosts or status',
    table: INGRESS_TABLE,
    obj: obj({ spec: { defaultBackend: { service: { name: 's', port: { number: 80 } } }, rules: [{ http: {} }] } }),
    row: ['x', '<none>', '*', '', '80', '60m'],
  },
  {
    name: 'ingress with more than three rules counts hostless ones in the overflow',
    table: INGRESS_TABLE,
    obj: obj({ spec: { rules: [{ host: 'a' }, {}, { host: 'b' }, { host: 'c' }, { host: 'd' }] } }),
    row: ['x', '<none>', 'a,b,c + 2 more...', '', '80', '60m'],
  },
  {
    name: 'ingressclass with parameters',
    table: INGRESSCLASS_TABLE,
    obj: obj({ spec: { controller: 'k8s.io/ingress-nginx', parameters: { apiGroup: 'k8s.example.com', kind: 'IngressParameters', name: 'external-lb' } } }),
    row: ['x', 'k8s.io/ingress-nginx', 'IngressParameters.k8s.example.com/external-lb', '60m'],
  },
  {
    name: 'ingressclass with core parameters and none',
    table: INGRESSCLASS_TABLE,
    obj: obj({ spec: { controller: 'c', parameters: { kind: 'ConfigMap', name: 'cfg' } } }),
    row: ['x', 'c', 'ConfigMap/cfg', '60m'],
  },
  {
    name: 'ingressclass without parameters',
    table: INGRESSCLASS_TABLE,
    obj: obj({ spec: { controller: 'c' } }),
    row: ['x', 'c', '<none>', '60m'],
  },
  {
    name: 'networkpolicy selecting all pods',
    table: NETWORKPOLICY_TABLE,
    obj: obj({ spec: { podSelector: {}, policyTypes: ['Ingress'] } }),
    row: ['x', '<none>', '60m'],
  },
  {
    name: 'networkpolicy with selector',
    table: NETWORKPOLICY_TABLE,
    obj: obj({ spec: { podSelector: { matchLabels: { role: 'db' } } } }),
    row: ['x', 'role=db', '60m'],
  },
];

for (const c of cases) {
  test(`networking printer: ${c.name}`, () => {
    const row = c.table.row(c.obj, NOW);
    assert.deepEqual(row, c.row);
    assert.equal(row.length, c.table.columns.length);
  });
}
