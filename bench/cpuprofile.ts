// Summarizes V8 CPU profiles of `kite server` taken by `npm run bench:api -- --cpu-prof DIR`:
// for each benchmark phase (the windows bench/api.ts records in DIR/phases-<pid>.json), the
// functions with the most self time and the most total (inclusive) time, with locations
// mapped back to the TypeScript sources through dist/'s source maps, each hot function's
// hottest lines, and self time by area (GC, JSON, node:http internals, SQLite, kite folders).
//
//   node dist/bench/cpuprofile.js DIR [--top N] [--phase NAME]
//   node dist/bench/cpuprofile.js FILE.cpuprofile [--top N]      (whole profile, no phases)

import fs from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
  readonly columnNumber: number;
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: number[];
  readonly positionTicks?: { line: number; ticks: number }[];
}

interface Profile {
  readonly nodes: ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples: number[];
  readonly timeDeltas: number[];
}

interface Phase {
  readonly name: string;
  readonly startUs: number;
  readonly endUs: number;
}

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const sourceMaps = new Map<string, SourceMap | null>();
const generatedLines = new Map<string, string[]>();

/** The column of the first code on a generated line (0-based line), so that a line-level
 *  position maps to that line's own source rather than to the end of the previous one. */
function firstColumn(url: string, line: number): number {
  if (!url.startsWith('file://')) return 0;
  const file = fileURLToPath(url);
  let lines = generatedLines.get(file);
  if (!lines) {
    try {
      lines = fs.readFileSync(file, 'utf8').split('\n');
    } catch {
      lines = [];
    }
    generatedLines.set(file, lines);
  }
  return /^\s*/.exec(lines[line] ?? '')![0].length;
}

/** file:///.../dist/x.js line/col (0-based) -> src/x.ts:line (1-based), when a map exists. */
function sourceLocation(url: string, line: number, column: number): string {
  if (!url) return '';
  if (!url.startsWith('file://')) return `${url}:${line + 1}`;
  const file = fileURLToPath(url);
  let map = sourceMaps.get(file);
  if (map === undefined) {
    try {
      map = new SourceMap(JSON.parse(fs.readFileSync(`${file}.map`, 'utf8')));
    } catch {
      map = null;
    }
    sourceMaps.set(file, map);
  }
  const rel = (p: string) => path.relative(REPO, p);
  if (!map) return `${rel(file)}:${line + 1}`;
  const entry = map.findEntry(line, column) as { originalSource?: string; originalLine?: number };
  if (!entry.originalSource) return `${rel(file)}:${line + 1}`;
  const src = entry.originalSource.startsWith('file://') ? fileURLToPath(entry.originalSource) : path.resolve(path.dirname(file), entry.originalSource);
  return `${rel(src)}:${entry.originalLine! + 1}`;
}

function frameKey(f: CallFrame): string {
  return `${f.functionName || '(anonymous)'} ${f.url}:${f.lineNumber}:${f.columnNumber}`;
}

function describeFrame(f: CallFrame): string {
  const loc = sourceLocation(f.url, f.lineNumber, f.columnNumber);
  return loc ? `${f.functionName || '(anonymous)'}  ${loc}` : f.functionName || '(anonymous)';
}

/** Which area a function's self time belongs to. */
function area(f: CallFrame): string {
  const name = f.functionName;
  if (name === '(garbage collector)') return 'GC';
  if (name === '(idle)') return 'idle';
  if (name === '(program)') return 'V8/native (program)';
  if (!f.url) {
    if (/^(parse|stringify|JSON\.|SerializeJSON|JsonParse)/.test(name)) return 'JSON parse/stringify';
    return `native: ${name || '(anonymous)'}`;
  }
  if (f.url.startsWith('node:')) {
    const m = /^node:internal\/(?:streams\/)?([\w/-]+)/.exec(f.url) ?? /^node:([\w/-]+)/.exec(f.url);
    return `node: ${m?.[1] ?? f.url}`;
  }
  if (f.url.includes('/node_modules/better-sqlite3/')) return 'better-sqlite3 (JS)';
  if (f.url.includes('/node_modules/')) return `npm: ${/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(f.url)?.[1]}`;
  const m = /\/dist\/(src|bench)\/([^/]+)(?:\/([^/]+))?/.exec(f.url);
  if (m) return `kite ${m[1]}/${m[2]}${m[3] && !m[3].endsWith('.js') ? `/${m[3]}` : m[3] ? `/${m[3].replace(/\.js$/, '.ts')}` : ''}`;
  return f.url;
}

interface Summary {
  readonly totalMs: number;
  readonly selfByFrame: Map<string, number>;
  readonly totalByFrame: Map<string, number>;
  readonly selfByArea: Map<string, number>;
  readonly linesByFrame: Map<string, Map<number, number>>;
  readonly frames: Map<string, CallFrame>;
}

