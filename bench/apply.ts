// kubectl apply benchmark (node dist/bench/apply.js): a real `kite server` process (sqlite
// storage, the default) and the real kubectl, applying one file of 1,000 objects. Per round,
// on a fresh server and data directory, and for each workload:
//
//   create    kubectl apply -f of the file into an empty namespace (every object created)
//   change    kubectl apply -f of the same objects with one field changed in each
//   no-op     kubectl apply -f of that file again (every object unchanged)
//
// Workloads: `configmaps` (1,000 ConfigMaps; the change is a data value) and `mix` (334
// Deployments, 333 Services, 333 ConfigMaps; the changes are the container image, the target
// port and a data value). Client-side apply by default (kubectl GETs each object, then PATCHes
// it with a three-way strategic merge patch); --server-side runs the same phases with
// `kubectl apply --server-side` (one apply PATCH per object) as well.
//
// Before timing, kubectl is warmed up on the server (discovery and the OpenAPI documents are in
// its cache), as on any machine where kubectl has talked to the cluster before. Each figure is
// the wall time of the kubectl process; the CPU time the server, kubectl and everything else on
// the machine used during it is printed beside it, since client and server share the cores.
//
// Flags: --rounds N (default 3, figures are medians), --count N (default 1000),
//        --workload configmaps|mix|all (default all), --server-side (also time SSA),
//        --no-validate (pass --validate=false: kubectl skips its per-object OpenAPI lookup
//        for field validation, which shows how much of the time is kubectl's own).

import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CLK_TCK, ServerProcess } from './server-process.js';


type Workload = 'configmaps' | 'mix';
type Mode = 'client-side' | 'server-side';
const PHASES = ['create', 'change', 'no-op'] as const;
type Phase = (typeof PHASES)[number];

interface Sample {
  wallMs: number;
  serverCpuMs: number;
  kubectlCpuMs: number;
  otherCpuMs: number;
}

// ---------------------------------------------------------------------------------------------
// Processes and CPU accounting

/** utime+stime (field 14+15 of stat(5), offset 11 from the state field) or, with offset 13,
 *  cutime+cstime: the CPU of children this process has waited for. */
function procCpuMs(stat: string, offset: number): number {
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(f[offset]) + Number(f[offset + 1])) * 1000) / CLK_TCK;
}

const childrenCpuMs = () => procCpuMs(fs.readFileSync('/proc/self/stat', 'utf8'), 13);
const selfCpuMs = () => procCpuMs(fs.readFileSync('/proc/self/stat', 'utf8'), 11);

function machineBusyMs(): number {
  const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq] = f as number[];
  return ((user! + nice! + system! + irq! + softirq!) * 1000) / CLK_TCK;
}

function kubectl(server: ServerProcess, args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn('kubectl', ['--kubeconfig', server.kubeconfig, '--cache-dir', path.join(server.dataDir, 'kubectl-cache'), ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    p.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    p.once('error', reject);
    p.once('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    p.stdin.end(input ?? '');
  });
}

/** Runs kubectl once, timed; fails unless every object is reported with the expected verb. */
async function timedApply(server: ServerProcess, args: string[], file: string, count: number, verb: string): Promise<Sample> {
  const cpu0 = { server: server.cpuMs(), kids: childrenCpuMs(), self: selfCpuMs(), busy: machineBusyMs() };
  const t0 = performance.now();
  const r = await kubectl(server, ['apply', '-f', file, ...args]);
  const wallMs = performance.now() - t0;
  const serverCpuMs = server.cpuMs() - cpu0.server;
  const kubectlCpuMs = childrenCpuMs() - cpu0.kids;
  const otherCpuMs = Math.max(0, machineBusyMs() - cpu0.busy - serverCpuMs - kubectlCpuMs - (selfCpuMs() - cpu0.self));
  const lines = r.stdout.trim().split('\n');
  const ok = lines.filter((l) => l.endsWith(` ${verb}`)).length;
  if (r.code !== 0 || ok !== count) {
    throw new Error(`kubectl apply ${args.join(' ')}: exit ${r.code}, ${ok}/${count} ${verb}\n${r.stderr.slice(0, 2000)}\n${lines.slice(0, 5).join('\n')}`);
  }
  return { wallMs, serverCpuMs, kubectlCpuMs, otherCpuMs };
}

// ---------------------------------------------------------------------------------------------
// The files

function configMap(ns: string, i: number, changed: boolean): string {
  return `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings-${i}
  namespace: ${ns}
  labels: {app: bench, index: "${i}"}
data:
  color: ${changed ? 'green' : 'blue'}
  size: "${i % 7}"
  config.yaml: |
    server:
      port: 8080
      workers: 4
`;
}

function deployment(ns: string, i: number, changed: boolean): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-${i}
  namespace: ${ns}
  labels: {app: web-${i}}
spec:
  replicas: 2
  selector: {matchLabels: {app: web-${i}}}
  template:
    metadata: {labels: {app: web-${i}}}
    spec:
      containers:
      - name: web
        image: nginx:${changed ? '1.28' : '1.27'}
        ports: [{containerPort: 8080, name: http}]
        env: [{name: MODE, value: production}]
        resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {memory: 256Mi}}
