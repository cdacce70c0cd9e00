import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inTreeRegistry } from '../plugins/registry.js';
import { Snapshot } from '../cache/snapshot.js';
import type { Client } from '../../client/client.js';
import type { EventRecorder } from '../../client/events/recorder.js';
import { Framework } from './framework.js';
import { defaultProfile, mergeProfile, type SchedulerProfile } from './profile.js';

function framework(profile: SchedulerProfile): Framework {
  const snapshot = new Snapshot();
  return new Framework({ profile, registry: inTreeRegistry(), client: {} as Client, recorder: {} as EventRecorder, snapshot: () => snapshot });
}

const names = (list: readonly { name: string }[]): string[] => list.map((p) => p.name);

describe('profiles', () => {
  test('the default profile runs kube-scheduler 1.32 default plugins in order', () => {
    const f = framework(defaultProfile());
    assert.equal(f.queueSort.name, 'PrioritySort');
    assert.deepEqual(names(f.preEnqueuePlugins), ['SchedulingGates']);
    assert.deepEqual(names(f.preFilterPlugins), [
      'NodeName',
      'NodeAffinity',
      'NodePorts',
      'NodeResourcesFit',
      'VolumeRestrictions',
      'VolumeBinding',
      'VolumeZone',
      'PodTopologySpread',
      'InterPodAffinity',
    ]);
    assert.deepEqual(names(f.filterPlugins), [
      'NodeUnschedulable',
      'NodeName',
      'TaintToleration',
      'NodeAffinity',
      'NodePorts',
      'NodeResourcesFit',
      'VolumeRestrictions',
      'VolumeBinding',
      'VolumeZone',
      'PodTopologySpread',
      'InterPodAffinity',
    ]);
    assert.deepEqual(names(f.postFilterPlugins), ['DefaultPreemption']);
    assert.deepEqual(names(f.preScorePlugins), [
      'TaintToleration',
      'NodeAffinity',
      'NodeResourcesFit',
      'PodTopologySpread',
      'InterPodAffinity',
      'NodeResourcesBalancedAllocation',
      'ImageLocality',
    ]);
    assert.deepEqual(
      f.scorePlugins.map((s) => [s.plugin.name, s.weight]),
      [
        ['TaintToleration', 3],
        ['NodeAffinity', 2],
        ['NodeResourcesFit', 1],
        ['PodTopologySpread', 2],
        ['InterPodAffinity', 2],
        ['NodeResourcesBalancedAllocation', 1],
        ['ImageLocality', 1],
      ],
    );
    // VolumeBinding does not score: its Score needs the VolumeCapacityPriority gate.
    assert.deepEqual(names(f.reservePlugins), ['VolumeBinding']);
    assert.deepEqual(names(f.preBindPlugins), ['VolumeBinding']);
    assert.deepEqual(names(f.bindPlugins), ['DefaultBinder']);
  });

  test('disabling a plugin at one point, re-weighting it, and plugin args', () => {
    const f = framework(
      mergeProfile({
        schedulerName: 'custom',
        plugins: {
          score: { disabled: [{ name: 'ImageLocality' }], enabled: [{ name: 'NodeResourcesFit', weight: 5 }] },
          filter: { disabled: [{ name: 'NodePorts' }] },
        },
        pluginConfig: [{ name: 'NodeResourcesFit', args: { scoringStrategy: { type: 'MostAllocated' } } }],
      }),
    );
    assert.ok(!names(f.filterPlugins).includes('NodePorts'));
    assert.ok(names(f.preFilterPlugins).includes('NodePorts'));
    assert.deepEqual(
      f.scorePlugins.map((s) => [s.plugin.name, s.weight]),
      [
        ['NodeResourcesFit', 5],
        ['TaintToleration', 3],
        ['NodeAffinity', 2],
        ['PodTopologySpread', 2],
        ['InterPodAffinity', 2],
        ['NodeResourcesBalancedAllocation', 1],
      ],
    );
  });

  test('multiPoint disabled removes a plugin everywhere', () => {
    const f = framework(mergeProfile({ schedulerName: 'x', plugins: { multiPoint: { disabled: [{ name: 'TaintToleration' }] } } }));
    assert.ok(!names(f.filterPlugins).includes('TaintToleration'));
    assert.ok(!f.scorePlugins.some((s) => s.plugin.name === 'TaintToleration'));
  });

  test('errors: unknown plugin, plugin at a point it does not extend, no queue sort', () => {
    assert.throws(() => framework({ schedulerName: 'x', plugins: { multiPoint: { enabled: [{ name: 'Nope' }] } } }), /plugin "Nope" does not exist/);
    assert.throws(() => framework(mergeProfile({ schedulerName: 'x', plugins: { bind: { enabled: [{ name: 'NodePorts' }] } } })), /does not extend bind plugin/);
    assert.throws(() => framework(mergeProfile({ schedulerName: 'x', plugins: { queueSort: { disabled: [{ name: '*' }] } } })), /exactly one queue sort plugin/);
  });
});
