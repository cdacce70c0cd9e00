// `kite server --scheduler-config FILE`: a KubeSchedulerConfiguration
// (kubescheduler.config.k8s.io/v1, YAML or JSON) read as kube-scheduler 1.32 reads its
// --config, turned into the scheduler settings of KubeScheduler.
//
// Contract:
//  - loadSchedulerConfigFile(path) / parseSchedulerConfig(text) return SchedulerSettings or
//    throw a SchedulerConfigError naming the file and every problem found, so `kite server`
//    stops before it serves. In order: the text must be one YAML (or JSON) document with no
//    repeated key; apiVersion kubescheduler.config.k8s.io/v1 and kind
//    KubeSchedulerConfiguration; fields of the right types and no field the v1 types do
//    not declare (decode.ts); then kube-scheduler's defaulting and validation:
//      * defaults: no profiles -> one; a lone profile without schedulerName is
//        default-scheduler; podInitialBackoffSeconds 1, podMaxBackoffSeconds 10,
//        percentageOfNodesToScore 0 (adaptive); plugin args as plugin-args.ts;
//      * validation: parallelism > 0; at least one profile, each named, names unique;
//        percentageOfNodesToScore (global and per profile) in [0, 100];
//        podInitialBackoffSeconds > 0 and podMaxBackoffSeconds >= it; pluginConfig names
//        unique per profile and in-tree plugin args valid; every profile with the same
//        queueSort set and queue sort args; leaderElection and clientConnection as
//        kube-scheduler checks them.
//    Then each profile is merged over the default profile (mergeProfile) and its framework
//    is built once, offline, with the in-tree registry: unknown plugins, plugins at points
//    they do not extend, no queue sort or no bind plugin are errors now, not when the
//    scheduler first leads.
//  - Accepted and ignored (kite has no use for them): parallelism, leaderElection,
//    clientConnection, enableProfiling, enableContentionProfiling, delayCacheUntilActive.
//  - kite-specific refusals, where accepting would silently schedule differently than the
//    file asks: a non-empty extenders list (kite has no extenders), a negative plugin
//    weight, the RequestedToCapacityRatio scoring strategy (plugin-args.ts).

import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { fieldErrorString, type FieldError } from '../../api/errors.js';
import { isObj, type Obj } from '../../api/validation/access.js';
import { yamlDuplicateKeyError } from '../../api/validation/duplicate-fields.js';
import { child, duplicate, forbidden, index, invalid, required } from '../../api/validation/field.js';
import { Client } from '../../client/client.js';
import type { ApiResponse, RawWatchEvent, Transport, WatchStream } from '../../client/contract.js';
import type { EventRecorder } from '../../client/events/recorder.js';
import { SharedInformerFactory } from '../../client/informer/factory.js';
import { parseDuration } from '../../kubelet/simulated/duration.js';
import { Snapshot } from '../cache/snapshot.js';
import { Framework } from '../framework/framework.js';
import { DEFAULT_SCHEDULER_NAME, mergeProfile, type PluginConfig, type PluginRef, type Plugins, type PluginSet, type SchedulerProfile } from '../framework/profile.js';
import { inTreeRegistry, type Registry } from '../plugins/registry.js';
import { decodeProblem, EXTENSION_POINT_FIELDS, KUBE_SCHEDULER_CONFIGURATION, PLUGIN_ARGS } from './decode.js';
import { CONFIG_API_VERSION, pluginArgs } from './plugin-args.js';

export { CONFIG_API_VERSION };
export const CONFIG_KIND = 'KubeSchedulerConfiguration';

export const DEFAULT_POD_INITIAL_BACKOFF_SECONDS = 1;
export const DEFAULT_POD_MAX_BACKOFF_SECONDS = 10;

