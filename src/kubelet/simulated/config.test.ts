import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_CAPACITY, resolveFleetConfig, SimulatedFleetConfigError } from './config.js';

describe('resolveFleetConfig', () => {
  it('fills in the kubelet defaults', () => {
    const c = resolveFleetConfig({ count: 3 });
    assert.equal(c.prefix, 'kite-sim-node');
    assert.deepEqual(c.capacity, DEFAULT_CAPACITY);
    assert.equal(c.leaseDurationSeconds, 40);
    assert.equal(c.leaseRenewIntervalMs, 10_000);
    assert.equal(c.nodeStatusReportIntervalMs, 300_000);
  });

  it('renews the lease at a quarter of its duration unless told', () => {
    assert.equal(resolveFleetConfig({ count: 1, leaseDurationSeconds: 20 }).leaseRenewIntervalMs, 5000);
    assert.equal(resolveFleetConfig({ count: 1, leaseRenewIntervalMs: 300 }).leaseRenewIntervalMs, 300);
  });

  it('writes capacities in canonical form', () => {
    const c = resolveFleetConfig({ count: 1, capacity: { cpu: '4000m', memory: '1024Mi' } });
    assert.equal(c.capacity.cpu, '4');
    assert.equal(c.capacity.memory, '1Gi');
    assert.equal(c.capacity.pods, '110');
  });

  const bad: [string, Parameters<typeof resolveFleetConfig>[0]][] = [
    ['a negative count', { count: -1 }],
    ['a fractional count', { count: 1.5 }],
    ['too many nodes', { count: 10_000_000 }],
    ['an upper-case prefix', { count: 1, prefix: 'Nodes' }],
    ['a bad quantity', { count: 1, capacity: { cpu: 'lots' } }],
    ['a negative quantity', { count: 1, capacity: { memory: '-1Gi' } }],
    ['a zero renew interval', { count: 1, leaseRenewIntervalMs: 0 }],
    ['a negative start delay', { count: 1, podStartDelayMs: -5 }],
  ];
  for (const [what, settings] of bad) it(`refuses ${what}`, () => assert.throws(() => resolveFleetConfig(settings), SimulatedFleetConfigError));
});
