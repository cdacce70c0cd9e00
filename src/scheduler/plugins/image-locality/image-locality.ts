// ImageLocality: prefers nodes that already have the pod's images, weighting each image by
// its size and by how widely it is spread (an image on every node says nothing about this
// one). The sum is clamped to [23 MiB, 1000 MiB x containers] and scaled to 0..100.

import type { CycleState } from '../../framework/cycle-state.js';
import { MAX_NODE_SCORE, type Handle, type PreScorePlugin, type ScorePlugin } from '../../framework/interface.js';
import type { NodeInfo } from '../../framework/node-info.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { Status } from '../../framework/status.js';
import { Names } from '../names.js';

const MB = 1024 * 1024;
export const MIN_THRESHOLD = 23 * MB;
export const MAX_CONTAINER_THRESHOLD = 1000 * MB;

/** An image reference without a tag gets ":latest", as the node reports it. */
export function normalizedImageName(name: string): string {
  if (name.lastIndexOf(':') <= name.lastIndexOf('/')) return `${name}:latest`;
  return name;
}

export function calculatePriority(sumScores: number, numContainers: number): number {
  const maxThreshold = MAX_CONTAINER_THRESHOLD * numContainers;
  if (sumScores < MIN_THRESHOLD) sumScores = MIN_THRESHOLD;
  else if (sumScores > maxThreshold) sumScores = maxThreshold;
  return Math.trunc((MAX_NODE_SCORE * (sumScores - MIN_THRESHOLD)) / (maxThreshold - MIN_THRESHOLD));
}

export class ImageLocality implements PreScorePlugin, ScorePlugin {
  readonly name = Names.ImageLocality;
  readonly #handle: Pick<Handle, 'snapshot'>;

  constructor(handle: Pick<Handle, 'snapshot'>) {
    this.#handle = handle;
  }

  /** When no node has any of the pod's images every node scores 0: skip the pass. */
  preScore(_state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): Status | null {
    const spec = pod.pod.spec;
    const images = [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])].map((c) => normalizedImageName(c.image ?? ''));
    for (const n of nodes) {
      if (n.imageStates.size === 0) continue;
      for (const image of images) if (n.imageStates.has(image)) return null;
    }
    return Status.skip();
  }

  score(_state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): number | Status {
    const spec = pod.pod.spec;
    const numContainers = (spec?.initContainers?.length ?? 0) + (spec?.containers?.length ?? 0);
    const images = nodeInfo.imageStates;
    // No known image on the node: the floor, which scales to 0.
    if (images.size === 0 || numContainers === 0) return 0;
    const totalNodes = this.#handle.snapshot().numNodes();
    let sum = 0;
    for (const c of spec?.initContainers ?? []) sum += scaledImageScore(images.get(normalizedImageName(c.image ?? '')), totalNodes);
    for (const c of spec?.containers ?? []) sum += scaledImageScore(images.get(normalizedImageName(c.image ?? '')), totalNodes);
    return calculatePriority(sum, numContainers);
  }
}

function scaledImageScore(state: { size: number; numNodes: number } | undefined, totalNodes: number): number {
  if (!state || totalNodes === 0) return 0;
  return Math.trunc(state.size * (state.numNodes / totalNodes));
}

export function newImageLocality(_args: unknown, handle: Handle): ImageLocality {
  return new ImageLocality(handle);
}
