// The args of kube-scheduler's in-tree plugins in a scheduler configuration: defaulted as
// kube-scheduler 1.32 defaults them (pkg/scheduler/apis/config/v1/defaults.go) and validated
// as it validates them (validation/validation_pluginargs.go), so a file kube-scheduler
// refuses is refused here with the same field errors.
//
// Contract:
//  - pluginArgs(name, raw, path) takes args that already decoded strictly (decode.ts) and
//    returns what the plugin is made with: the defaulted args without apiVersion/kind, and
//    the field errors. A plugin kube-scheduler has no args type for gets its args unchanged.
//  - Args whose kind names another plugin's type are refused, as kube-scheduler refuses them.
//  - kite-specific: the RequestedToCapacityRatio scoring strategy is valid for
//    kube-scheduler but kite's NodeResourcesFit does not implement it (it would score as
//    LeastAllocated), so it is refused rather than silently ignored.

import type { FieldError } from '../../api/errors.js';
import { validateLabelName } from '../../api/labels/index.js';
import { isObj, type Obj } from '../../api/validation/access.js';
import { validateNodeSelector, validateNodeSelectorTerm } from '../../api/validation/affinity.js';
import { child, duplicate, forbidden, index, invalid, notSupported, required } from '../../api/validation/field.js';
import { PLUGIN_ARGS } from './decode.js';

export const CONFIG_API_VERSION = 'kubescheduler.config.k8s.io/v1';

export interface PluginArgsResult {
  readonly args: unknown;
  readonly errors: FieldError[];
}

interface ResourceSpec {
  name: string;
  weight: number;
}

const DEFAULT_RESOURCES: readonly ResourceSpec[] = [
  { name: 'cpu', weight: 1 },
  { name: 'memory', weight: 1 },
];

const SCORING_STRATEGIES = ['LeastAllocated', 'MostAllocated', 'RequestedToCapacityRatio'];
const KITE_SCORING_STRATEGIES = ['LeastAllocated', 'MostAllocated'];
const MAX_CUSTOM_PRIORITY_SCORE = 10;

type Defaulter = (args: Obj) => void;
type Validator = (args: Obj, path: string) => FieldError[];

const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.map((x) => (isObj(x) ? x : {})) : []);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : '')) : []);

function defaultResources(resources: unknown): ResourceSpec[] {
  const given = list(resources);
  if (given.length === 0) return DEFAULT_RESOURCES.map((r) => ({ ...r }));
  // An unset or zero weight is the default weight, 1.
  return given.map((r) => ({ name: typeof r.name === 'string' ? r.name : '', weight: num(r.weight) || 1 }));
}

const DEFAULTERS: Readonly<Record<string, Defaulter>> = {
  DefaultPreemption: (a) => {
    a.minCandidateNodesPercentage ??= 10;
    a.minCandidateNodesAbsolute ??= 100;
  },
  InterPodAffinity: (a) => {
    a.hardPodAffinityWeight ??= 1;
  },
  NodeResourcesFit: (a) => {
    if (!isObj(a.scoringStrategy)) a.scoringStrategy = { type: 'LeastAllocated' };
    const s = a.scoringStrategy as Obj;
    s.resources = defaultResources(s.resources);
  },
  PodTopologySpread: (a) => {
    if (typeof a.defaultingType !== 'string' || a.defaultingType === '') a.defaultingType = 'System';
  },
  NodeResourcesBalancedAllocation: (a) => {
    a.resources = defaultResources(a.resources);
  },
  VolumeBinding: (a) => {
    a.bindTimeoutSeconds ??= 600;
  },
};

function validateShape(shape: Obj[], path: string): FieldError[] {
  if (shape.length === 0) return [required(path, 'at least one point must be specified')];
  const errs: FieldError[] = [];
  for (let i = 1; i < shape.length; i++) {
    if (num(shape[i - 1]!.utilization) >= num(shape[i]!.utilization)) {
      errs.push(invalid(child(index(path, i), 'utilization'), num(shape[i]!.utilization), 'values must be sorted in increasing order'));
      break;
    }
  }
  shape.forEach((p, i) => {
    const u = num(p.utilization);
    const s = num(p.score);
    if (u < 0 || u > 100) errs.push(invalid(child(index(path, i), 'utilization'), u, 'not in valid range [0, 100]'));
    if (s < 0 || s > MAX_CUSTOM_PRIORITY_SCORE) errs.push(invalid(child(index(path, i), 'score'), s, `not in valid range [0, ${MAX_CUSTOM_PRIORITY_SCORE}]`));
  });
  return errs;
}

