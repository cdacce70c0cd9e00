// Pods: the server owns status (a new pod is Pending, with its QoS class), and a pod bound to
// a node is deleted gracefully — it stays, marked with a deletionTimestamp, until its kubelet
// has stopped it.

import { preparePodForCreate } from '../defaults/index.js';
import type { KubeObject } from '../meta.js';
import type { ResourceDef } from '../resource.js';
import { genericStrategy } from './generic.js';
import type { Strategy } from './strategy.js';

const DEFAULT_TERMINATION_GRACE_SECONDS = 30;

interface PodLike {
  spec?: { nodeName?: string; terminationGracePeriodSeconds?: number };
  status?: { phase?: string };
}

export function podStrategy(def: ResourceDef): Strategy {
  const base = genericStrategy(def, { returnDeletedObject: true, statusKeepsMetadata: ['ownerReferences'] });
  return {
    ...base,
    prepareForCreate(obj) {
      base.prepareForCreate(obj);
      preparePodForCreate(obj);
    },
    gracePeriodSeconds(obj: KubeObject, requested: number | undefined): number {
      const pod = obj as PodLike;
      if (!pod.spec?.nodeName) return 0;
      const phase = pod.status?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') return 0;
      const period = requested ?? pod.spec.terminationGracePeriodSeconds ?? DEFAULT_TERMINATION_GRACE_SECONDS;
      // CheckGracefulDelete: a negative period is one second, never an immediate deletion.
      return period < 0 ? 1 : period;
    },
  };
}
