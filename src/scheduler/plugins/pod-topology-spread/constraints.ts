// Topology spread constraints as PodTopologySpread evaluates them (kube-scheduler
// podtopologyspread/common.go): a pod's TopologySpreadConstraints parsed once into
// selectors and resolved policies, and the small predicates both Filter and Score share.
//
// Contract:
//  - parseConstraints keeps only the constraints with the requested whenUnsatisfiable; a
//    missing labelSelector selects nothing, an empty one everything; matchLabelKeys adds
//    key=value (the pod's own value) for each listed key the pod has, unless the selector
//    selects nothing; minDomains defaults to 1, nodeAffinityPolicy to Honor,
//    nodeTaintsPolicy to Ignore. An invalid selector throws (LabelSelectorError).
//  - countMatchingPods counts the pods of one namespace, not being deleted, whose labels the
//    selector matches; an empty (match-everything) selector counts nothing, as upstream.
//  - Inclusion policies decide whether a node's domain takes part in spreading for a pod at
//    all: Honor nodeAffinityPolicy drops nodes the pod's nodeSelector/required affinity
//    rejects, Honor nodeTaintsPolicy drops nodes with NoSchedule/NoExecute taints the pod
//    does not tolerate.

import { type LabelSelector, selectorFromObject, selectorFromSet } from '../../../api/labels/index.js';
import type { Node, Pod, Toleration, TopologySpreadConstraint } from '../../../api/types/core-v1.js';
import type { NodeInfo } from '../../framework/node-info.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { RequiredNodeAffinity } from '../helper/node-selector.js';
import { findUntoleratedTaint } from '../helper/taints.js';

export const LABEL_HOSTNAME = 'kubernetes.io/hostname';
export const LABEL_TOPOLOGY_ZONE = 'topology.kubernetes.io/zone';

export const DO_NOT_SCHEDULE = 'DoNotSchedule';
export const SCHEDULE_ANYWAY = 'ScheduleAnyway';
export type UnsatisfiableAction = typeof DO_NOT_SCHEDULE | typeof SCHEDULE_ANYWAY;

export const POLICY_HONOR = 'Honor';
export const POLICY_IGNORE = 'Ignore';

export type Labels = Readonly<Record<string, string>>;
export const NO_LABELS: Labels = Object.freeze({});

/** One constraint, parsed. */
export interface Constraint {
  readonly maxSkew: number;
  readonly topologyKey: string;
  readonly selector: LabelSelector;
  readonly minDomains: number;
  readonly honorNodeAffinity: boolean;
  readonly honorNodeTaints: boolean;
}

/** The constraints of `list` with whenUnsatisfiable === action, parsed for a pod with podLabels. */
export function parseConstraints(list: readonly TopologySpreadConstraint[], podLabels: Labels, action: UnsatisfiableAction): Constraint[] {
  const out: Constraint[] = [];
  for (const c of list) {
    if (c.whenUnsatisfiable !== action) continue;
    let selector = selectorFromObject(c.labelSelector);
    if (c.matchLabelKeys && c.matchLabelKeys.length > 0) selector = withMatchLabelKeys(selector, c.matchLabelKeys, podLabels);
    out.push({
      maxSkew: c.maxSkew,
      topologyKey: c.topologyKey,
      selector,
      minDomains: c.minDomains ?? 1,
      // Anything but an explicit Honor (or, for affinity, no value at all) ignores the policy,
      // as upstream compares against Honor only.
      honorNodeAffinity: (c.nodeAffinityPolicy ?? POLICY_HONOR) === POLICY_HONOR,
      honorNodeTaints: (c.nodeTaintsPolicy ?? POLICY_IGNORE) === POLICY_HONOR,
    });
  }
  return out;
}

/** matchLabelKeys: the pod's values of those keys become part of the selector, so that e.g.
 *  each rollout revision (pod-template-hash) spreads on its own. */
function withMatchLabelKeys(selector: LabelSelector, keys: readonly string[], podLabels: Labels): LabelSelector {
  const set: Record<string, string> = {};
  let any = false;
  for (const k of keys) {
    const v = podLabels[k];
    if (typeof v !== 'string') continue;
    set[k] = v;
    any = true;
  }
  // A selector that selects nothing has no requirements to merge: it stays as it is.
  if (!any || selector.matchesNothing()) return selector;
  return selectorFromSet(set).add(...selector.requirements);
}

/** Whether the node carries every constraint's topology key. */
export function nodeHasAllKeys(labels: Labels, constraints: readonly Constraint[]): boolean {
  for (let i = 0; i < constraints.length; i++) {
    if (labels[constraints[i]!.topologyKey] === undefined) return false;
  }
  return true;
}

/** Whether any constraint's selector matches these labels. */
export function labelsMatchAnyConstraint(constraints: readonly Constraint[], labels: Labels): boolean {
  for (const c of constraints) if (c.selector.matches(labels)) return true;
  return false;
}

export function countMatchingPods(pods: readonly PodInfo[], selector: LabelSelector, namespace: string): number {
  if (selector.isEmpty()) return 0;
  let n = 0;
  for (let i = 0; i < pods.length; i++) {
    const p = pods[i]!;
    // Terminating pods are on their way out: counting them would block their replacements.
    if (p.namespace !== namespace || p.pod.metadata.deletionTimestamp) continue;
    if (selector.matches(p.pod.metadata.labels)) n++;
  }
  return n;
}

/**
 * What the inclusion policies need of the pod being scheduled, built once per cycle. The
 * results for the node last asked about are kept: a pod's constraints are checked node by
 * node, so each node's affinity and taints are evaluated at most once. Node objects are
 * immutable, so the node itself is the cache key.
 */
export class NodeInclusion {
  readonly #required: RequiredNodeAffinity | null;
  readonly #tolerations: readonly Toleration[];
  #node: Node | null = null;
  #affinity = UNKNOWN;
  #taints = UNKNOWN;

  constructor(pod: Pod) {
    const spec = pod.spec;
    const selects = (spec?.nodeSelector && Object.keys(spec.nodeSelector).length > 0) || !!spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    // A pod that asks nothing of its node's labels matches every node: no need to look.
    this.#required = selects ? new RequiredNodeAffinity(pod) : null;
    this.#tolerations = spec?.tolerations ?? [];
  }

  /** Whether includes() can ever say no for constraint c (else every node is in). */
  matters(c: Constraint): boolean {
    return (c.honorNodeAffinity && this.#required !== null) || c.honorNodeTaints;
  }

  /** Whether nodeInfo's domain counts for constraint c. */
  includes(c: Constraint, nodeInfo: NodeInfo): boolean {
    const affinity = c.honorNodeAffinity && this.#required !== null;
    if (!affinity && !c.honorNodeTaints) return true;
    const node = nodeInfo.node;
    if (!node) return false;
    if (node !== this.#node) {
      this.#node = node;
      this.#affinity = UNKNOWN;
      this.#taints = UNKNOWN;
    }
    if (affinity) {
      if (this.#affinity === UNKNOWN) this.#affinity = this.#required!.match(node) ? YES : NO;
      if (this.#affinity === NO) return false;
    }
    if (c.honorNodeTaints) {
      if (this.#taints === UNKNOWN) this.#taints = findUntoleratedTaint(nodeInfo.noScheduleTaints, this.#tolerations) ? NO : YES;
      if (this.#taints === NO) return false;
    }
    return true;
  }
}

const UNKNOWN = 0;
const YES = 1;
const NO = 2;
