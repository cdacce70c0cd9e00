// End-to-end harness: starts a real `kite server` process on a free port with its own data
// directory, and runs the real kubectl against it with a fresh discovery cache. Everything
// a test starts is cleaned up by `stop()` (process by PID, temp directories).

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStorage } from '../../src/storage/index.js';

const REPO = fileURLToPath(new URL('../../..', import.meta.url));
const KITE_BIN = join(REPO, 'bin', 'kite.js');

export interface KubectlResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface KubectlOptions {
  readonly input?: string;
  /** Another kubectl binary (e.g. a versioned one). */
  readonly kubectl?: string;
  /** Another discovery cache (another kubectl version should not share ours). */
  readonly cacheDir?: string;
  readonly env?: Record<string, string>;
}

/** Server flags for tests of what the API stores and returns: no controller or scheduler
 *  writes to the objects meanwhile, except the ones every namespace relies on (its default
 *  ServiceAccount; namespace deletion). */
export const API_ONLY: readonly string[] = ['--controllers', 'namespace,serviceaccount', '--disable-scheduler'];

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
  /** The port the next start() asks for (0: any free one). */
  #port = 0;
  readonly #children = new Set<ChildProcess>();
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
    this.output = '';
    const args = [KITE_BIN, 'server', '--data-dir', this.dataDir, '--port', String(this.#port), '--disable-agent', '--storage', this.#opts.storage ?? 'sqlite', ...(this.#opts.args ?? [])];
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
    for (const child of this.#children) child.kill('SIGKILL');
    await this.terminate().catch(() => undefined);
    await this.kill();
    rmSync(this.cacheDir, { recursive: true, force: true });
    if (this.#ownsDataDir) rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** Stops the server (SIGTERM, or SIGKILL when crash is set; nothing if it already
   *  exited), runs `between` while it is down, and starts it again on the same data
   *  directory (on a new port, or on the same one with samePort: clients holding the old
   *  address reconnect to the new server). */
  async restart(opts: { crash?: boolean; samePort?: boolean; between?: () => Promise<void> | void } = {}): Promise<void> {
    this.#port = opts.samePort ? Number(new URL(this.url).port) : 0;
    const running = !!this.#proc && this.#proc.exitCode === null && this.#proc.signalCode === null;
    if (!running) await this.#exited;
    else if (opts.crash) await this.kill();
    else {
      const code = await this.terminate();
      if (code !== 0) throw new Error(`kite server exited with ${code} on SIGTERM:\n${this.output}`);
    }
    await opts.between?.();
    await this.start();
  }

  /** Keeps the data directory for a follow-up server (restart tests). */
  releaseDataDir(): string {
    this.#ownsDataDir = false;
    return this.dataDir;
  }

  kubectl(args: readonly string[], opts: KubectlOptions = {}): Promise<KubectlResult> {
    const bin = opts.kubectl ?? this.#opts.kubectl ?? 'kubectl';
    return run(bin, ['--kubeconfig', this.kubeconfig, '--cache-dir', opts.cacheDir ?? this.cacheDir, ...args], opts.input, opts.env);
  }

  /** kubectl that must succeed; returns stdout. */
  async k(args: readonly string[], input?: string): Promise<string> {
    const r = await this.kubectl(args, { input });
    if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${r.code}):\n${r.stderr}${r.stdout}${this.exitReport()}`);
    return r.stdout;
  }

  /** If the server is no longer running: how it ended and what it printed (for failures). */
  exitReport(): string {
    const p = this.#proc;
    if (!p || (p.exitCode === null && p.signalCode === null)) return '';
    return `\n(kite server pid ${p.pid} ended: ${p.signalCode ?? `exit ${p.exitCode}`})\n${this.output}`;
  }

  /** kubectl that must fail; returns stderr (trimmed). */
  async kFails(args: readonly string[], input?: string): Promise<string> {
    const r = await this.kubectl(args, { input });
    if (r.code === 0) throw new Error(`kubectl ${args.join(' ')} succeeded but should have failed:\n${r.stdout}`);
    return r.stderr.trim();
  }

  /** kubectl ... -o json, parsed. */
  async kJson<T = any>(args: readonly string[]): Promise<T> {
    return JSON.parse(await this.k([...args, '-o', 'json'])) as T;
  }

  /** Starts a long-running kubectl (e.g. get -w); the caller kills it. */
  spawnKubectl(args: readonly string[]): ChildProcess {
    const child = spawn('kubectl', ['--kubeconfig', this.kubeconfig, '--cache-dir', this.cacheDir, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.#children.add(child);
    child.once('exit', () => this.#children.delete(child));
    return child;
  }

  /** A long-running kubectl (`get -w`) whose stdout is read line by line; close() kills it.
   *  stderr collects what it printed there. */
  watchKubectl(args: readonly string[]): { lines: LineStream; stderr: () => string; child: ChildProcess } {
    const child = this.spawnKubectl(args);
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    const lines = new LineStream(child.stdout!, () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    return { lines, stderr: () => stderr, child };
  }

  async fetch(path: string, init?: RequestInit): Promise<Response> {
    return fetch(`${this.url}${path}`, init);
  }

  /** A request with a JSON body (or none) whose answer is parsed as JSON. */
  async api<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const init: RequestInit = { method, headers: { 'Content-Type': 'application/json', Accept: 'application/json' } };
    if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
    const res = await this.fetch(path, init);
    return { status: res.status, body: (await res.json()) as T };
  }

  /** Opens a raw watch (a `?watch=1` path) and returns its event stream line by line. */
  async watch(path: string): Promise<LineStream> {
    const abort = new AbortController();
    const res = await this.fetch(path, { signal: abort.signal });
    if (res.status !== 200) throw new Error(`watch ${path}: HTTP ${res.status}: ${await res.text()}`);
    return new LineStream(res.body!, () => abort.abort());
  }
}

/** Newline-delimited text from a stream (a watch or a child's stdout), read line by line. */
export class LineStream {
  readonly #lines: string[] = [];
  readonly #waiters: (() => void)[] = [];
  #buffer = '';
  #ended = false;
  readonly #close: () => void;

  constructor(source: ReadableStream<Uint8Array> | NodeJS.ReadableStream, close: () => void) {
    this.#close = close;
    void this.#pump(source);
  }

  async #pump(source: ReadableStream<Uint8Array> | NodeJS.ReadableStream): Promise<void> {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of source as AsyncIterable<Uint8Array | string>) {
        this.#buffer += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
        let nl: number;
        while ((nl = this.#buffer.indexOf('\n')) >= 0) {
          this.#lines.push(this.#buffer.slice(0, nl));
          this.#buffer = this.#buffer.slice(nl + 1);
        }
        this.#wake();
      }
    } catch {
      // aborted
    }
    if (this.#buffer) this.#lines.push(this.#buffer);
    this.#buffer = '';
    this.#ended = true;
    this.#wake();
  }

  #wake(): void {
    for (const w of this.#waiters.splice(0)) w();
  }

  get ended(): boolean {
    return this.#ended;
  }

  /** The next line; undefined when the stream ended; throws after timeoutMs. */
  async next(timeoutMs = 10_000): Promise<string | undefined> {
    const deadline = Date.now() + timeoutMs;
    while (this.#lines.length === 0) {
      if (this.#ended) return undefined;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no line within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    return this.#lines.shift();
  }

  /** The next n lines (fails if the stream ends first). */
  async take(n: number, timeoutMs = 10_000): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    const out: string[] = [];
    while (out.length < n) {
      let line: string | undefined;
      try {
        line = await this.next(Math.max(1, deadline - Date.now()));
      } catch (err) {
        throw new Error(`${(err as Error).message}: got ${out.length} of ${n} lines; the last: ${out.at(-1)?.slice(0, 300) ?? 'none'}`);
      }
      if (line === undefined) throw new Error(`stream ended after ${out.length} of ${n} lines`);
      out.push(line);
    }
    return out;
  }

  /** Lines until one matches (inclusive). */
  async until(pred: (line: string) => boolean, timeoutMs = 10_000): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    const out: string[] = [];
    for (;;) {
      const line = await this.next(Math.max(1, deadline - Date.now()));
      if (line === undefined) throw new Error(`stream ended before the expected line; got:\n${out.join('\n')}`);
      out.push(line);
      if (pred(line)) return out;
    }
  }

  /** Everything until the stream ends. */
  async rest(timeoutMs = 10_000): Promise<string[]> {
    const out: string[] = [];
    for (;;) {
      const line = await this.next(timeoutMs);
      if (line === undefined) return out;
      out.push(line);
    }
  }

  close(): void {
    this.#close();
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

/** Compacts all storage history in a stopped server's (sqlite) data directory, as a
 *  long-running server's compaction eventually does: older resourceVersions are gone. */
export async function compactStorage(dataDir: string): Promise<void> {
  const kv = await openStorage({ backend: 'sqlite', dataDir });
  try {
    await kv.compact(await kv.currentRevision());
  } finally {
    await kv.close();
  }
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
