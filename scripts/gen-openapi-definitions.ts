// Generates src/api/openapi/definitions.json from Kubernetes' own OpenAPI document
// (../shared/reference/kubernetes-openapi-v2.json): the schema of every definition — types,
// formats, properties, required fields, enums, references and the x-kubernetes-*
// extensions (patch strategies, list types, group/version/kind) — without the description
// texts, which kite does not copy. The server never reads ../shared at run time.
// Usage: node dist/scripts/gen-openapi-definitions.js [path] > src/api/openapi/definitions.json

import { readFileSync } from 'node:fs';

const DROPPED_KEYS = new Set(['description']);
/** Groups kite does not serve; their definitions are left out. */
const SKIPPED_PREFIXES = ['io.k8s.kube-aggregator.'];

/** The schema without its prose; inside `properties` the keys are field names (a field may
 *  be called "description") and are all kept. */
function strip(v: unknown, keysAreFieldNames = false): unknown {
  if (Array.isArray(v)) return v.map((x) => strip(x));
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (!keysAreFieldNames && DROPPED_KEYS.has(k)) continue;
      out[k] = strip(x, !keysAreFieldNames && k === 'properties');
    }
    return out;
  }
  return v;
}

const path = process.argv[2] ?? new URL('../../../shared/reference/kubernetes-openapi-v2.json', import.meta.url).pathname;
const doc = JSON.parse(readFileSync(path, 'utf8')) as { definitions: Record<string, unknown> };
const defs: Record<string, unknown> = {};
for (const name of Object.keys(doc.definitions).sort()) {
  if (SKIPPED_PREFIXES.some((p) => name.startsWith(p))) continue;
  defs[name] = strip(doc.definitions[name]);
}
process.stdout.write(`${JSON.stringify(defs)}\n`);
