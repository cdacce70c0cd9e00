import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '../../meta.js';
import { NODE_TABLE, nodeRoles } from './node.js';
import { ODD_OBJECTS, ago, cells, pick } from './testing.js';

function node(fields: { conditions?: unknown[]; unschedulable?: boolean; labels?: Record<string, string> }): KubeObject {
  return {
    metadata: { name: 'n1', creationTimestamp: ago(86400 * 3), ...(fields.labels ? { labels: fields.labels } : {}) },
    spec: fields.unschedulable === undefined ? {} : { unschedulable: fields.unschedulable },
    status: { conditions: fields.conditions ?? [], nodeInfo: { kubeletVersion: 'v1.32.0+kite' } },
  };
}

describe('node table', () => {
  it('has the Kubernetes 1.32 columns', () => {
    assert.deepEqual(
      NODE_TABLE.columns.map((c) => [c.name, c.priority]),
      [
        ['Name', 0], ['Status', 0], ['Roles', 0], ['Age', 0], ['Version', 0],
        ['Internal-IP', 1], ['External-IP', 1], ['OS-Image', 1], ['Kernel-Version', 1], ['Container-Runtime', 1],
      ],
    );
  });

  const ready = (status: string) => ({ type: 'Ready', status });
  const statusCases: { name: string; node: KubeObject; want: string }[] = [
    { name: 'ready', node: node({ conditions: [{ type: 'MemoryPressure', status: 'False' }, ready('True')] }), want: 'Ready' },
    { name: 'not ready', node: node({ conditions: [ready('False')] }), want: 'NotReady' },
    { name: 'ready unknown', node: node({ conditions: [ready('Unknown')] }), want: 'NotReady' },
    { name: 'no Ready condition', node: node({ conditions: [{ type: 'DiskPressure', status: 'True' }] }), want: 'Unknown' },
    { name: 'cordoned', node: node({ conditions: [ready('True')], unschedulable: true }), want: 'Ready,SchedulingDisabled' },
    { name: 'cordoned, no conditions', node: node({ unschedulable: true }), want: 'Unknown,SchedulingDisabled' },
    { name: 'the last Ready condition counts', node: node({ conditions: [ready('True'), ready('False')] }), want: 'NotReady' },
  ];
  for (const c of statusCases) it(`status: ${c.name}`, () => assert.deepEqual(pick(NODE_TABLE, c.node, 'Status'), [c.want]));

  const roleCases: { labels: Record<string, string>; want: string }[] = [
    { labels: {}, want: '<none>' },
    { labels: { 'node-role.kubernetes.io/control-plane': '' }, want: 'control-plane' },
    { labels: { 'node-role.kubernetes.io/worker': 'true', 'node-role.kubernetes.io/control-plane': '', 'node-role.kubernetes.io/etcd': '' }, want: 'control-plane,etcd,worker' },
    { labels: { 'kubernetes.io/role': 'master', 'node-role.kubernetes.io/master': '' }, want: 'master' },
    { labels: { 'kubernetes.io/role': '', 'node-role.kubernetes.io/': '' }, want: '<none>' },
  ];
  for (const c of roleCases) it(`roles from ${JSON.stringify(c.labels)}`, () => assert.equal(nodeRoles(c.labels), c.want));

  it('prints version, age and the wide columns', () => {
    const n = node({ conditions: [ready('True')] });
    Object.assign(n['status'] as object, {
      addresses: [{ type: 'Hostname', address: 'n1' }, { type: 'InternalIP', address: '192.168.1.5' }, { type: 'InternalIP', address: '192.168.1.6' }],
      nodeInfo: { kubeletVersion: 'v1.32.0+kite', osImage: 'Debian GNU/Linux 12 (bookworm)', kernelVersion: '6.1.0-18-amd64', containerRuntimeVersion: 'containerd://1.6.20' },
    });
    assert.deepEqual(NODE_TABLE.row(n, new Date(Date.parse(ago(0)))), [
      'n1', 'Ready', '<none>', '3d', 'v1.32.0+kite', '192.168.1.5', '<none>', 'Debian GNU/Linux 12 (bookworm)', '6.1.0-18-amd64', 'containerd://1.6.20',
    ]);
  });

  it('prints placeholders for a node with only metadata', () => {
    assert.deepEqual(NODE_TABLE.row({ metadata: { name: 'bare' } }, new Date()), [
      'bare', 'Unknown', '<none>', '<unknown>', '', '<none>', '<none>', '<unknown>', '<unknown>', '<unknown>',
    ]);
  });

  it('never throws on odd objects', () => {
    for (const obj of ODD_OBJECTS) assert.doesNotThrow(() => cells(NODE_TABLE, obj));
  });
});
