import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodeLease, nodeStatus, readyTransitionMs, registrationNode, renewedLease, type SimulatedNodeIdentity } from './node-template.js';

const T0 = Date.UTC(2025, 0, 1, 12, 0, 0, 250);
const ID: SimulatedNodeIdentity = {
  name: 'kite-sim-node-7',
  podCIDR: '10.42.7.0/24',
  internalIP: '172.16.1.8',
  capacity: { cpu: '32', memory: '256Gi', pods: '110', ephemeralStorage: '100Gi' },
  bootID: 'boot-1',
};

describe('the registered Node', () => {
  const node = registrationNode(ID, T0);

  it('carries the kubelet labels and the simulated instance type', () => {
    assert.deepEqual(node.metadata.labels, {
      'beta.kubernetes.io/arch': 'amd64',
      'beta.kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
      'kubernetes.io/hostname': 'kite-sim-node-7',
      'kubernetes.io/os': 'linux',
      'node.kubernetes.io/instance-type': 'kite-simulated',
    });
    assert.equal(node.metadata.annotations!['kite.io/simulated-node'], 'true');
  });

  it('has its pod CIDR', () => {
    assert.deepEqual(node.spec, { podCIDR: '10.42.7.0/24', podCIDRs: ['10.42.7.0/24'] });
  });

  it('reports the kubelet conditions of a healthy node, in the kubelet order', () => {
    const conditions = node.status!.conditions!;
    assert.deepEqual(
      conditions.map((c) => [c.type, c.status, c.reason, c.message]),
      [
        ['MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
        ['DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
        ['PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
        ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'],
      ],
    );
    for (const c of conditions) {
      assert.equal(c.lastHeartbeatTime, '2025-01-01T12:00:00Z');
      assert.equal(c.lastTransitionTime, '2025-01-01T12:00:00Z');
    }
  });

  it('reports capacity, addresses, the kubelet endpoint and system info', () => {
    const s = node.status!;
    assert.deepEqual(s.capacity, { cpu: '32', 'ephemeral-storage': '100Gi', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '256Gi', pods: '110' });
    assert.deepEqual(s.allocatable, s.capacity);
    assert.deepEqual(s.addresses, [
      { type: 'InternalIP', address: '172.16.1.8' },
      { type: 'Hostname', address: 'kite-sim-node-7' },
    ]);
    assert.deepEqual(s.daemonEndpoints, { kubeletEndpoint: { Port: 10250 } });
    assert.equal(s.nodeInfo!.kubeletVersion, 'v1.32.0+kite');
    assert.equal(s.nodeInfo!.operatingSystem, 'linux');
    assert.equal(s.nodeInfo!.architecture, 'amd64');
    assert.equal(s.nodeInfo!.bootID, 'boot-1');
    assert.match(s.nodeInfo!.systemUUID, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.equal(registrationNode(ID, T0 + 1).status!.nodeInfo!.machineID, s.nodeInfo!.machineID, 'stable across restarts');
  });

  it('moves only the heartbeat on later reports', () => {
    const later = nodeStatus(ID, T0 + 300_000, T0);
    assert.ok(later.conditions!.every((c) => c.lastHeartbeatTime === '2025-01-01T12:05:00Z' && c.lastTransitionTime === '2025-01-01T12:00:00Z'));
  });

  it('keeps the transition time a restarted fleet finds', () => {
    assert.equal(readyTransitionMs(node, 0), Date.UTC(2025, 0, 1, 12, 0, 0));
    assert.equal(readyTransitionMs(undefined, 42), 42);
  });
});

describe('the node Lease', () => {
  it('is held by the node, owned by its Node, renewed with a MicroTime', () => {
    const lease = nodeLease('kite-sim-node-7', 'node-uid', 40, T0);
    assert.deepEqual(lease.metadata, {
      name: 'kite-sim-node-7',
      namespace: 'kube-node-lease',
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: 'kite-sim-node-7', uid: 'node-uid' }],
    });
    assert.deepEqual(lease.spec, { holderIdentity: 'kite-sim-node-7', leaseDurationSeconds: 40, renewTime: '2025-01-01T12:00:00.250000Z' });
    const renewed = renewedLease({ ...lease, metadata: { ...lease.metadata, resourceVersion: '9' } }, 'kite-sim-node-7', 40, T0 + 10_000);
    assert.equal(renewed.spec!.renewTime, '2025-01-01T12:00:10.250000Z');
    assert.equal(renewed.metadata.resourceVersion, '9');
  });

  it('has no owner when the Node is gone', () => {
    assert.equal(nodeLease('n', undefined, 40, T0).metadata.ownerReferences, undefined);
  });
});