/** What a configuration file sets: the `scheduler` options of KubeScheduler. */
export interface SchedulerSettings {
  /** Each merged over the default profile. */
  readonly profiles: readonly SchedulerProfile[];
  readonly percentageOfNodesToScore: number;
  readonly podInitialBackoffMs: number;
  readonly podMaxBackoffMs: number;
}

export class SchedulerConfigError extends Error {
  override name = 'SchedulerConfigError';
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(`${source}: ${problems.length === 1 ? problems[0] : `[${problems.join(', ')}]`}`);
  }
}

export interface ParseOptions {
  /** Names the configuration in errors (default "scheduler config"). */
  readonly source?: string;
  /** The plugins profiles may name (default: the in-tree registry). */
  readonly registry?: Registry;
}

export function loadSchedulerConfigFile(path: string, opts: Omit<ParseOptions, 'source'> = {}): SchedulerSettings {
  const source = `--scheduler-config ${path}`;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new SchedulerConfigError(source, [`could not read the file: ${(err as Error).message}`]);
  }
  return parseSchedulerConfig(text, { ...opts, source });
}

export function parseSchedulerConfig(text: string, opts: ParseOptions = {}): SchedulerSettings {
  const source = opts.source ?? 'scheduler config';
  const fail = (problems: readonly string[]): never => {
    throw new SchedulerConfigError(source, problems);
  };

  const doc = parseDocument(text);
  if (typeof doc === 'string') return fail([doc]);
  const typeMeta = checkTypeMeta(doc);
  if (typeMeta.length > 0) return fail(typeMeta);
  const decoding = decodeProblem(doc, KUBE_SCHEDULER_CONFIGURATION);
  if (decoding) return fail([decoding]);

  const argsProblems: string[] = [];
  const profilesIn = list(doc.profiles);
  profilesIn.forEach((p, i) => {
    list(p.pluginConfig).forEach((c, j) => {
      const name = typeof c.name === 'string' ? c.name : '';
      const spec = PLUGIN_ARGS[name];
      if (!spec) return;
      const problem = decodeProblem(c.args, spec);
      if (problem) argsProblems.push(`decoding .profiles[${i}].pluginConfig[${j}]: decoding args for plugin ${name}: ${problem}`);
    });
  });
  if (argsProblems.length > 0) return fail(argsProblems);

  const { settings, errors } = defaultAndValidate(doc);
  if (errors.length > 0) return fail([`invalid ${CONFIG_KIND}: ${aggregate(errors.map(fieldErrorString))}`]);
  const building = buildProfiles(settings.profiles, opts.registry ?? inTreeRegistry());
  if (building.length > 0) return fail(building);
  return settings;
}

/** Kubernetes' aggregate error text: one message alone, several in brackets. */
function aggregate(messages: readonly string[]): string {
  const unique = [...new Set(messages)];
  return unique.length === 1 ? unique[0]! : `[${unique.join(', ')}]`;
}

/** The one document of the file as an object, or what is wrong with it. */
function parseDocument(text: string): Obj | string {
  const dup = yamlDuplicateKeyError(text);
  if (dup) return dup.replace(/\n\s*/g, ' ');
  let docs;
  try {
    // YAML 1.1, as kube-scheduler's decoder (go-yaml v2) reads it: `leaderElect: yes` is true.
    docs = parseAllDocuments(text, { version: '1.1', prettyErrors: false, uniqueKeys: false });
  } catch (err) {
    return `error converting YAML to JSON: ${(err as Error).message}`;
  }
  const nonEmpty = (Array.isArray(docs) ? docs : [docs]).filter((d) => d.contents !== null);
  if (nonEmpty.length === 0) return 'the file is empty: want a KubeSchedulerConfiguration';
  if (nonEmpty.length > 1) return `the file holds ${nonEmpty.length} YAML documents: want one KubeSchedulerConfiguration`;
  const doc = nonEmpty[0]!;
  if (doc.errors.length > 0) return `error converting YAML to JSON: ${doc.errors[0]!.message}`;
  const value: unknown = doc.toJS({ maxAliasCount: 100 });
  if (!isObj(value)) return `want a KubeSchedulerConfiguration object, got ${Array.isArray(value) ? 'a list' : JSON.stringify(value)}`;
  return value;
}

