import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { TopologySpreadConstraint } from '../../../api/types/core-v1.js';
import { resolveArgs, SYSTEM_DEFAULT_CONSTRAINTS } from './args.js';
import { PodTopologySpread } from './pod-topology-spread.js';

const c = (topologyKey: string, whenUnsatisfiable = 'ScheduleAnyway', maxSkew = 1, extra: Partial<TopologySpreadConstraint> = {}): TopologySpreadConstraint => ({ maxSkew, topologyKey, whenUnsatisfiable, ...extra });

describe('PodTopologySpread args', () => {
  test('defaults to the system constraints', () => {
    for (const raw of [undefined, null, {}, { defaultingType: 'System' }]) {
      const r = resolveArgs(raw);
      assert.equal(r.systemDefaulted, true);
      assert.deepEqual(r.defaultConstraints, [
        { maxSkew: 3, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway' },
        { maxSkew: 5, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway' },
      ]);
      assert.equal(r.defaultConstraints, SYSTEM_DEFAULT_CONSTRAINTS);
    }
  });

  test('List uses the given constraints, none included', () => {
    assert.deepEqual(resolveArgs({ defaultingType: 'List' }), { defaultConstraints: [], systemDefaulted: false });
    const list = [c('zone', 'DoNotSchedule'), c('zone', 'ScheduleAnyway'), c('rack')];
    assert.deepEqual(resolveArgs({ defaultingType: 'List', defaultConstraints: list }).defaultConstraints, list);
  });

  const invalid: { name: string; args: unknown; message: string }[] = [
    { name: 'not an object', args: 'List', message: 'want args to be of type PodTopologySpreadArgs, got string' },
    { name: 'an unknown defaultingType', args: { defaultingType: 'Mine' }, message: 'defaultingType: Unsupported value: "Mine": supported values: "List", "System"' },
    { name: 'System with constraints', args: { defaultConstraints: [c('zone')] }, message: 'defaultingType: Invalid value: "System": when .defaultConstraints are not empty' },
    { name: 'maxSkew 0', args: { defaultingType: 'List', defaultConstraints: [c('zone', 'ScheduleAnyway', 0)] }, message: 'defaultConstraints[0].maxSkew: Invalid value: 0: not in valid range' },
    { name: 'no topologyKey', args: { defaultingType: 'List', defaultConstraints: [c('')] }, message: 'defaultConstraints[0].topologyKey: Required value: can not be empty' },
    { name: 'an invalid topologyKey', args: { defaultingType: 'List', defaultConstraints: [c('not a key')] }, message: 'defaultConstraints[0].topologyKey: Invalid value: "not a key"' },
    { name: 'no whenUnsatisfiable', args: { defaultingType: 'List', defaultConstraints: [c('zone', '')] }, message: 'defaultConstraints[0].whenUnsatisfiable: Required value: can not be empty' },
    {
      name: 'an unknown whenUnsatisfiable',
      args: { defaultingType: 'List', defaultConstraints: [c('zone', 'Maybe')] },
      message: 'defaultConstraints[0].whenUnsatisfiable: Unsupported value: "Maybe": supported values: "DoNotSchedule", "ScheduleAnyway"',
    },
    {
      name: 'a labelSelector',
      args: { defaultingType: 'List', defaultConstraints: [c('zone', 'ScheduleAnyway', 1, { labelSelector: { matchLabels: { a: 'b' } } })] },
      message: 'defaultConstraints[0].labelSelector: Forbidden: constraint must not define a selector, as they deduced for each pod',
    },
    {
      name: 'the same key and action twice',
      args: { defaultingType: 'List', defaultConstraints: [c('zone'), c('rack'), c('zone', 'ScheduleAnyway', 2)] },
      message: 'defaultConstraints[2]: Duplicate value: "{zone, ScheduleAnyway}"',
    },
    {
      name: 'several problems at once',
      args: { defaultingType: 'List', defaultConstraints: [c('', 'ScheduleAnyway', -1)] },
      message: '[defaultConstraints[0].maxSkew: Invalid value: -1: not in valid range, defaultConstraints[0].topologyKey: Required value: can not be empty]',
    },
  ];
  for (const t of invalid) {
    test(`rejects ${t.name}`, () => {
      assert.throws(() => resolveArgs(t.args), (err: Error) => err.message.includes(t.message));
      // The plugin refuses to be made with them.
      assert.throws(() => new PodTopologySpread(t.args as never), (err: Error) => err.message.includes(t.message));
    });
  }
});
