import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Toleration } from '../../../api/types/core-v1.js';
import { CycleState } from '../../framework/cycle-state.js';
import { QueueingHint } from '../../framework/events.js';
import { makeNode, makePod } from '../../testing/wrappers.js';
import { ERR_REASON_UNSCHEDULABLE, NodeUnschedulable } from './node-unschedulable.js';

describe('NodeUnschedulable', () => {
  const cases: { name: string; unschedulable: boolean; toleration?: Toleration; fits: boolean }[] = [
    { name: 'a schedulable node', unschedulable: false, fits: true },
    { name: 'a cordoned node', unschedulable: true, fits: false },
    { name: 'tolerating the unschedulable taint', unschedulable: true, toleration: { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }, fits: true },
    { name: 'tolerating everything', unschedulable: true, toleration: { operator: 'Exists' }, fits: true },
    { name: 'tolerating another effect only', unschedulable: true, toleration: { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoExecute' }, fits: false },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const pod = makePod('p');
      if (c.toleration) pod.toleration(c.toleration);
      const s = new NodeUnschedulable().filter(new CycleState(), pod.info(), makeNode('n').unschedulable(c.unschedulable).info());
      if (c.fits) assert.equal(s, null);
      else {
        assert.deepEqual(s?.reasons, [ERR_REASON_UNSCHEDULABLE]);
        assert.equal(s?.codeName(), 'UnschedulableAndUnresolvable');
      }
    });
  }

  test('an uncordoned node is worth a retry; other updates are not', () => {
    const hint = new NodeUnschedulable().eventsToRegister()[0]!.hint!;
    const pod = makePod('p').build();
    assert.equal(hint(pod, makeNode('n').unschedulable().build(), makeNode('n').build()), QueueingHint.Queue);
    assert.equal(hint(pod, makeNode('n').build(), makeNode('n').unschedulable().build()), QueueingHint.QueueSkip);
    assert.equal(hint(pod, undefined, makeNode('n').build()), QueueingHint.Queue);
  });
});
