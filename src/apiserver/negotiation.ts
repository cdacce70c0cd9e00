// Content negotiation: which representation a client asked for in its Accept header, and
// what a request body's Content-Type says it holds. kite speaks JSON and YAML; within JSON a
// client may ask for a meta.k8s.io Table, PartialObjectMetadata, or (for discovery) the
// aggregated apidiscovery.k8s.io document. Protobuf and CBOR are not served: a client that
// accepts nothing else gets 406, as from a server without those serializers.

import { notAcceptable } from '../api/errors.js';

export interface MediaType {
  readonly type: string; // e.g. 'application/json'
  readonly params: Readonly<Record<string, string>>;
}

export type OutputFormat = 'json' | 'yaml';

/** What the response body should be. */
export type Rendering =
  | { readonly as: 'object'; readonly format: OutputFormat }
  | { readonly as: 'Table'; readonly format: OutputFormat; readonly version: 'v1' | 'v1beta1' }
  | { readonly as: 'PartialObjectMetadata' | 'PartialObjectMetadataList'; readonly format: OutputFormat; readonly version: 'v1' | 'v1beta1' }
  | { readonly as: 'APIGroupDiscoveryList'; readonly format: OutputFormat; readonly version: 'v2' | 'v2beta1' };

export const SERVED_MEDIA_TYPES = ['application/json', 'application/yaml'] as const;

/** Parses a header list such as `application/json;as=Table;v=v1;g=meta.k8s.io, *\/*;q=0.8`,
 *  ordered by preference (q, then position). */
export function parseMediaTypes(header: string | undefined): MediaType[] {
  if (!header) return [];
  const parsed: { mt: MediaType; q: number; i: number }[] = [];
  header.split(',').forEach((clause, i) => {
    const [rawType, ...rawParams] = clause.split(';');
    const type = rawType.trim().toLowerCase();
    if (!type) return;
    const params: Record<string, string> = {};
    for (const p of rawParams) {
      const eq = p.indexOf('=');
      if (eq < 0) continue;
      params[p.slice(0, eq).trim().toLowerCase()] = p.slice(eq + 1).trim().replace(/^"|"$/g, '');
    }
    const q = params.q === undefined ? 1 : Number(params.q);
    if (q > 0) parsed.push({ mt: { type, params }, q: Number.isNaN(q) ? 1 : q, i });
  });
  parsed.sort((a, b) => b.q - a.q || a.i - b.i);
  return parsed.map((p) => p.mt);
}

function formatOf(type: string): OutputFormat | undefined {
  if (type === 'application/json' || type === 'application/*' || type === '*/*') return 'json';
  if (type === 'application/yaml') return 'yaml';
  return undefined;
}

/** Picks the rendering for an API resource response. `allowDiscovery` admits the
 *  aggregated discovery document (only /api and /apis serve it). */
export function negotiate(accept: string | undefined, opts: { allowDiscovery?: boolean; allowTable?: boolean } = {}): Rendering {
  const types = parseMediaTypes(accept);
  if (types.length === 0) return { as: 'object', format: 'json' };
  for (const mt of types) {
    const format = formatOf(mt.type);
    if (!format) continue;
    const { as, g, v } = mt.params;
    if (!as) return { as: 'object', format };
    if (as === 'Table' && opts.allowTable !== false && (g === 'meta.k8s.io') && (v === 'v1' || v === 'v1beta1')) {
      return { as: 'Table', format, version: v };
    }
    if ((as === 'PartialObjectMetadata' || as === 'PartialObjectMetadataList') && g === 'meta.k8s.io' && (v === 'v1' || v === 'v1beta1')) {
      return { as, format, version: v };
    }
    if (as === 'APIGroupDiscoveryList' && opts.allowDiscovery && g === 'apidiscovery.k8s.io' && (v === 'v2' || v === 'v2beta1')) {
      return { as, format, version: v };
    }
  }
  throw notAcceptable(SERVED_MEDIA_TYPES);
}

/** The media type of a request body, without parameters ('' when absent). */
export function bodyMediaType(contentType: string | undefined): string {
  if (!contentType) return '';
  return contentType.split(';')[0].trim().toLowerCase();
}
