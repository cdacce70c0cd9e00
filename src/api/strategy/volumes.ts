// PersistentVolumes: a new volume starts Pending with its phase transition time recorded,
// and every phase change through the status subresource records the time again.

import { persistentVolumeStatusTransition, preparePersistentVolumeForCreate } from '../defaults/index.js';
import type { ResourceDef } from '../resource.js';
import { genericStrategy } from './generic.js';
import type { Strategy } from './strategy.js';

export function persistentVolumeStrategy(def: ResourceDef): Strategy {
  const base = genericStrategy(def);
  return {
    ...base,
    prepareForCreate(obj) {
      base.prepareForCreate(obj);
      preparePersistentVolumeForCreate(obj);
    },
    prepareForStatusUpdate(obj, old) {
      base.prepareForStatusUpdate(obj, old);
      persistentVolumeStatusTransition(obj, old);
    },
  };
}
