import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { SchedulerWorker } from './scheduler-worker.js';

test('a scheduler thread that dies unasked is started again, until stop()', async () => {
  const messages: string[] = [];
  const worker = new SchedulerWorker({
    apiServer: { handle: () => undefined },
    entry: new URL('./crashing-entry.js', import.meta.url),
    restartDelayMs: 20,
    onError: (m) => messages.push(m),
  });
  const starts = (): number => messages.filter((m) => m === 'crashing-entry started').length;
  worker.start();
  const deadline = Date.now() + 10_000;
  while (starts() < 3 && Date.now() < deadline) await sleep(20);
  assert.ok(starts() >= 3, `started ${starts()} times: ${messages.join(' | ')}`);
  assert.ok(messages.some((m) => /worker thread exited \(code 1\); starting it again/.test(m)));
  await worker.stop();
  const after = starts();
  await sleep(300);
  assert.equal(starts(), after, 'no restart after stop()');
});