const VALIDATORS: Readonly<Record<string, Validator>> = {
  DefaultPreemption: (a, path) => {
    const errs: FieldError[] = [];
    const pct = num(a.minCandidateNodesPercentage);
    const abs = num(a.minCandidateNodesAbsolute);
    const pctPath = child(path, 'minCandidateNodesPercentage');
    const absPath = child(path, 'minCandidateNodesAbsolute');
    if (pct < 0 || pct > 100) errs.push(invalid(pctPath, pct, 'not in valid range [0, 100]'));
    if (abs < 0) errs.push(invalid(absPath, abs, 'not in valid range [0, inf)'));
    if (pct === 0 && abs === 0) {
      errs.push(invalid(pctPath, pct, 'cannot be zero at the same time as minCandidateNodesAbsolute'));
      errs.push(invalid(absPath, abs, 'cannot be zero at the same time as minCandidateNodesPercentage'));
    }
    return errs;
  },
  InterPodAffinity: (a, path) => {
    const w = num(a.hardPodAffinityWeight);
    return w < 0 || w > 100 ? [invalid(child(path, 'hardPodAffinityWeight'), w, 'not in valid range [0, 100]')] : [];
  },
  NodeResourcesFit: (a, path) => {
    const errs: FieldError[] = [];
    strings(a.ignoredResources).forEach((r, i) => errs.push(...validateLabelName(r, index(child(path, 'ignoredResources'), i))));
    strings(a.ignoredResourceGroups).forEach((g, i) => {
      const p = index(child(path, 'ignoredResourceGroups'), i);
      if (g.includes('/')) errs.push(invalid(p, g, "resource group name can't contain '/'"));
      errs.push(...validateLabelName(g, p));
    });
    const strategyPath = child(path, 'scoringStrategy');
    const s = isObj(a.scoringStrategy) ? a.scoringStrategy : {};
    const type = typeof s.type === 'string' ? s.type : '';
    if (!SCORING_STRATEGIES.includes(type)) errs.push(notSupported(child(strategyPath, 'type'), type, SCORING_STRATEGIES));
    else if (!KITE_SCORING_STRATEGIES.includes(type)) {
      errs.push(notSupported(child(strategyPath, 'type'), type, KITE_SCORING_STRATEGIES));
    }
    list(s.resources).forEach((r, i) => {
      const w = num(r.weight);
      if (w <= 0 || w > 100) errs.push(invalid(child(index(child(strategyPath, 'resources'), i), 'weight'), w, `resource weight of ${String(r.name ?? '')} not in valid range (0, 100]`));
    });
    const ratioPath = child(strategyPath, 'requestedToCapacityRatio');
    if (type === 'RequestedToCapacityRatio') {
      if (!isObj(s.requestedToCapacityRatio)) errs.push(required(ratioPath, 'must be specified when type is RequestedToCapacityRatio'));
      else errs.push(...validateShape(list(s.requestedToCapacityRatio.shape), child(ratioPath, 'shape')));
    } else if (isObj(s.requestedToCapacityRatio)) {
      errs.push(forbidden(ratioPath, 'must be nil when type is not RequestedToCapacityRatio'));
    }
    return errs;
  },
  PodTopologySpread: (a, path) => {
    const errs: FieldError[] = [];
    const type = typeof a.defaultingType === 'string' ? a.defaultingType : '';
    const constraints = list(a.defaultConstraints);
    const typePath = child(path, 'defaultingType');
    if (type !== 'System' && type !== 'List') errs.push(notSupported(typePath, type, ['System', 'List']));
    else if (type === 'System' && constraints.length > 0) errs.push(invalid(typePath, type, 'when .defaultConstraints are not empty'));
    const cPath = child(path, 'defaultConstraints');
    constraints.forEach((c, i) => {
      const p = index(cPath, i);
      const maxSkew = num(c.maxSkew);
      if (maxSkew <= 0) errs.push(invalid(child(p, 'maxSkew'), maxSkew, 'not in valid range (0, inf)'));
      const key = typeof c.topologyKey === 'string' ? c.topologyKey : '';
      if (key === '') errs.push(required(child(p, 'topologyKey'), 'can not be empty'));
      else errs.push(...validateLabelName(key, child(p, 'topologyKey')));
      const action = typeof c.whenUnsatisfiable === 'string' ? c.whenUnsatisfiable : '';
      if (action === '') errs.push(required(child(p, 'whenUnsatisfiable'), 'can not be empty'));
      else if (action !== 'DoNotSchedule' && action !== 'ScheduleAnyway') {
        errs.push(notSupported(child(p, 'whenUnsatisfiable'), action, ['DoNotSchedule', 'ScheduleAnyway']));
      }
      if (c.labelSelector !== undefined && c.labelSelector !== null) {
        errs.push(forbidden(child(p, 'labelSelector'), 'constraint must not define a selector, as they deduced for each pod'));
      }
      const repeated = constraints.slice(0, i).some((o) => o.topologyKey === c.topologyKey && o.whenUnsatisfiable === c.whenUnsatisfiable);
      if (repeated) errs.push(duplicate(index(cPath, i), `{${key}, ${action}}`));
    });
    return errs;
  },
  NodeResourcesBalancedAllocation: (a, path) => {
    const errs: FieldError[] = [];
    const seen = new Set<string>();
    list(a.resources).forEach((r, i) => {
      const p = index(child(path, 'resources'), i);
      const name = typeof r.name === 'string' ? r.name : '';
      if (seen.has(name)) errs.push(duplicate(child(p, 'name'), name));
      seen.add(name);
      if (num(r.weight) !== 1) errs.push(invalid(child(p, 'weight'), num(r.weight), 'must be 1'));
    });
    return errs;
  },
  VolumeBinding: (a, path) => {
    const errs: FieldError[] = [];
    const t = num(a.bindTimeoutSeconds);
    if (t < 0) errs.push(invalid(child(path, 'bindTimeoutSeconds'), t, 'invalid BindTimeoutSeconds, should not be a negative value'));
    // 1.32: the shape needs the VolumeCapacityPriority feature gate, off by default.
    if (a.shape !== undefined && a.shape !== null) {
      errs.push(invalid(child(path, 'shape'), null, 'unexpected field `shape`, remove it or turn on the feature gate VolumeCapacityPriority'));
    }
    return errs;
  },
  NodeAffinity: (a, path) => {
    if (!isObj(a.addedAffinity)) return [];
    const errs: FieldError[] = [];
    const p = child(path, 'addedAffinity');
    const requiredSel = a.addedAffinity.requiredDuringSchedulingIgnoredDuringExecution;
    if (isObj(requiredSel)) errs.push(...validateNodeSelector(requiredSel, false, child(p, 'requiredDuringSchedulingIgnoredDuringExecution')));
    list(a.addedAffinity.preferredDuringSchedulingIgnoredDuringExecution).forEach((term, i) => {
      const tp = index(child(p, 'preferredDuringSchedulingIgnoredDuringExecution'), i);
      errs.push(...validateNodeSelectorTerm(isObj(term.preference) ? term.preference : {}, false, child(tp, 'preference')));
    });
    return errs;
  },
};

