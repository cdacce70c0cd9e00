// A `kite server` child process for benchmarks: started on a fresh data directory and port,
// ready once /readyz answers 200, with its memory (VmRSS, VmHWM) and CPU time read from
// /proc, and stopped with SIGTERM (SIGKILL after a minute).

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const KITE_BIN = path.join(REPO, 'bin', 'kite.js');
export const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

export interface ServerProcessOptions {
  readonly storage?: string;
  /** Extra `kite server` flags. */
  readonly args?: readonly string[];
  /** Run the server under `node --cpu-prof`, writing profiles to this directory. */
  readonly cpuProfDir?: string;
  /** Prefix of the temporary data directory's name. */
  readonly prefix?: string;
}

export class ServerProcess {
  readonly #proc: ChildProcess;
  readonly #exited: Promise<number | null>;
  readonly dataDir: string;
  url = '';
  output = '';

  private constructor(proc: ChildProcess, dataDir: string) {
    this.#proc = proc;
    this.dataDir = dataDir;
    this.#exited = new Promise((resolve) => proc.once('exit', (code) => resolve(code)));
  }

  get kubeconfig(): string {
    return path.join(this.dataDir, 'kubeconfig.yaml');
  }

  static async start(opts: ServerProcessOptions = {}): Promise<ServerProcess> {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), opts.prefix ?? 'kite-bench-'));
    const nodeArgs = opts.cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', opts.cpuProfDir] : [];
    const args = [...nodeArgs, KITE_BIN, 'server', '--port', '0', '--data-dir', dataDir, '--disable-agent', '--storage', opts.storage ?? 'sqlite', ...(opts.args ?? [])];
    const proc = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const server = new ServerProcess(proc, dataDir);
    try {
      server.url = await new Promise<string>((resolve, reject) => {
        proc.stdout!.on('data', (chunk: Buffer) => {
          server.output += chunk.toString();
          const m = /serving the Kubernetes API at (\S+)/.exec(server.output);
          if (m) resolve(m[1]!);
        });
        proc.stderr!.on('data', (chunk: Buffer) => (server.output += chunk.toString()));
        proc.once('exit', (code) => reject(new Error(`kite server exited (${code}) before serving:\n${server.output}`)));
        setTimeout(() => reject(new Error(`kite server did not start in 30 s:\n${server.output}`)), 30_000).unref();
      });
      const deadline = Date.now() + 20_000;
      while ((await fetch(new URL('/readyz', server.url)).then((r) => r.status).catch(() => 0)) !== 200) {
        if (Date.now() > deadline) throw new Error(`kite server not ready:\n${server.output}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    } catch (err) {
      await server.stop(false);
      throw err;
    }
    return server;
  }

  get pid(): number {
    return this.#proc.pid!;
  }

  /** VmRSS and VmHWM (peak RSS) in MiB. */
  memory(): { rss: number; peak: number } {
    const status = fs.readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
  }

  /** User + system CPU time of the process (all threads), in ms. */
  cpuMs(): number {
    const stat = fs.readFileSync(`/proc/${this.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of stat(5), counted from the state field (3).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
  }

  /** SIGTERM and wait for a clean exit (SIGKILL after 60 s); removes the data directory. */
  async stop(removeData = true): Promise<number | null> {
    let code: number | null = this.#proc.exitCode;
    if (code === null && this.#proc.signalCode === null) {
      this.#proc.kill('SIGTERM');
      const timer = setTimeout(() => this.#proc.kill('SIGKILL'), 60_000);
      code = await this.#exited;
      clearTimeout(timer);
    }
    if (removeData) fs.rmSync(this.dataDir, { recursive: true, force: true });
    return code;
  }
}
