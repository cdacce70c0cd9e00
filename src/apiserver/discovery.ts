// Discovery documents: what kubectl and client libraries read to learn which groups,
// versions and resources the server has. Both forms are served — the legacy per-path
// documents (/api, /apis, /api/v1, /apis/G, /apis/G/V) and the aggregated
// apidiscovery.k8s.io document (v2 or v2beta1, as the client's Accept header asks) that
// carries every resource of /api or /apis in one response.

import { createHash } from 'node:crypto';
import type { ResourceDef, SubresourceDef } from '../api/resource.js';
import type { ApiGroup, ApiResources } from './api-resources.js';

interface GroupVersionForDiscovery {
  groupVersion: string;
  version: string;
}

export function apiVersions(serverAddress: string): object {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function groupDoc(g: ApiGroup): object {
  const versions: GroupVersionForDiscovery[] = g.versions.map((v) => ({ groupVersion: `${g.name}/${v}`, version: v }));
  return { name: g.name, versions, preferredVersion: versions[0] };
}

export function apiGroupList(api: ApiResources): object {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: api.groups.filter((g) => g.name !== '').map(groupDoc) };
}

export function apiGroup(g: ApiGroup): object {
  return { kind: 'APIGroup', apiVersion: 'v1', ...groupDoc(g) };
}

function subresourceKind(def: ResourceDef, sub: SubresourceDef): { group: string; version: string; kind: string } {
  return { group: sub.group ?? def.group, version: sub.version ?? '', kind: sub.kind || def.kind };
}

export function apiResourceList(g: ApiGroup, version: string): object {
  const resources: object[] = [];
  for (const def of g.resources) {
    if (!def.versions.includes(version)) continue;
    const entry: Record<string, unknown> = {
      name: def.plural,
      singularName: def.singular,
      namespaced: def.namespaced,
      kind: def.kind,
      verbs: [...def.verbs],
    };
    if (def.shortNames.length) entry.shortNames = [...def.shortNames];
    if (def.categories.length) entry.categories = [...def.categories];
    entry.storageVersionHash = storageVersionHash(def);
    resources.push(entry);
    for (const sub of def.subresources) {
      const k = subresourceKind(def, sub);
      const subEntry: Record<string, unknown> = { name: `${def.plural}/${sub.name}`, singularName: '', namespaced: def.namespaced };
      if (sub.group !== undefined) subEntry.group = k.group;
      if (sub.version !== undefined) subEntry.version = sub.version;
      subEntry.kind = k.kind;
      subEntry.verbs = [...sub.verbs];
      resources.push(subEntry);
    }
  }
  const doc: Record<string, unknown> = { kind: 'APIResourceList' };
  if (g.name !== '') doc.apiVersion = 'v1';
  doc.groupVersion = g.name ? `${g.name}/${version}` : version;
  doc.resources = resources;
  return doc;
}

/** Kubernetes' hash of the storage group/version/kind: base64(sha256("G/V/K")[:8]), the
 *  core group being empty ("/v1/Pod"); resources stored as another share its hash. */
function storageVersionHash(def: ResourceDef): string {
  const storage = def.storageVersion ?? def.versions[0];
  const slash = storage.lastIndexOf('/');
  const group = slash >= 0 ? storage.slice(0, slash) : (def.storedAs?.group ?? def.group);
  const version = slash >= 0 ? storage.slice(slash + 1) : storage;
  return createHash('sha256').update(`${group}/${version}/${def.kind}`).digest().subarray(0, 8).toString('base64');
}

function discoveryResource(def: ResourceDef, version: string): object {
  const entry: Record<string, unknown> = {
    resource: def.plural,
    responseKind: { group: def.group, version, kind: def.kind },
    scope: def.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: def.singular,
    verbs: [...def.verbs],
  };
  if (def.shortNames.length) entry.shortNames = [...def.shortNames];
  if (def.categories.length) entry.categories = [...def.categories];
  if (def.subresources.length) {
    entry.subresources = def.subresources.map((sub) => {
      const k = subresourceKind(def, sub);
      return {
        subresource: sub.name,
        responseKind: { group: k.group, version: k.version || version, kind: k.kind },
        verbs: [...sub.verbs],
      };
    });
  }
  return entry;
}

function groupDiscovery(g: ApiGroup): object {
  const metadata: Record<string, unknown> = { creationTimestamp: null };
  if (g.name) metadata.name = g.name;
  return {
    metadata,
    versions: g.versions.map((v) => ({
      version: v,
      resources: g.resources.filter((d) => d.versions.includes(v)).map((d) => discoveryResource(d, v)),
      freshness: 'Current',
    })),
  };
}

/** The aggregated document for /api (core only) or /apis (every other group). */
export function aggregatedDiscovery(api: ApiResources, legacy: boolean, version: 'v2' | 'v2beta1'): object {
  const groups = api.groups.filter((g) => (g.name === '') === legacy);
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: `apidiscovery.k8s.io/${version}`,
    metadata: {},
    items: groups.map(groupDiscovery),
  };
}

export function aggregatedContentType(version: 'v2' | 'v2beta1'): string {
  return `application/json;g=apidiscovery.k8s.io;v=${version};as=APIGroupDiscoveryList`;
}
