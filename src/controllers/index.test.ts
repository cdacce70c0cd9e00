import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONTROLLERS, selectControllers, UnknownControllerError } from './index.js';

const names = (list: string): string[] => selectControllers(list).map((f) => CONTROLLERS.find((c) => c.factory === f)!.name);

test('--controllers selects as kube-controller-manager does', () => {
  assert.deepEqual(names('*'), CONTROLLERS.map((c) => c.name));
  assert.deepEqual(names('*,-deployment,-replicaset-controller'), ['namespace-controller', 'serviceaccount-controller', 'garbage-collector-controller']);
  assert.deepEqual(names('serviceaccount,namespace'), ['namespace-controller', 'serviceaccount-controller']);
  assert.deepEqual(names(''), []);
  assert.deepEqual(names('deployment,-deployment'), []);
  assert.throws(() => selectControllers('*,-nope'), UnknownControllerError);
});
