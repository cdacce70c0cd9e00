import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FakeClock } from '../../client/workqueue/clock.js';
import { ControllerExpectations, EXPECTATIONS_TIMEOUT_MS, UIDTrackingControllerExpectations } from './expectations.js';

describe('ControllerExpectations', () => {
  test('no expectations: satisfied', () => {
    assert.equal(new ControllerExpectations().satisfiedExpectations('ns/rs'), true);
  });

  test('creations are counted down by observations', () => {
    const e = new ControllerExpectations(new FakeClock());
    e.expectCreations('ns/rs', 3);
    for (const satisfied of [false, false, true]) {
      assert.equal(e.satisfiedExpectations('ns/rs'), false);
      e.creationObserved('ns/rs');
      assert.equal(e.satisfiedExpectations('ns/rs'), satisfied);
    }
    e.creationObserved('ns/rs'); // an extra observation keeps it satisfied
    assert.equal(e.satisfiedExpectations('ns/rs'), true);
    assert.equal(e.getExpectations('ns/rs')?.add, -1);
  });

  test('expectations expire after five minutes', async () => {
    const clock = new FakeClock();
    const e = new ControllerExpectations(clock);
    e.expectDeletions('ns/rs', 2);
    await clock.advance(EXPECTATIONS_TIMEOUT_MS);
    assert.equal(e.satisfiedExpectations('ns/rs'), false, 'exactly the TTL is not yet expired');
    await clock.advance(1);
    assert.equal(e.satisfiedExpectations('ns/rs'), true);
  });

  test('set replaces, delete forgets, raise/lower adjust', () => {
    const e = new ControllerExpectations(new FakeClock());
    e.setExpectations('k', 1, 1);
    e.raiseExpectations('k', 2, 0);
    assert.deepEqual([e.getExpectations('k')?.add, e.getExpectations('k')?.del], [3, 1]);
    e.lowerExpectations('k', 3, 1);
    assert.equal(e.satisfiedExpectations('k'), true);
    e.expectCreations('k', 5);
    assert.deepEqual([e.getExpectations('k')?.add, e.getExpectations('k')?.del], [5, 0]);
    e.deleteExpectations('k');
    assert.equal(e.getExpectations('k'), undefined);
    e.raiseExpectations('k', 1, 1); // nothing to raise
    assert.equal(e.getExpectations('k'), undefined);
  });
});

describe('UIDTrackingControllerExpectations', () => {
  test('each expected deletion counts once; unexpected ones not at all', () => {
    const e = new UIDTrackingControllerExpectations(new ControllerExpectations(new FakeClock()));
    e.expectDeletions('ns/rs', ['ns/a', 'ns/b']);
    assert.equal(e.satisfiedExpectations('ns/rs'), false);
    e.deletionObserved('ns/rs', 'ns/a');
    e.deletionObserved('ns/rs', 'ns/a'); // deletionTimestamp then removal: one deletion
    e.deletionObserved('ns/rs', 'ns/other');
    assert.equal(e.getExpectations('ns/rs')?.del, 1);
    assert.deepEqual([...e.getDeleteKeys('ns/rs')], ['ns/b']);
    e.deletionObserved('ns/rs', 'ns/b');
    assert.equal(e.satisfiedExpectations('ns/rs'), true);
  });

  test('creations pass through; deleteExpectations forgets keys too', () => {
    const e = new UIDTrackingControllerExpectations();
    e.expectCreations('k', 1);
    assert.equal(e.satisfiedExpectations('k'), false);
    e.creationObserved('k');
    assert.equal(e.satisfiedExpectations('k'), true);
    e.expectDeletions('k', ['ns/a']);
    e.deleteExpectations('k');
    assert.equal(e.getDeleteKeys('k').size, 0);
    assert.equal(e.satisfiedExpectations('k'), true);
  });
});
