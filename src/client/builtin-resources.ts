// The built-in resources as the client addresses them, derived from the API registry
// (src/api/registry: group, preferred version, plural, kind, scope) — never a second table.
// Accessors are grouped by API group, named by the group's first DNS label ('' is core):
// client.core.pods(ns), client.apps.deployments(ns), client.rbac.clusterroles(),
// client.events.events(ns) (events.k8s.io). Their types come from BuiltinResourceTypes,
// which scripts/gen-api-types.ts generates from the same registry.

import type { KubeObject } from '../api/meta.js';
import { BUILTIN_RESOURCES } from '../api/registry/index.js';
import type { BuiltinResourceTypes } from '../api/types/index.js';
import type { ResourceClient, ResourceRef } from './contract.js';

/** The accessor group of an API group: '' -> core, rbac.authorization.k8s.io -> rbac. */
export type GroupAccessorName<G extends string> = G extends '' ? 'core' : G extends `${infer First}.${string}` ? First : G;

export function groupAccessorName(group: string): string {
  return group === '' ? 'core' : group.split('.')[0];
}

interface ResourceTypeEntry {
  readonly object: KubeObject;
  readonly namespaced: boolean;
}

/** A namespaced resource's accessor takes a namespace (none: all namespaces). */
export type ResourceAccessor<E extends ResourceTypeEntry> = E['namespaced'] extends true
  ? (namespace?: string) => ResourceClient<E['object']>
  : () => ResourceClient<E['object']>;

export type GroupClients<G extends keyof BuiltinResourceTypes> = {
  readonly [P in keyof BuiltinResourceTypes[G]]: BuiltinResourceTypes[G][P] extends ResourceTypeEntry ? ResourceAccessor<BuiltinResourceTypes[G][P]> : never;
};

/** Every built-in resource's typed accessor, by accessor group. */
export type BuiltinClients = {
  readonly [G in keyof BuiltinResourceTypes as GroupAccessorName<G & string>]: GroupClients<G>;
};

/** The object type of a built-in resource: ResourceType<'apps', 'deployments'> is Deployment. */
export type ResourceType<G extends keyof BuiltinResourceTypes, P extends keyof BuiltinResourceTypes[G]> = BuiltinResourceTypes[G][P] extends ResourceTypeEntry
  ? BuiltinResourceTypes[G][P]['object']
  : never;

/** Every built-in resource, in its preferred version. */
export const BUILTIN_REFS: readonly ResourceRef[] = BUILTIN_RESOURCES.map((def) => ({
  group: def.group,
  version: def.versions[0],
  resource: def.plural,
  kind: def.kind,
  namespaced: def.namespaced,
}));

/** A built-in resource by group and plural (or kind), e.g. builtinRef('apps', 'deployments'). */
export function builtinRef(group: string, resourceOrKind: string): ResourceRef {
  const ref = BUILTIN_REFS.find((r) => r.group === group && (r.resource === resourceOrKind || r.kind === resourceOrKind));
  if (!ref) throw new TypeError(`no built-in resource ${resourceOrKind} in group "${group}"`);
  return ref;
}

/** The accessors of every built-in resource, each making clients with `make`. */
export function builtinClients(make: (ref: ResourceRef, namespace?: string) => ResourceClient<KubeObject>): BuiltinClients {
  const groups: Record<string, Record<string, (namespace?: string) => ResourceClient<KubeObject>>> = {};
  for (const ref of BUILTIN_REFS) {
    const group = (groups[groupAccessorName(ref.group)] ??= {});
    group[ref.resource] = ref.namespaced ? (namespace?: string) => make(ref, namespace) : () => make(ref);
  }
  for (const g of Object.values(groups)) Object.freeze(g);
  return Object.freeze(groups) as unknown as BuiltinClients;
}
