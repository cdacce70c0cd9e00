// The sqlite backend: the shared conformance suite, persistence across close and reopen, and a
// crash test that SIGKILLs a writer process mid-load and checks every acknowledged write.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, test } from 'node:test';
import { collect, kvConformance, until } from '../conformance.js';
import { StorageError, openStorage, storageFile, type KV, type WatchEvent } from '../index.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kite-sqlite-test-'));
let dirs = 0;
const freshDir = (): string => path.join(root, `db${dirs++}`);

kvConformance('sqlite', () => openStorage({ backend: 'sqlite', dataDir: freshDir() }));

after(() => fs.rmSync(root, { recursive: true, force: true }));

describe('sqlite: persistence', () => {
  test('data, revision and compacted revision survive close and reopen', async () => {
    const dataDir = freshDir();
    let kv = await openStorage({ backend: 'sqlite', dataDir });
    const a = await kv.create('/p/a', 'a1'); // 1
    await kv.update('/p/a', 'a2', a.modRevision); // 2
    await kv.create('/p/b', 'b'); // 3
    await kv.delete('/p/b'); // 4
    await kv.create('/p/c', 'c'); // 5
    await kv.compact(4);
    const before = await kv.list('/p/');
    await kv.close();

    kv = await openStorage({ backend: 'sqlite', dataDir });
    try {
      assert.equal(await kv.currentRevision(), 5);
      assert.equal(await kv.compactedRevision(), 4);
      assert.deepEqual(await kv.list('/p/'), before);
      await assert.rejects(kv.get('/p/a', { revision: 3 }), /compacted/);
      assert.equal((await kv.get('/p/a', { revision: 4 })).kv?.value, 'a2');
      const d = await kv.create('/p/d', 'd');
      assert.equal(d.modRevision, 6);
    } finally {
      await kv.close();
    }
  });

  test('revisions never repeat, even when compaction removed the newest rows', async () => {
    const dataDir = freshDir();
    let kv = await openStorage({ backend: 'sqlite', dataDir });
    await kv.create('/r/a', '');
    await kv.create('/r/b', '');
    await kv.delete('/r/b'); // 3: the newest row is a tombstone
    await kv.compact(3); // removes it
    await kv.close();
    kv = await openStorage({ backend: 'sqlite', dataDir });
    try {
      assert.equal(await kv.currentRevision(), 3);
      const b = await kv.create('/r/b', 'again');
      assert.deepEqual(b, { key: '/r/b', value: 'again', createRevision: 4, modRevision: 4 });
    } finally {
      await kv.close();
    }
  });

  test('a second store on the same file is refused while the first is open', async () => {
    const dataDir = freshDir();
    const kv = await openStorage({ backend: 'sqlite', dataDir });
    try {
      await kv.create('/x', '');
      await assert.rejects(openStorage({ backend: 'sqlite', dataDir }), (e) => e instanceof StorageError && /in use/.test(e.message));
    } finally {
      await kv.close();
    }
    const again = await openStorage({ backend: 'sqlite', dataDir });
    assert.equal(await again.currentRevision(), 1);
    await again.close();
  });

  test('synchronous=normal is accepted and behaves the same', async () => {
    const kv = await openStorage({ backend: 'sqlite', dataDir: freshDir(), synchronous: 'normal' });
    try {
      await Promise.all(Array.from({ length: 100 }, (_, i) => kv.create(`/n/${i}`, '')));
      assert.equal((await kv.count('/n/')).count, 100);
    } finally {
      await kv.close();
    }
  });

  test('sqlite needs a dataDir', async () => {
    await assert.rejects(openStorage({ backend: 'sqlite' }), StorageError);
  });
});

describe('sqlite: crash safety', () => {
  const writerScript = fileURLToPath(new URL('./crash-writer.js', import.meta.url));

  interface Ack {
    readonly revision: number;
    readonly type: string;
    readonly key: string;
  }

  /** Runs the writer until it has acknowledged at least `count` writes, then SIGKILLs it. */
  async function runAndKill(file: string, count: number): Promise<Ack[]> {
    const child = spawn(process.execPath, [writerScript, file, '25'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acks: Ack[] = [];
    let partial = '';
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          const lines = (partial + chunk).split('\n');
          partial = lines.pop()!; // an unfinished line was not (fully) acknowledged
          for (const line of lines) {
            const [revision, type, key] = line.split(' ');
            acks.push({ revision: Number(revision), type: type!, key: key! });
          }
          if (acks.length >= count) resolve();
        });
        child.on('exit', (code) => reject(new Error(`crash writer exited early (${code}): ${stderr}`)));
      });
      // Kill mid-load: the writers are still running with commits in flight.
      child.kill('SIGKILL');
      assert.equal(await exited, 'SIGKILL');
      return acks;
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  }

  async function replayAll(kv: KV): Promise<WatchEvent[]> {
    const current = await kv.currentRevision();
    const w = collect(kv, '', 0);
    try {
      await until(() => w.errors.length > 0 || w.progress.some((p) => p >= current));
      assert.deepEqual(w.errors, []);
      return w.events;
    } finally {
      w.watch.close();
    }
  }

  test('every acknowledged write survives SIGKILL, and the log replays without gaps', async () => {
    const dataDir = freshDir();
    const file = storageFile(dataDir);
    const acks: Ack[] = [];
    for (let round = 0; round < 3; round++) {
      acks.push(...(await runAndKill(file, 1500)));
      const kv = await openStorage({ backend: 'sqlite', dataDir });
      try {
        const maxAck = Math.max(...acks.map((a) => a.revision));
        const current = await kv.currentRevision();
        assert.ok(current >= maxAck, `current revision ${current} < acknowledged ${maxAck}`);
        const events = await replayAll(kv);
        // No compaction ran, so a watcher from 0 sees every revision exactly once.
        assert.deepEqual(
          events.map((e) => e.revision),
          Array.from({ length: current }, (_, i) => i + 1),
          'replayed revisions are 1..current with no gap or repeat',
        );
        for (const ack of acks) {
          const event = events[ack.revision - 1]!;
          const key = event.type === 'delete' ? event.key : event.kv.key;
          assert.deepEqual({ revision: event.revision, type: event.type, key }, ack);
        }
      } finally {
        await kv.close();
      }
    }
  });
});