`;
}

function service(ns: string, i: number, changed: boolean): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: web-${i}
  namespace: ${ns}
spec:
  selector: {app: web-${i}}
  ports: [{name: http, port: 80, targetPort: ${changed ? 8081 : 8080}}]
`;
}

function generate(workload: Workload, ns: string, count: number, changed: boolean): string {
  const docs: string[] = [];
  for (let i = 0; i < count; i++) {
    if (workload === 'configmaps') docs.push(configMap(ns, i, changed));
    else docs.push([deployment, service, configMap][i % 3]!(ns, i, changed));
  }
  return docs.join('---\n');
}

// ---------------------------------------------------------------------------------------------
// Rounds

type Results = Map<string, Sample[]>;

async function round(workloads: Workload[], modes: Mode[], count: number, results: Results, tmp: string): Promise<void> {
  const server = await ServerProcess.start({ prefix: 'kite-bench-apply-' });
  try {
    // Warm-up: discovery and the OpenAPI documents into kubectl's cache.
    await kubectl(server, ['create', 'namespace', 'warmup']);
    const warm = path.join(tmp, 'warmup.yaml');
    fs.writeFileSync(warm, generate('mix', 'warmup', 3, false));
    for (const args of [[], ['--server-side']]) await kubectl(server, ['apply', '-f', warm, ...args]);
    for (const workload of workloads) {
      for (const mode of modes) {
        const ns = `${workload}-${mode}`;
        await kubectl(server, ['create', 'namespace', ns]);
        const original = path.join(tmp, `${ns}.yaml`);
        const changed = path.join(tmp, `${ns}-changed.yaml`);
        fs.writeFileSync(original, generate(workload, ns, count, false));
        fs.writeFileSync(changed, generate(workload, ns, count, true));
        const ssa = mode === 'server-side';
        const args = [...(ssa ? ['--server-side'] : []), ...(noValidate ? ['--validate=false'] : [])];
        const verbs: Record<Phase, string> = ssa
          ? { create: 'serverside-applied', change: 'serverside-applied', 'no-op': 'serverside-applied' }
          : { create: 'created', change: 'configured', 'no-op': 'unchanged' };
        const files: Record<Phase, string> = { create: original, change: changed, 'no-op': changed };
        for (const phase of PHASES) {
          const sample = await timedApply(server, args, files[phase], count, verbs[phase]);
          const key = `${workload}|${mode}|${phase}`;
          results.set(key, [...(results.get(key) ?? []), sample]);
          console.error(`  ${key}: ${(sample.wallMs / 1000).toFixed(2)} s`);
        }
      }
    }
  } finally {
    await server.stop();
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

function report(results: Results, count: number, rounds: number): string {
  const out: string[] = [];
  out.push(`kubectl apply${noValidate ? ' --validate=false' : ''} of ${count} objects in one file; ${rounds === 1 ? 'one run' : `median of ${rounds} runs (fresh server each), wall range in brackets`}`);
  out.push(`node ${process.version}, ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, ${os.platform()} ${os.release()}; ${kubectlVersion()}`);
  out.push('');
  out.push('| workload | apply | phase | wall s | objects/s | server CPU s | kubectl CPU s | other CPU s |');
  out.push('| -------- | ----- | ----- | ------ | --------- | ------------ | ------------- | ----------- |');
  for (const [key, samples] of results) {
    const [workload, mode, phase] = key.split('|');
    const wall = samples.map((s) => s.wallMs / 1000);
    const m = median(wall);
    const range = samples.length > 1 ? ` (${Math.min(...wall).toFixed(2)}–${Math.max(...wall).toFixed(2)})` : '';
    const cpu = (f: keyof Sample) => (median(samples.map((s) => s[f])) / 1000).toFixed(2);
    out.push(`| ${workload} | ${mode} | ${phase} | ${m.toFixed(2)}${range} | ${Math.round(count / m)} | ${cpu('serverCpuMs')} | ${cpu('kubectlCpuMs')} | ${cpu('otherCpuMs')} |`);
  }
  return out.join('\n');
}

function kubectlVersion(): string {
  try {
    const v = JSON.parse(execFileSync('kubectl', ['version', '--client', '-o', 'json']).toString());
    return `kubectl ${v.clientVersion.gitVersion}`;
  } catch {
    return 'kubectl (version unknown)';
  }
}

const { values } = parseArgs({
  options: {
    rounds: { type: 'string' },
    count: { type: 'string' },
    workload: { type: 'string' },
    'server-side': { type: 'boolean', default: false },
    'no-validate': { type: 'boolean', default: false },
  },
});
const noValidate = values['no-validate']!;
const rounds = Number(values.rounds ?? 3);
const count = Number(values.count ?? 1000);
const workloads: Workload[] = values.workload && values.workload !== 'all' ? [values.workload as Workload] : ['configmaps', 'mix'];
const modes: Mode[] = values['server-side'] ? ['client-side', 'server-side'] : ['client-side'];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kite-bench-apply-files-'));
const results: Results = new Map();
try {
  for (let r = 0; r < rounds; r++) {
    console.error(`round ${r + 1}/${rounds} (load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')})`);
    await round(workloads, modes, count, results, tmp);
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
console.log(report(results, count, rounds));
