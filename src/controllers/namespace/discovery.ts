// The namespaced resources a namespace can hold, from the API server's discovery documents
// (client-go's ServerPreferredNamespacedResources): for the core group and every group's
// preferred version, the namespaced resources (no subresources) with the verbs they support.
//
// Discovery of one group version failing does not fail the whole: the resources found are
// returned together with a GroupDiscoveryFailedError naming the failing group versions, so
// the caller can delete what it can and report the rest (NamespaceDeletionDiscoveryFailure).
// A group version string that does not parse is reported as GroupVersionParseError
// (NamespaceDeletionGroupVersionParsingFailure) and skipped.

import type { ResourceRef, Transport } from '../../client/contract.js';
import { GroupDiscoveryFailedError, GroupVersionParseError } from './errors.js';

export interface DiscoveredResource {
  readonly ref: ResourceRef;
  readonly verbs: readonly string[];
}

export interface DiscoveryResult {
  readonly resources: DiscoveredResource[];
  readonly discoveryError?: GroupDiscoveryFailedError;
  readonly parseErrors: GroupVersionParseError[];
}

interface APIResource {
  name?: string;
  kind?: string;
  namespaced?: boolean;
  verbs?: string[];
}

interface APIResourceList {
  groupVersion?: string;
  resources?: APIResource[];
}

interface APIGroupList {
  groups?: { preferredVersion?: { groupVersion?: string } }[];
}

export async function discoverNamespacedResources(transport: Transport): Promise<DiscoveryResult> {
  const failures = new Map<string, unknown>();
  const groupVersions = await preferredGroupVersions(transport, failures);
  const lists = await Promise.all(groupVersions.map((gv) => resourceList(transport, gv, failures)));
  const resources: DiscoveredResource[] = [];
  const parseErrors: GroupVersionParseError[] = [];
  for (const list of lists) {
    if (!list) continue;
    const gv = parseGroupVersion(list.groupVersion ?? '');
    if (gv instanceof GroupVersionParseError) {
      parseErrors.push(gv);
      continue;
    }
    for (const r of list.resources ?? []) {
      if (!r.namespaced || !r.name || r.name.includes('/')) continue;
      resources.push({ ref: { ...gv, resource: r.name, kind: r.kind ?? '', namespaced: true }, verbs: r.verbs ?? [] });
    }
  }
  return { resources, parseErrors, ...(failures.size > 0 ? { discoveryError: new GroupDiscoveryFailedError(failures) } : {}) };
}

/** 'v1' for the core group, then each group's preferred group version. */
async function preferredGroupVersions(transport: Transport, failures: Map<string, unknown>): Promise<string[]> {
  const versions = ['v1'];
  try {
    const res = await transport.request({ method: 'GET', path: '/apis' });
    for (const g of (res.body as APIGroupList).groups ?? []) {
      const gv = g.preferredVersion?.groupVersion;
      if (gv) versions.push(gv);
    }
  } catch (err) {
    failures.set('apis', err);
  }
  return versions;
}

async function resourceList(transport: Transport, groupVersion: string, failures: Map<string, unknown>): Promise<APIResourceList | undefined> {
  const path = groupVersion === 'v1' ? '/api/v1' : `/apis/${groupVersion}`;
  try {
    const res = await transport.request({ method: 'GET', path });
    return { groupVersion, ...(res.body as APIResourceList) };
  } catch (err) {
    failures.set(groupVersion, err);
    return undefined;
  }
}

/** Go's schema.ParseGroupVersion: 'v1', 'apps/v1'; more than one slash is an error. */
export function parseGroupVersion(gv: string): { group: string; version: string } | GroupVersionParseError {
  if (gv === '' || gv === '/') return { group: '', version: '' };
  const parts = gv.split('/');
  if (parts.length === 1) return { group: '', version: parts[0]! };
  if (parts.length === 2) return { group: parts[0]!, version: parts[1]! };
  return new GroupVersionParseError(gv);
}
