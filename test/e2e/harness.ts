// End-to-end harness: starts a real `kite server` process on a free port with its own data
// directory, and runs the real kubectl against it with a fresh discovery cache. Everything
// a test starts is cleaned up by `stop()` (process by PID, temp directories).

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../../..', import.meta.url));
const KITE_BIN = join(REPO, 'bin', 'kite.js');

export interface KubectlResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface KiteOptions {
  readonly storage?: 'sqlite' | 'memory';
  readonly args?: readonly string[];
  /** Reuse a data directory (e.g. after a restart). */
  readonly dataDir?: string;
  /** The kubectl binary (default: kubectl on PATH). */
  readonly kubectl?: string;
}

export class KiteProcess {
  readonly dataDir: string;
  readonly kubeconfig: string;
  readonly cacheDir: string;
  url = '';
  #proc: ChildProcess | undefined;
  #exited: Promise<number | null> | undefined;
  #ownsDataDir: boolean;
  readonly #opts: KiteOptions;
  output = '';

  constructor(opts: KiteOptions = {}) {
    this.#opts = opts;
    this.#ownsDataDir = !opts.dataDir;
    this.dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'kite-e2e-'));
    this.kubeconfig = join(this.dataDir, 'kubeconfig.yaml');
    this.cacheDir = mkdtempSync(join(tmpdir(), 'kite-kubectl-cache-'));
  }

  get pid(): number | undefined {
    return this.#proc?.pid;
  }

  async start(): Promise<void> {
    const args = [KITE_BIN, 'server', '--data-dir', this.dataDir, '--port', '0', '--disable-agent', '--storage', this.#opts.storage ?? 'sqlite', ...(this.#opts.args ?? [])];
    const proc = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.#proc = proc;
    this.#exited = new Promise((resolve) => proc.once('exit', (code) => resolve(code)));
    this.url = await new Promise<string>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        this.output += chunk.toString();
        const m = /serving the Kubernetes API at (\S+)/.exec(this.output);
        if (m) resolve(m[1]);
      };
      proc.stdout!.on('data', onData);
      proc.stderr!.on('data', (c: Buffer) => (this.output += c.toString()));
      proc.once('exit', (code) => reject(new Error(`kite server exited with ${code} before serving:\n${this.output}`)));
    });
    await this.waitReady();
  }

  async waitReady(timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const res = await fetch(`${this.url}/readyz`);
        if (res.status === 200) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`kite server not ready after ${timeoutMs} ms:\n${this.output}`);
      await sleep(50);
    }
  }

  /** SIGTERM and wait for a clean exit; returns the exit code. */
  async terminate(): Promise<number | null> {
    if (!this.#proc || this.#proc.exitCode !== null) return this.#proc?.exitCode ?? null;
    this.#proc.kill('SIGTERM');
    return this.#exited!;
  }

  /** SIGKILL: a crash. */
  async kill(): Promise<void> {
    if (!this.#proc || this.#proc.exitCode !== null) return;
    this.#proc.kill('SIGKILL');
    await this.#exited;
  }

  /** Stops the server and removes everything this harness created. */
  async stop(): Promise<void> {
    await this.terminate().catch(() => undefined);
    await this.kill();
    rmSync(this.cacheDir, { recursive: true, force: true });
    if (this.#ownsDataDir) rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** Keeps the data directory for a follow-up server (restart tests). */
  releaseDataDir(): string {
    this.#ownsDataDir = false;
    return this.dataDir;
  }

  kubectl(args: readonly string[], opts: { input?: string; kubectl?: string; env?: Record<string, string> } = {}): Promise<KubectlResult> {
    const bin = opts.kubectl ?? this.#opts.kubectl ?? 'kubectl';
    return run(bin, ['--kubeconfig', this.kubeconfig, '--cache-dir', this.cacheDir, ...args], opts.input, opts.env);
  }

  /** kubectl that must succeed; returns stdout. */
  async k(args: readonly string[], input?: string): Promise<string> {
    const r = await this.kubectl(args, { input });
    if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${r.code}):\n${r.stderr}${r.stdout}`);
    return r.stdout;
  }

  /** Starts a long-running kubectl (e.g. get -w); the caller kills it. */
  spawnKubectl(args: readonly string[]): ChildProcess {
    return spawn('kubectl', ['--kubeconfig', this.kubeconfig, '--cache-dir', this.cacheDir, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  }

  async fetch(path: string, init?: RequestInit): Promise<Response> {
    return fetch(`${this.url}${path}`, init);
  }
}

export function run(bin: string, args: readonly string[], input?: string, env?: Record<string, string>): Promise<KubectlResult> {
  return new Promise((resolve, reject) => {
    const proc = spawn(bin, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    proc.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    proc.once('error', reject);
    proc.once('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    proc.stdin.end(input ?? '');
  });
}

export async function startKite(opts: KiteOptions = {}): Promise<KiteProcess> {
  const kite = new KiteProcess(opts);
  try {
    await kite.start();
  } catch (err) {
    await kite.stop();
    throw err;
  }
  return kite;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls fn until it returns a truthy value or the timeout passes. */
export async function eventually<T>(fn: () => Promise<T> | T, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await sleep(100);
  }
}
