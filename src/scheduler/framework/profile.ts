// Scheduler profiles: which plugins run at which extension point, with which weights and
// arguments (the KubeSchedulerProfile of kubescheduler.config.k8s.io/v1).
//
// Contract:
//  - plugins.multiPoint enables a plugin at every extension point it implements; a specific
//    point's enabled list adds plugins there (run before the multiPoint ones, and its weight
//    wins), and its disabled list removes plugins from that point ('*' removes all
//    multiPoint ones).
//  - defaultProfile() is kube-scheduler 1.32's default profile (default_plugins.go) with the
//    plugins kite implements: SchedulingGates, PrioritySort, NodeUnschedulable, NodeName,
//    TaintToleration (weight 3), NodeAffinity (2), NodePorts, NodeResourcesFit (1),
//    VolumeRestrictions, VolumeBinding, VolumeZone, PodTopologySpread (2),
//    InterPodAffinity (2), DefaultPreemption, NodeResourcesBalancedAllocation (1),
//    ImageLocality (1), DefaultBinder. Not yet implemented, and so not in it:
//    NodeVolumeLimits (it would sit between VolumeRestrictions and VolumeBinding).
//    VolumeBinding scores only under the VolumeCapacityPriority gate (off in 1.32), so kite
//    leaves its Score out and it has no weight here.
//  - mergeProfile(defaults, custom) merges a user's profile into the defaults as
//    kube-scheduler does (mergePluginSet): custom disabled entries drop defaults, custom
//    enabled entries replace same-named defaults in place or are appended.

export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

export interface PluginRef {
  readonly name: string;
  /** Score weight (0 or absent: 1). */
  readonly weight?: number;
}

export interface PluginSet {
  readonly enabled?: readonly PluginRef[];
  readonly disabled?: readonly PluginRef[];
}

export const EXTENSION_POINTS = [
  'preEnqueue',
  'queueSort',
  'preFilter',
  'filter',
  'postFilter',
  'preScore',
  'score',
  'reserve',
  'permit',
  'preBind',
  'bind',
  'postBind',
] as const;
export type ExtensionPoint = (typeof EXTENSION_POINTS)[number];

export type Plugins = { readonly multiPoint?: PluginSet } & { readonly [P in ExtensionPoint]?: PluginSet };

export interface PluginConfig {
  readonly name: string;
  readonly args?: unknown;
}

export interface SchedulerProfile {
  readonly schedulerName: string;
  /** Absent: the scheduler's global setting; 0: the adaptive default (50% - nodes/125, at
   *  least 5%), even when the global setting is not 0. */
  readonly percentageOfNodesToScore?: number;
  readonly plugins?: Plugins;
  readonly pluginConfig?: readonly PluginConfig[];
}

export const DEFAULT_MULTI_POINT: readonly PluginRef[] = [
  { name: 'SchedulingGates' },
  { name: 'PrioritySort' },
  { name: 'NodeUnschedulable' },
  { name: 'NodeName' },
  { name: 'TaintToleration', weight: 3 },
  { name: 'NodeAffinity', weight: 2 },
  { name: 'NodePorts' },
  { name: 'NodeResourcesFit', weight: 1 },
  { name: 'VolumeRestrictions' },
  { name: 'VolumeBinding' },
  { name: 'VolumeZone' },
  { name: 'PodTopologySpread', weight: 2 },
  { name: 'InterPodAffinity', weight: 2 },
  { name: 'DefaultPreemption' },
  { name: 'NodeResourcesBalancedAllocation', weight: 1 },
  { name: 'ImageLocality', weight: 1 },
  { name: 'DefaultBinder' },
];

export function defaultProfile(schedulerName = DEFAULT_SCHEDULER_NAME): SchedulerProfile {
  return { schedulerName, plugins: { multiPoint: { enabled: DEFAULT_MULTI_POINT } } };
}

function mergePluginSet(defaults: PluginSet | undefined, custom: PluginSet | undefined): PluginSet | undefined {
  if (!custom) return defaults;
  const disabled = new Set((custom.disabled ?? []).map((p) => p.name));
  for (const p of defaults?.disabled ?? []) disabled.add(p.name);
  const customEnabled = new Map((custom.enabled ?? []).map((p, i) => [p.name, { p, i }]));
  const replaced = new Set<number>();
  const enabled: PluginRef[] = [];
  if (!disabled.has('*')) {
    for (const d of defaults?.enabled ?? []) {
      if (disabled.has(d.name)) continue;
      const c = customEnabled.get(d.name);
      if (c) replaced.add(c.i);
      enabled.push(c ? c.p : d);
    }
  }
  (custom.enabled ?? []).forEach((p, i) => {
    if (!replaced.has(i)) enabled.push(p);
  });
  return { enabled, disabled: [...disabled].map((name) => ({ name })) };
}

/** A user's profile over the defaults (kube-scheduler's mergePlugins). */
export function mergeProfile(custom: SchedulerProfile, defaults: SchedulerProfile = defaultProfile(custom.schedulerName)): SchedulerProfile {
  const plugins: Record<string, PluginSet | undefined> = { multiPoint: mergePluginSet(defaults.plugins?.multiPoint, custom.plugins?.multiPoint) };
  for (const point of EXTENSION_POINTS) plugins[point] = mergePluginSet(defaults.plugins?.[point], custom.plugins?.[point]);
  return {
    schedulerName: custom.schedulerName,
    percentageOfNodesToScore: custom.percentageOfNodesToScore ?? defaults.percentageOfNodesToScore,
    plugins: plugins as Plugins,
    pluginConfig: [...(defaults.pluginConfig ?? []), ...(custom.pluginConfig ?? [])],
  };
}
