// A load generator for the sqlite crash test (sqlite.test.ts), run as a child process:
//   node crash-writer.js <database file> <concurrent writers>
// Each writer loops creating, updating and sometimes deleting its own keys, and prints one
// line per acknowledged write, "<revision> <create|update|delete> <key>", only after the
// write's promise has resolved. The parent kills it with SIGKILL mid-load and checks that
// every printed write survived.

import { openSqlite } from './index.js';

const [file, writersArg] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: crash-writer <database file> [writers]\n');
  process.exit(2);
}
const writers = Number(writersArg ?? 20);
const kv = openSqlite(file);
// Keys must not collide with an earlier (killed) run against the same file.
const run = `${process.pid}-${Date.now()}`;

const ack = (revision: number, type: string, key: string): void => {
  process.stdout.write(`${revision} ${type} ${key}\n`);
};

async function writer(id: number): Promise<never> {
  for (let n = 0; ; n++) {
    const key = `/crash/${run}/w${id}/${n}`;
    const created = await kv.create(key, `v0-${'x'.repeat(n % 200)}`);
    ack(created.modRevision, 'create', key);
    const updated = await kv.update(key, `v1-${n}`, created.modRevision);
    ack(updated.modRevision, 'update', key);
    if (n % 3 === 0) {
      const deleted = await kv.delete(key, updated.modRevision);
      ack(deleted.revision, 'delete', key);
    }
  }
}

await Promise.all(Array.from({ length: writers }, (_, i) => writer(i)));