/** Whether kube-scheduler has an args type for the plugin (its args are then decoded strictly). */
export function hasArgsType(name: string): boolean {
  return Object.hasOwn(PLUGIN_ARGS, name);
}

/** The defaulted args a plugin is made with, and what is wrong with them. */
export function pluginArgs(name: string, raw: unknown, path: string): PluginArgsResult {
  if (!hasArgsType(name)) return { args: raw, errors: [] };
  const given: Obj = isObj(raw) ? structuredClone(raw) : {};
  const errors: FieldError[] = [];
  const wantKind = `${name}Args`;
  if (given.kind !== undefined && given.kind !== '' && given.kind !== wantKind) {
    errors.push(invalid(child(path, 'kind'), given.kind, `args for plugin ${name} were not of type kubescheduler.config.k8s.io.${wantKind}`));
  }
  if (given.apiVersion !== undefined && given.apiVersion !== '' && given.apiVersion !== CONFIG_API_VERSION) {
    errors.push(notSupported(child(path, 'apiVersion'), given.apiVersion, [CONFIG_API_VERSION]));
  }
  delete given.kind;
  delete given.apiVersion;
  // null fields are Go's zero values: absent.
  for (const [k, v] of Object.entries(given)) if (v === null) delete given[k];
  DEFAULTERS[name]?.(given);
  errors.push(...(VALIDATORS[name]?.(given, path) ?? []));
  return { args: given, errors };
}