function summarize(profile: Profile, from = -Infinity, to = Infinity): Summary {
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const n of profile.nodes) {
    byId.set(n.id, n);
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  const selfByFrame = new Map<string, number>();
  const totalByFrame = new Map<string, number>();
  const selfByArea = new Map<string, number>();
  const frames = new Map<string, CallFrame>();
  const samplesByNode = new Map<number, number>();
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  const { samples, timeDeltas } = profile;
  const interval = medianOf(timeDeltas.slice(1, 1001)) || 1000;
  let t = profile.startTime;
  let totalUs = 0;
  for (let i = 0; i < samples.length; i++) {
    t += timeDeltas[i]!;
    if (t < from || t > to) continue;
    // Every sample weighs one sampling interval: weighting by the gap to the next sample
    // would charge whatever ran last with the time the process spent descheduled.
    const dur = interval;
    totalUs += dur;
    const id = samples[i]!;
    samplesByNode.set(id, (samplesByNode.get(id) ?? 0) + dur);
    const leaf = byId.get(id)!;
    const key = frameKey(leaf.callFrame);
    frames.set(key, leaf.callFrame);
    add(selfByFrame, key, dur);
    add(selfByArea, area(leaf.callFrame), dur);
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const f = byId.get(n)!.callFrame;
      const k = frameKey(f);
      if (seen.has(k)) continue;
      seen.add(k);
      frames.set(k, f);
      add(totalByFrame, k, dur);
    }
  }
  // Hot lines within each function, from positionTicks, weighted by the node's time in range.
  const linesByFrame = new Map<string, Map<number, number>>();
  for (const [id, us] of samplesByNode) {
    const node = byId.get(id)!;
    const ticks = node.positionTicks;
    if (!ticks?.length) continue;
    const sum = ticks.reduce((s, p) => s + p.ticks, 0);
    const key = frameKey(node.callFrame);
    let lines = linesByFrame.get(key);
    if (!lines) linesByFrame.set(key, (lines = new Map()));
    for (const p of ticks) lines.set(p.line, (lines.get(p.line) ?? 0) + (us * p.ticks) / sum);
  }
  return { totalMs: totalUs / 1000, selfByFrame, totalByFrame, selfByArea, linesByFrame, frames };
}

function medianOf(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1] ?? 0;
}

function print(title: string, s: Summary, top: number): void {
  const busy = s.totalMs - (s.selfByArea.get('idle') ?? 0) / 1000;
  console.log(`\n=== ${title}: ${s.totalMs.toFixed(0)} ms sampled, ${busy.toFixed(0)} ms busy (not idle) ===`);
  const pct = (us: number) => `${((us / 1000 / busy) * 100).toFixed(1).padStart(5)}%`;
  const ms = (us: number) => `${(us / 1000).toFixed(0).padStart(6)} ms`;
  const sorted = (m: Map<string, number>) => [...m].filter(([k]) => k !== 'idle' && !k.startsWith('(idle)')).sort((a, b) => b[1] - a[1]);

  console.log('\n-- self time by area (% of busy time) --');
  for (const [k, us] of sorted(s.selfByArea).slice(0, top)) console.log(`${pct(us)} ${ms(us)}  ${k}`);

  console.log('\n-- top functions by self time --');
  for (const [k, us] of sorted(s.selfByFrame).slice(0, top)) {
    const f = s.frames.get(k)!;
    let hot = '';
    const lines = s.linesByFrame.get(k);
    if (lines && f.url.startsWith('file://')) {
      const best = [...lines].sort((a, b) => b[1] - a[1]).slice(0, 2);
      hot = `   hot: ${best.map(([line, u]) => `${sourceLocation(f.url, line - 1, firstColumn(f.url, line - 1)).split('/').pop()} ${((u / us) * 100).toFixed(0)}%`).join(', ')}`;
    }
    console.log(`${pct(us)} ${ms(us)}  ${describeFrame(f)}${hot}`);
  }

  console.log('\n-- top kite functions by total (inclusive) time --');
  const kite = sorted(s.totalByFrame).filter(([k]) => k.includes('/dist/src/'));
  for (const [k, us] of kite.slice(0, top)) console.log(`${pct(us)} ${ms(us)}  ${describeFrame(s.frames.get(k)!)}`);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '20' }, phase: { type: 'string' } },
});
const target = positionals[0];
if (!target) {
  console.error('usage: cpuprofile DIR|FILE.cpuprofile [--top N] [--phase NAME]');
  process.exit(2);
}
const top = Number(values.top);
const files = fs.statSync(target).isDirectory()
  ? fs.readdirSync(target).filter((f) => f.endsWith('.cpuprofile')).map((f) => path.join(target, f))
  : [target];
for (const file of files) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
  // Node names profiles CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile.
  const pid = /^CPU\.\d+\.\d+\.(\d+)\./.exec(path.basename(file))?.[1];
  const phasesFile = pid && path.join(path.dirname(file), `phases-${pid}.json`);
  console.log(`# ${file}`);
  if (phasesFile && fs.existsSync(phasesFile)) {
    const phases = JSON.parse(fs.readFileSync(phasesFile, 'utf8')) as Phase[];
    for (const p of phases) {
      if (values.phase && p.name !== values.phase) continue;
      print(p.name, summarize(profile, p.startUs, p.endUs), top);
    }
  } else {
    print('whole profile', summarize(profile), top);
  }
}
