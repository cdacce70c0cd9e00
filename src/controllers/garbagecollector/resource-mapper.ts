// What the garbage collector knows about resources (its REST mapper), from kite's registry of
// built-in resources:
//  - monitored(): the resources it watches — every resource that supports list, watch and
//    delete in its preferred version, except events (core and events.k8s.io), which
//    Kubernetes' collector ignores too: the API refuses events as owners and they are the
//    most frequently written objects of a cluster.
//  - resolve(apiVersion, kind): the resource an ownerReference or node identity names. The
//    version must be one the server serves; an unknown group/version/kind is a
//    RestMappingError, which the collector retries (the kind may appear later).

import type { ResourceDef } from '../../api/resource.js';
import type { ResourceRef } from '../../client/contract.js';
import { RestMappingError } from './errors.js';

const IGNORED = new Set(['/events', 'events.k8s.io/events']);
const REQUIRED_VERBS = ['list', 'watch', 'delete'] as const;

export class ResourceMapper {
  readonly #byGroupKind = new Map<string, ResourceDef>();
  readonly #defs: readonly ResourceDef[];

  constructor(defs: readonly ResourceDef[]) {
    this.#defs = defs;
    for (const def of defs) {
      if (def.storedAs) continue;
      const key = groupKind(def.group, def.kind);
      if (!this.#byGroupKind.has(key)) this.#byGroupKind.set(key, def);
    }
  }

  /** The resources whose objects form the graph, each in its preferred version. */
  monitored(): ResourceRef[] {
    return this.#defs
      .filter((def) => !def.storedAs && !IGNORED.has(`${def.group}/${def.plural}`))
      .filter((def) => REQUIRED_VERBS.every((v) => def.verbs.includes(v)))
      .map((def) => refOf(def, def.versions[0]!));
  }

  /** The resource serving apiVersion/kind, in that version. */
  resolve(apiVersion: string, kind: string): ResourceRef {
    const { group, version } = parseApiVersion(apiVersion);
    const def = this.#byGroupKind.get(groupKind(group, kind));
    if (!def || !version || !def.versions.includes(version)) throw new RestMappingError(apiVersion, kind);
    return refOf(def, version);
  }
}

export function parseApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  if (slash < 0) return { group: '', version: apiVersion };
  return { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

function groupKind(group: string, kind: string): string {
  return `${group}/${kind}`;
}

function refOf(def: ResourceDef, version: string): ResourceRef {
  return { group: def.group, version, resource: def.plural, kind: def.kind, namespaced: def.namespaced };
}
