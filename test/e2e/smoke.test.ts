// The README's promise: a fresh `kite server` answers kubectl.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type KiteProcess, startKite } from './harness.js';

let kite: KiteProcess;
before(async () => {
  kite = await startKite();
});
after(() => kite.stop());

test('kubectl version reports the server', async () => {
  const out = await kite.k(['version']);
  assert.match(out, /Server Version: v1\.32\.0\+kite/);
});

test('the system namespaces exist from the start', async () => {
  const out = await kite.k(['get', 'namespaces', '-o', 'name']);
  assert.deepEqual(out.trim().split('\n').sort(), ['namespace/default', 'namespace/kube-node-lease', 'namespace/kube-public', 'namespace/kube-system']);
});

test('SIGTERM shuts the server down cleanly', async () => {
  const code = await kite.terminate();
  assert.equal(code, 0);
});
