// Secrets: stringData is a write-only convenience — its entries are merged into data
// (base64-encoded, overriding data's) and it is never stored; an unset type is Opaque.

import type { KubeObject } from '../meta.js';
import type { ResourceDef } from '../resource.js';
import { genericStrategy } from './generic.js';
import type { Strategy } from './strategy.js';

function mergeStringData(obj: KubeObject): void {
  const stringData = obj.stringData as Record<string, unknown> | undefined;
  if (stringData && typeof stringData === 'object') {
    const data = { ...((obj.data as Record<string, string> | undefined) ?? {}) };
    for (const [k, v] of Object.entries(stringData)) data[k] = Buffer.from(String(v), 'utf8').toString('base64');
    obj.data = data;
  }
  delete obj.stringData;
  if (!obj.type) obj.type = 'Opaque';
}

export function secretStrategy(def: ResourceDef): Strategy {
  const base = genericStrategy(def);
  return {
    ...base,
    prepareForCreate(obj) {
      base.prepareForCreate(obj);
      mergeStringData(obj);
    },
    prepareForUpdate(obj, old) {
      base.prepareForUpdate(obj, old);
      mergeStringData(obj);
    },
  };
}
