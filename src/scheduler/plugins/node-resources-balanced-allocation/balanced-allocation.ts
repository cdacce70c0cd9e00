// NodeResourcesBalancedAllocation: prefers nodes whose resources would be used evenly with
// the pod on them: score = (1 - standard deviation of the requested/allocatable fractions)
// * 100, over the configured resources (default cpu and memory), on actual requests.

import type { CycleState } from '../../framework/cycle-state.js';
import { MAX_NODE_SCORE, type PreScorePlugin, type ScorePlugin } from '../../framework/interface.js';
import type { NodeInfo } from '../../framework/node-info.js';
import type { PodInfo } from '../../framework/pod-info.js';
import type { Status } from '../../framework/status.js';
import { ResourceAllocationScorer, type ResourceSpec } from '../helper/resource-allocation.js';
import { Names } from '../names.js';
import { DEFAULT_SCORING_RESOURCES } from '../node-resources-fit/node-resources-fit.js';

export interface BalancedAllocationArgs {
  readonly resources?: readonly ResourceSpec[];
}

/** (1 - std of the fractions) * 100; fractions above 1 count as 1. */
export function balancedResourceScore(requested: Float64Array, allocatable: Float64Array): number {
  let total = 0;
  let count = 0;
  let f0 = 0;
  let f1 = 0;
  const fractions: number[] = [];
  for (let i = 0; i < requested.length; i++) {
    if (allocatable[i] === 0) continue;
    let f = requested[i]! / allocatable[i]!;
    if (f > 1) f = 1;
    total += f;
    if (count === 0) f0 = f;
    else if (count === 1) f1 = f;
    if (requested.length > 2) fractions.push(f);
    count++;
  }
  let std = 0;
  if (count === 2) {
    std = Math.abs((f0 - f1) / 2);
  } else if (count > 2) {
    const mean = total / count;
    let sum = 0;
    for (const f of fractions) sum += (f - mean) * (f - mean);
    std = Math.sqrt(sum / count);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

/** balancedResourceScore for two resources, on plain numbers. */
function balancedPairScore(req0: number, cap0: number, req1: number, cap1: number): number {
  if (cap0 === 0 || cap1 === 0) return MAX_NODE_SCORE;
  let f0 = req0 / cap0;
  let f1 = req1 / cap1;
  if (f0 > 1) f0 = 1;
  if (f1 > 1) f1 = 1;
  return Math.trunc((1 - Math.abs((f0 - f1) / 2)) * MAX_NODE_SCORE);
}

export class BalancedAllocation implements PreScorePlugin, ScorePlugin {
  readonly name = Names.NodeResourcesBalancedAllocation;
  readonly #scorer: ResourceAllocationScorer;

  constructor(args: BalancedAllocationArgs = {}) {
    this.#scorer = new ResourceAllocationScorer(this.name, args.resources ?? DEFAULT_SCORING_RESOURCES, true, balancedResourceScore, balancedPairScore);
  }

  preScore(state: CycleState, pod: PodInfo): Status | null {
    this.#scorer.preScore(state, pod);
    return null;
  }

  score(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): number | Status {
    return this.#scorer.score(state, pod, nodeInfo);
  }

  scoreAll(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], scores: Float64Array): Status | null {
    this.#scorer.scoreAll(state, pod, nodes, scores);
    return null;
  }
}

export function newBalancedAllocation(args: unknown): BalancedAllocation {
  return new BalancedAllocation((args ?? {}) as BalancedAllocationArgs);
}