function checkTypeMeta(doc: Obj): string[] {
  const problems: string[] = [];
  const { apiVersion, kind } = doc;
  if (apiVersion === undefined || apiVersion === null || apiVersion === '') problems.push(`apiVersion is required: want ${CONFIG_API_VERSION}`);
  else if (apiVersion !== CONFIG_API_VERSION) problems.push(`apiVersion ${JSON.stringify(apiVersion)} is not supported: want ${CONFIG_API_VERSION}`);
  if (kind === undefined || kind === null || kind === '') problems.push(`kind is required: want ${CONFIG_KIND}`);
  else if (kind !== CONFIG_KIND) problems.push(`kind ${JSON.stringify(kind)} is not supported: want ${CONFIG_KIND}`);
  return problems;
}

function list(v: unknown): Obj[] {
  return Array.isArray(v) ? v.map((x) => (isObj(x) ? x : {})) : [];
}

function optInt(v: unknown): number | undefined {
  return typeof v === 'number' ? v : undefined;
}

function pluginRefs(v: unknown): PluginRef[] {
  return list(v).map((p) => {
    const name = typeof p.name === 'string' ? p.name : '';
    const weight = optInt(p.weight);
    return weight === undefined ? { name } : { name, weight };
  });
}

function pluginSet(v: unknown): PluginSet | undefined {
  if (!isObj(v)) return undefined;
  const enabled = pluginRefs(v.enabled);
  const disabled = pluginRefs(v.disabled);
  if (enabled.length === 0 && disabled.length === 0) return undefined;
  return { enabled, disabled };
}

