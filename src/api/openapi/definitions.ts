// The schema definitions of every built-in kind (generated from Kubernetes' OpenAPI
// document without its prose, see scripts/gen-openapi-definitions.ts), indexed by
// group/version/kind.

import definitionsFile from './definitions.json' with { type: 'json' };

export type Schema = Record<string, unknown>;

export const DEFINITIONS = definitionsFile as unknown as Record<string, Schema>;

interface Gvk {
  group: string;
  version: string;
  kind: string;
}

const BY_GVK = new Map<string, string>();
for (const [name, schema] of Object.entries(DEFINITIONS)) {
  for (const gvk of (schema['x-kubernetes-group-version-kind'] as Gvk[] | undefined) ?? []) {
    const key = gvkKey(gvk.group, gvk.version, gvk.kind);
    // Shared meta kinds (DeleteOptions, WatchEvent, ...) list every group; the first wins.
    if (!BY_GVK.has(key)) BY_GVK.set(key, name);
  }
}

function gvkKey(group: string, version: string, kind: string): string {
  return `${group}/${version}/${kind}`;
}

/** The definition name of a kind, e.g. io.k8s.api.apps.v1.Deployment. */
export function definitionFor(group: string, version: string, kind: string): string | undefined {
  return BY_GVK.get(gvkKey(group, version, kind));
}

/** Names of every definition reachable from the given ones through $ref. */
export function referenceClosure(roots: Iterable<string>): Set<string> {
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name) || !DEFINITIONS[name]) return;
    seen.add(name);
    walkRefs(DEFINITIONS[name], visit);
  };
  for (const r of roots) visit(r);
  return seen;
}

function walkRefs(v: unknown, on: (name: string) => void): void {
  if (Array.isArray(v)) {
    for (const x of v) walkRefs(x, on);
  } else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (k === '$ref' && typeof x === 'string') on(x.slice(x.lastIndexOf('/') + 1));
      else walkRefs(x, on);
    }
  }
}

/** A copy of a schema with every $ref rewritten by fn. */
export function rewriteRefs(v: unknown, fn: (name: string) => string): unknown {
  if (Array.isArray(v)) return v.map((x) => rewriteRefs(x, fn));
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      out[k] = k === '$ref' && typeof x === 'string' ? fn(x.slice(x.lastIndexOf('/') + 1)) : rewriteRefs(x, fn);
    }
    return out;
  }
  return v;
}
