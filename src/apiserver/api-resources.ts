// ApiResources is the server's table of served resources: for each ResourceDef, the Store
// that serves it, indexed by group, version and plural for routing, and by group for
// discovery. Resources that share storage (core and events.k8s.io events) share one cache.

import type { ResourceDef } from '../api/resource.js';
import { strategyFor } from '../api/strategy/index.js';
import type { KV } from '../storage/kv.js';
import { resourcePrefix } from './registry/keys.js';
import { ServiceAllocator } from './registry/service-allocator.js';
import { cachedFromStorage, Store, type StoreHooks } from './registry/store.js';
import { WatchCache } from './watchcache/watch-cache.js';

/** Discovery order of API groups, as Kubernetes ranks them; unknown groups follow, sorted. */
const GROUP_ORDER = [
  '',
  'apiregistration.k8s.io',
  'apps',
  'events.k8s.io',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'autoscaling',
  'batch',
  'certificates.k8s.io',
  'networking.k8s.io',
  'policy',
  'rbac.authorization.k8s.io',
  'storage.k8s.io',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'scheduling.k8s.io',
  'coordination.k8s.io',
  'node.k8s.io',
  'discovery.k8s.io',
  'flowcontrol.apiserver.k8s.io',
];

export interface ApiGroup {
  readonly name: string;
  /** Served versions, preferred first. */
  readonly versions: readonly string[];
  readonly resources: readonly ResourceDef[];
}

export interface ClusterNetworkConfig {
  /** IPv4 CIDR Service cluster IPs come from. */
  readonly serviceCIDR: string;
  readonly nodePortRange: readonly [number, number];
}

export const DEFAULT_CLUSTER_NETWORK: ClusterNetworkConfig = { serviceCIDR: '10.43.0.0/16', nodePortRange: [30000, 32767] };

export class ApiResources {
  readonly #stores = new Map<string, Store>();
  readonly #caches = new Map<string, WatchCache>();
  readonly #services: ServiceAllocator;
  readonly groups: readonly ApiGroup[];

  constructor(defs: readonly ResourceDef[], kv: KV, network: ClusterNetworkConfig = DEFAULT_CLUSTER_NETWORK) {
    this.#services = new ServiceAllocator(network);
    for (const def of defs) {
      const prefix = resourcePrefix(def);
      let cache = this.#caches.get(prefix);
      if (!cache) {
        cache = new WatchCache(kv, prefix, cachedFromStorage);
        this.#caches.set(prefix, cache);
      }
      const store = new Store(def, kv, strategyFor(def), cache, this.#hooksFor(def));
      this.#stores.set(storeKey(def.group, def.plural), store);
    }
    this.groups = groupDefs(defs);
  }

  #hooksFor(def: ResourceDef): StoreHooks {
    if (def.group === '' && def.plural === 'services') {
      return { reserve: (key, obj, old) => this.#services.allocate(key, obj, old) };
    }
    return {};
  }

  async start(): Promise<void> {
    await Promise.all([...this.#caches.values()].map((c) => c.start()));
    this.#services.track(this.store('', 'services').cache);
  }

  stop(): void {
    for (const c of this.#caches.values()) c.stop();
  }

  /** The store serving group/plural, if the resource exists in that version. */
  lookup(group: string, version: string, plural: string): Store | undefined {
    const store = this.#stores.get(storeKey(group, plural));
    return store && store.def.versions.includes(version) ? store : undefined;
  }

  /** The store for group/plural whatever the version (for in-process callers). */
  store(group: string, plural: string): Store {
    const store = this.#stores.get(storeKey(group, plural));
    if (!store) throw new Error(`no such resource: ${plural}.${group}`);
    return store;
  }

  group(name: string): ApiGroup | undefined {
    return this.groups.find((g) => g.name === name);
  }

  stores(): Iterable<Store> {
    return this.#stores.values();
  }
}

function storeKey(group: string, plural: string): string {
  return `${group}/${plural}`;
}

function groupDefs(defs: readonly ResourceDef[]): ApiGroup[] {
  const byGroup = new Map<string, ResourceDef[]>();
  for (const def of defs) {
    const list = byGroup.get(def.group) ?? [];
    list.push(def);
    byGroup.set(def.group, list);
  }
  const rank = (g: string) => {
    const i = GROUP_ORDER.indexOf(g);
    return i < 0 ? GROUP_ORDER.length : i;
  };
  const names = [...byGroup.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return names.map((name) => {
    const resources = byGroup.get(name)!;
    const versions: string[] = [];
    // The preferred version is the one most resources prefer; Kubernetes orders by priority.
    for (const def of resources) for (const v of def.versions) if (!versions.includes(v)) versions.push(v);
    versions.sort(compareVersions);
    return { name, versions, resources };
  });
}

/** Kubernetes version priority: GA > beta > alpha, higher numbers first (v2 > v1 > v1beta1). */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!m) return [3, 0, 0];
    const stage = m[2] === 'alpha' ? 2 : m[2] === 'beta' ? 1 : 0;
    return [stage, -Number(m[1]), -Number(m[3] ?? 0)];
  };
  const pa = parse(a);
  const pb = parse(b);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
  return a.localeCompare(b);
}