/** A comparable text for deep equality of decoded values (object keys sorted). */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isObj(v)) {
    return `{${Object.keys(v)
      .filter((k) => v[k] !== undefined && v[k] !== null)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

function validatePercentage(v: number | undefined, path: string): FieldError[] {
  return v !== undefined && (v < 0 || v > 100) ? [invalid(path, v, 'not in valid range [0-100]')] : [];
}

function validateLeaderElection(le: Obj): FieldError[] {
  const path = 'leaderElection';
  // kube-scheduler's defaults (RecommendedDefaultLeaderElectionConfiguration and its own);
  // decoding has already checked the durations' syntax.
  if (le.leaderElect === false) return [];
  const dur = (k: string, def: number): number => (typeof le[k] === 'string' ? parseDuration(le[k] as string) : def);
  const str = (k: string, def: string): string => (typeof le[k] === 'string' && le[k] !== '' ? (le[k] as string) : def);
  const shown = (k: string, ms: number): string => (typeof le[k] === 'string' ? (le[k] as string) : `${ms / 1000}s`);
  const lease = dur('leaseDuration', 15_000);
  const renew = dur('renewDeadline', 10_000);
  const retry = dur('retryPeriod', 2_000);
  const errs: FieldError[] = [];
  if (lease <= 0) errs.push(invalid(child(path, 'leaseDuration'), shown('leaseDuration', lease), 'must be greater than zero'));
  if (renew <= 0) errs.push(invalid(child(path, 'renewDeadline'), shown('renewDeadline', renew), 'must be greater than zero'));
  if (retry <= 0) errs.push(invalid(child(path, 'retryPeriod'), shown('retryPeriod', retry), 'must be greater than zero'));
  if (lease <= renew) errs.push(invalid(child(path, 'leaseDuration'), shown('renewDeadline', renew), 'LeaseDuration must be greater than RenewDeadline'));
  const lock = str('resourceLock', 'leases');
  if (lock !== 'leases') errs.push(invalid(child(path, 'resourceLock'), lock, 'resourceLock value must be "leases"'));
  return errs;
}

interface Defaulted {
  readonly settings: SchedulerSettings;
  readonly errors: FieldError[];
}

/** kube-scheduler's SetDefaults_KubeSchedulerConfiguration, then its validation. */
function defaultAndValidate(doc: Obj): Defaulted {
  const errors: FieldError[] = [];

  const cc = isObj(doc.clientConnection) ? doc.clientConnection : {};
  if (typeof cc.burst === 'number' && cc.burst < 0) errors.push(invalid('clientConnection.burst', cc.burst, 'must be non-negative'));
  errors.push(...validateLeaderElection(isObj(doc.leaderElection) ? doc.leaderElection : {}));
  const parallelism = optInt(doc.parallelism) ?? 16;
  if (parallelism <= 0) errors.push(invalid('parallelism', parallelism, 'should be an integer value greater than zero'));

  const profilesIn = list(doc.profiles);
  if (profilesIn.length === 0) profilesIn.push({});
  // Only a lone profile gets the default name; validation wants every other one named.
  if (profilesIn.length === 1 && (profilesIn[0]!.schedulerName === undefined || profilesIn[0]!.schedulerName === null)) {
    profilesIn[0] = { ...profilesIn[0], schedulerName: DEFAULT_SCHEDULER_NAME };
  }
  const seenNames = new Map<string, number>();
  const custom: SchedulerProfile[] = [];
  profilesIn.forEach((p, i) => {
    const path = index('profiles', i);
    const name = typeof p.schedulerName === 'string' ? p.schedulerName : '';
    if (name === '') errors.push(required(child(path, 'schedulerName')));
    const pct = optInt(p.percentageOfNodesToScore);
    errors.push(...validatePercentage(pct, child(path, 'percentageOfNodesToScore')));
    if (seenNames.has(name)) errors.push(duplicate(child(path, 'schedulerName'), name));
    else seenNames.set(name, i);

    const pluginsIn = isObj(p.plugins) ? p.plugins : {};
    const plugins: Record<string, PluginSet | undefined> = {};
    for (const point of EXTENSION_POINT_FIELDS) {
      const set = pluginSet(pluginsIn[point]);
      if (set) plugins[point] = set;
      (set?.enabled ?? []).forEach((ref, j) => {
        if (ref.weight !== undefined && ref.weight < 0) {
          errors.push(invalid(child(index(child(path, 'plugins', point, 'enabled'), j), 'weight'), ref.weight, 'must not be negative'));
        }
      });
    }

    const pluginConfig: PluginConfig[] = [];
    const seenConfig = new Set<string>();
    list(p.pluginConfig).forEach((c, j) => {
      const cPath = index(child(path, 'pluginConfig'), j);
      const pluginName = typeof c.name === 'string' ? c.name : '';
      if (seenConfig.has(pluginName)) errors.push(duplicate(cPath, pluginName));
      seenConfig.add(pluginName);
      const { args, errors: argErrors } = pluginArgs(pluginName, c.args ?? undefined, child(cPath, 'args'));
      errors.push(...argErrors);
      pluginConfig.push(args === undefined ? { name: pluginName } : { name: pluginName, args });
    });

    custom.push({
      schedulerName: name,
      ...(pct !== undefined ? { percentageOfNodesToScore: pct } : {}),
      plugins: plugins as Plugins,
      pluginConfig,
    });
  });
  errors.push(...validateCommonQueueSort(profilesIn));

  const pct = optInt(doc.percentageOfNodesToScore);
  errors.push(...validatePercentage(pct, 'percentageOfNodesToScore'));
  const initial = optInt(doc.podInitialBackoffSeconds) ?? DEFAULT_POD_INITIAL_BACKOFF_SECONDS;
  const max = optInt(doc.podMaxBackoffSeconds) ?? DEFAULT_POD_MAX_BACKOFF_SECONDS;
  if (initial <= 0) errors.push(invalid('podInitialBackoffSeconds', initial, 'must be greater than 0'));
  if (max < initial) errors.push(invalid('podMaxBackoffSeconds', max, 'must be greater than or equal to PodInitialBackoffSeconds'));

  if (list(doc.extenders).length > 0) errors.push(forbidden('extenders', 'kite does not support scheduler extenders'));

  return {
    settings: {
      profiles: custom.map((c) => mergeProfile(c)),
      percentageOfNodesToScore: pct ?? 0,
      podInitialBackoffMs: initial * 1000,
      podMaxBackoffMs: max * 1000,
    },
    errors,
  };
}

/** validateCommonQueueSort: every profile's queueSort set, and the args of the first
 *  profile's queue sort plugin, as the first profile has them. */
function validateCommonQueueSort(profiles: readonly Obj[]): FieldError[] {
  const errs: FieldError[] = [];
  const queueSortOf = (p: Obj): PluginSet => pluginSet(isObj(p.plugins) ? p.plugins.queueSort : undefined) ?? {};
  const first = profiles[0]!;
  const canon = queueSortOf(first);
  const enabled = canon.enabled ?? [];
  if (enabled.length > 1) errs.push(invalid('profiles[0].plugins.queueSort.Enabled', enabled.length, 'only one queue sort plugin can be enabled'));
  const queueSortName = enabled[0]?.name ?? '';
  const argsOf = (p: Obj): unknown => list(p.pluginConfig).find((c) => c.name === queueSortName)?.args;
  const canonArgs = canonical(argsOf(first));
  for (let i = 1; i < profiles.length; i++) {
    const p = profiles[i]!;
    const curr = queueSortOf(p);
    if (canonical(curr) !== canonical(canon)) errs.push(invalid(child(index('profiles', i), 'plugins', 'queueSort'), canonical(curr), 'must be the same for all profiles'));
    for (const c of list(p.pluginConfig)) {
      if (queueSortName !== '' && c.name === queueSortName && canonical(c.args) !== canonArgs) {
        errs.push(invalid(child(index('profiles', i), 'pluginConfig', 'args'), canonical(c.args), 'queueSort must be the same for all profiles'));
      }
    }
  }
  return errs;
}

/** A transport that answers nothing: frameworks built to check a profile make no request. */
class OfflineTransport implements Transport {
  request(): Promise<ApiResponse> {
    return Promise.reject(new Error('scheduler configuration check: no API requests'));
  }
  watch(_req: unknown, _onEvent: (event: RawWatchEvent) => void): WatchStream {
    return { close: () => undefined, done: Promise.resolve() };
  }
}

const SILENT_RECORDER: EventRecorder = { event: () => undefined, annotatedEvent: () => undefined };

/** Builds every profile's framework once, as the scheduler will: what fails here would fail
 *  when the scheduler first leads, after the server is already serving. */
function buildProfiles(profiles: readonly SchedulerProfile[], registry: Registry): string[] {
  const problems: string[] = [];
  const client = new Client(new OfflineTransport(), { userAgent: 'kite-scheduler-config-check' });
  const informers = new SharedInformerFactory({ client: (ref) => client.resource(ref) });
  const snapshot = new Snapshot();
  const queueSorts = new Map<string, string>();
  try {
    for (const profile of profiles) {
      try {
        const fwk = new Framework({ profile, registry, client, recorder: SILENT_RECORDER, informers, snapshot: () => snapshot });
        queueSorts.set(profile.schedulerName, fwk.queueSort.name);
      } catch (err) {
        problems.push(err instanceof Error ? err.message : String(err));
      }
    }
  } finally {
    client.close();
  }
  const names = new Set(queueSorts.values());
  if (problems.length === 0 && names.size > 1) {
    problems.push(`all profiles must use the same queue sort plugin, got ${[...queueSorts].map(([p, q]) => `${q} (${p})`).join(', ')}`);
  }
  return problems;
}
