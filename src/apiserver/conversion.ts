// Moving objects between the version a client speaks and the version they are stored in.
// Most resources have one version, which is their storage version; autoscaling HPAs and
// events.k8s.io events have converters declared in their ResourceDef.

import type { KubeObject } from '../api/meta.js';
import type { ResourceDef } from '../api/resource.js';
import type { CachedObject } from './watchcache/cached-object.js';

export function apiVersionOf(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

/** The apiVersion objects of this resource are stored with. */
export function storageApiVersion(def: ResourceDef): string {
  if (def.storedAs) return def.storageVersion ?? 'v1';
  return apiVersionOf(def.group, def.storageVersion ?? def.versions[0]);
}

function isStorageVersion(def: ResourceDef, version: string): boolean {
  return !def.conversion?.[version];
}

/** An object received in `version` as the storage form (the input may be changed). */
export function toStorage(def: ResourceDef, version: string, obj: KubeObject): KubeObject {
  const converter = def.conversion?.[version];
  if (converter) return converter.toStorage(obj);
  obj.apiVersion = storageApiVersion(def);
  obj.kind = def.kind;
  return obj;
}

/** A stored object in `version` (a new object; the input is not changed). */
export function fromStorage(def: ResourceDef, version: string, obj: KubeObject): KubeObject {
  const converter = def.conversion?.[version];
  if (converter) return converter.fromStorage(obj);
  return obj;
}

/** The JSON of a cached object in `version`, memoized on the object. */
export function encodeIn(def: ResourceDef, version: string, cached: CachedObject): string {
  if (isStorageVersion(def, version)) return cached.json();
  return cached.encoded(`${def.group}/${version}`, (o) => JSON.stringify(fromStorage(def, version, o)));
}

/** An object's metadata as a meta.k8s.io PartialObjectMetadata, memoized on the object. */
export function partialObjectMetadata(o: CachedObject, version: string): string {
  return o.encoded(`pom/${version}`, (obj) => JSON.stringify({ kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${version}`, metadata: obj.metadata }));
}
