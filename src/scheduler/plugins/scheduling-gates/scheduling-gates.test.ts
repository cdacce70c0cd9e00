import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makePod } from '../../testing/wrappers.js';
import { SchedulingGates } from './scheduling-gates.js';

test('SchedulingGates holds gated pods with the gates in the message', () => {
  const plugin = new SchedulingGates();
  assert.equal(plugin.preEnqueue(makePod('p').info()), null);
  const s = plugin.preEnqueue(makePod('p').schedulingGates('a', 'b').info());
  assert.deepEqual(s?.reasons, ['waiting for scheduling gates: [a b]']);
  assert.equal(s?.codeName(), 'UnschedulableAndUnresolvable');
});
