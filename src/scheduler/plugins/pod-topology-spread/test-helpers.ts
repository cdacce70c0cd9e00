// Builders shared by PodTopologySpread's tests (not a test file itself): nodes with exactly
// the labels given (no implicit hostname label), pods with spread constraints, NodeInfos
// holding the existing pods, and runners that take a plugin through Filter or Score the way
// the framework does and report per-node outcomes.

import type { Node, Pod, Taint, Toleration, TopologySpreadConstraint } from '../../../api/types/core-v1.js';
import type { LabelSelector as LabelSelectorObject } from '../../../api/types/meta-v1.js';
import { CycleState } from '../../framework/cycle-state.js';
import { NodeInfo } from '../../framework/node-info.js';
import { PodInfo } from '../../framework/pod-info.js';
import { Status } from '../../framework/status.js';
import { PodTopologySpread } from './pod-topology-spread.js';

export const exists = (key: string): LabelSelectorObject => ({ matchExpressions: [{ key, operator: 'Exists' }] });

export function node(name: string, labels: Record<string, string>, taints?: Taint[]): Node {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name, labels }, spec: taints ? { taints } : {}, status: { allocatable: { cpu: '4', memory: '8Gi', pods: '110' } } };
}

export interface PodOptions {
  readonly labels?: Record<string, string>;
  readonly namespace?: string;
  readonly nodeName?: string;
  readonly constraints?: TopologySpreadConstraint[];
  readonly nodeSelector?: Record<string, string>;
  readonly tolerations?: Toleration[];
  readonly terminating?: boolean;
  readonly owner?: { apiVersion: string; kind: string; name: string };
}

let uid = 0;

export function pod(name: string, o: PodOptions = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: o.namespace ?? 'default',
      uid: `uid-${name}-${++uid}`,
      labels: o.labels ?? {},
      ...(o.terminating ? { deletionTimestamp: '2024-01-01T00:00:00Z' } : {}),
      ...(o.owner ? { ownerReferences: [{ ...o.owner, uid: `uid-${o.owner.name}`, controller: true }] } : {}),
    },
    spec: {
      containers: [{ name: 'c', image: 'pause' }],
      ...(o.nodeName ? { nodeName: o.nodeName } : {}),
      ...(o.constraints ? { topologySpreadConstraints: o.constraints } : {}),
      ...(o.nodeSelector ? { nodeSelector: o.nodeSelector } : {}),
      ...(o.tolerations ? { tolerations: o.tolerations } : {}),
    },
  };
}

/** An existing pod bound to nodeName. */
export function onNode(name: string, nodeName: string, labels: Record<string, string> = { foo: '' }, o: PodOptions = {}): Pod {
  return pod(name, { ...o, labels, nodeName });
}

export function constraint(
  maxSkew: number,
  topologyKey: string,
  whenUnsatisfiable: 'DoNotSchedule' | 'ScheduleAnyway',
  labelSelector: LabelSelectorObject | null = exists('foo'),
  extra: Partial<TopologySpreadConstraint> = {},
): TopologySpreadConstraint {
  return { maxSkew, topologyKey, whenUnsatisfiable, ...(labelSelector ? { labelSelector } : {}), ...extra };
}

/** NodeInfos of nodes, each holding the pods bound to it. */
export function nodeInfos(nodes: readonly Node[], pods: readonly Pod[] = []): NodeInfo[] {
  return nodes.map((n) => {
    const ni = new NodeInfo(n.metadata.name!, n);
    for (const p of pods) if (p.spec?.nodeName === n.metadata.name) ni.addPod(new PodInfo(p));
    return ni;
  });
}

/**
 * PreFilter then Filter on every node: node -> status code name ('Success' for null). Each
 * node is also filtered as a what-if copy (not in the cycle's list, so read by its labels);
 * both ways must agree.
 */
export function filterCodes(plugin: PodTopologySpread, p: Pod, infos: readonly NodeInfo[]): Record<string, string> {
  const state = new CycleState();
  const pi = new PodInfo(p);
  const pre = plugin.preFilter(state, pi, infos);
  if (pre instanceof Status) throw new Error(`preFilter: ${pre.toString()}`);
  const out: Record<string, string> = {};
  for (const ni of infos) {
    const code = plugin.filter(state, pi, ni)?.codeName() ?? 'Success';
    const copy = plugin.filter(state, pi, ni.snapshot())?.codeName() ?? 'Success';
    if (copy !== code) throw new Error(`${ni.name}: ${code} in the list, ${copy} as a copy`);
    out[ni.name] = code;
  }
  return out;
}

/** PreScore, scoreAll and NormalizeScore over the feasible nodes: node -> final score. */
export function finalScores(plugin: PodTopologySpread, p: Pod, feasible: readonly NodeInfo[]): Record<string, number> {
  const state = new CycleState();
  const pi = new PodInfo(p);
  const pre = plugin.preScore(state, pi, feasible);
  if (pre !== null) throw new Error(`preScore: ${pre.toString()}`);
  const scores = new Float64Array(feasible.length);
  const s = plugin.scoreAll(state, pi, feasible, scores);
  if (s !== null) throw new Error(`scoreAll: ${s.toString()}`);
  plugin.normalizeScore(state, pi, scores);
  return Object.fromEntries(feasible.map((n, i) => [n.name, scores[i]!]));
}
