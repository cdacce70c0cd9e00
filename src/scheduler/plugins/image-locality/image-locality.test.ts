import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Snapshot } from '../../cache/snapshot.js';
import { CycleState } from '../../framework/cycle-state.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { SchedulerCache } from '../../cache/cache.js';
import { makeNode, makePod } from '../../testing/wrappers.js';
import { calculatePriority, ImageLocality, normalizedImageName } from './image-locality.js';

const MB = 1024 * 1024;

describe('ImageLocality', () => {
  test('image names get :latest unless tagged', () => {
    assert.equal(normalizedImageName('nginx'), 'nginx:latest');
    assert.equal(normalizedImageName('nginx:1.27'), 'nginx:1.27');
    assert.equal(normalizedImageName('registry:5000/app'), 'registry:5000/app:latest');
    assert.equal(normalizedImageName('registry:5000/app:v1'), 'registry:5000/app:v1');
  });

  test('the priority curve', () => {
    assert.equal(calculatePriority(0, 1), 0);
    assert.equal(calculatePriority(23 * MB, 1), 0);
    assert.equal(calculatePriority(1000 * MB, 1), 100);
    assert.equal(calculatePriority(5000 * MB, 1), 100);
    // (511.5 - 23) / (1000 - 23) * 100 = 50.
    assert.equal(calculatePriority(511.5 * MB, 1), 50);
  });

  test('scores by image size and spread over the nodes', () => {
    // Image "big" (500 MB) on 2 of 4 nodes, "small" (50 MB) on 1.
    const cache = new SchedulerCache();
    cache.addNode(makeNode('a').images({ names: ['big:latest'], sizeBytes: 500 * MB }, { names: ['small:v1'], sizeBytes: 50 * MB }).build());
    cache.addNode(makeNode('b').images({ names: ['big:latest'], sizeBytes: 500 * MB }).build());
    cache.addNode(makeNode('c').build());
    cache.addNode(makeNode('d').build());
    const snapshot = new Snapshot();
    cache.updateSnapshot(snapshot);
    const plugin = new ImageLocality({ snapshot: () => snapshot });
    const pod = makePod('p').image('big').container({}, 'small:v1').info();
    const nodes = snapshot.list();
    const byName = (n: string): NodeInfo => nodes.find((x) => x.name === n)!;
    const state = new CycleState();
    assert.equal(plugin.preScore(state, pod, nodes), null);
    // a: 500 MB * 2/4 + 50 MB * 1/4 = 262.5 MB; two containers: (262.5 - 23) / (2000 - 23) * 100 = 12.
    assert.equal(plugin.score(state, pod, byName('a')), 12);
    // b: 250 MB: (250 - 23) / 1977 * 100 = 11.
    assert.equal(plugin.score(state, pod, byName('b')), 11);
    assert.equal(plugin.score(state, pod, byName('c')), 0);
  });

  test('skips scoring when no node has the pod images', () => {
    const cache = new SchedulerCache();
    cache.addNode(makeNode('a').images({ names: ['other:latest'], sizeBytes: 500 * MB }).build());
    const snapshot = new Snapshot();
    cache.updateSnapshot(snapshot);
    const plugin = new ImageLocality({ snapshot: () => snapshot });
    assert.ok(plugin.preScore(new CycleState(), makePod('p').image('nginx').info(), snapshot.list())?.isSkip());
  });
});
