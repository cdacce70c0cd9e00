// Workload kinds whose registry does more than the generic strategy: a Job gets its
// controller-uid selector and labels on create; a DaemonSet tracks its template generation
// in the deprecated.daemonset.template.generation annotation.

import { daemonSetTemplateGeneration, generateJobSelector } from '../defaults/index.js';
import type { ResourceDef } from '../resource.js';
import { genericStrategy } from './generic.js';
import type { Strategy } from './strategy.js';

export function jobStrategy(def: ResourceDef): Strategy {
  const base = genericStrategy(def);
  return {
    ...base,
    prepareForCreate(obj) {
      base.prepareForCreate(obj);
      generateJobSelector(obj);
    },
  };
}

export function daemonSetStrategy(def: ResourceDef): Strategy {
  const base = genericStrategy(def);
  return {
    ...base,
    prepareForCreate(obj) {
      base.prepareForCreate(obj);
      daemonSetTemplateGeneration(obj);
    },
    prepareForUpdate(obj, old) {
      base.prepareForUpdate(obj, old);
      daemonSetTemplateGeneration(obj, old);
    },
  };
}
