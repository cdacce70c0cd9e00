// Where objects live in storage: /registry/<group or "core">/<plural>/[<namespace>/]<name>.
// A resource stored with another (events.k8s.io events with core events) shares its prefix.

import type { ResourceDef } from '../../api/resource.js';

export function resourcePrefix(def: ResourceDef): string {
  const group = def.storedAs?.group ?? def.group;
  const plural = def.storedAs?.plural ?? def.plural;
  return `/registry/${group || 'core'}/${plural}/`;
}

/** The key prefix of everything in one namespace ('' = all namespaces). */
export function namespacePrefix(resourcePrefix: string, namespace: string): string {
  return namespace ? `${resourcePrefix}${namespace}/` : resourcePrefix;
}

export function objectKey(resourcePrefix: string, namespace: string, name: string): string {
  const n = keySegment(name);
  return namespace ? `${resourcePrefix}${namespace}/${n}` : `${resourcePrefix}${n}`;
}

/** Storage keys are printable ASCII; the few kinds whose names may hold other characters
 *  (RBAC roles allow any path segment) are percent-encoded, which cannot collide because
 *  '%' is not allowed in names. */
function keySegment(name: string): string {
  return /^[\x21-\x7e]*$/.test(name) ? name : encodeURIComponent(name);
}
