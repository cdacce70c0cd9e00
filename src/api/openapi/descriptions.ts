// kite's own description texts for the schema definitions, merged into the OpenAPI documents
// kite serves (/openapi/v2 and /openapi/v3), which is what `kubectl explain` prints. The
// definitions themselves (definitions.json) carry no prose: Kubernetes' descriptions are not
// copied, these are written for kite. Validation, defaulting and apply keep reading the raw
// DEFINITIONS; only the served documents use describedDefinitions().
//
// The texts live in descriptions-*.ts, one file per API family; fields every kind shares
// (apiVersion, kind, metadata, spec, status, a list's items) are described here, in code.

import { DEFINITIONS, type Schema } from './definitions.js';
import { APPS_DESCRIPTIONS } from './descriptions-apps.js';
import { CORE_DESCRIPTIONS } from './descriptions-core.js';
import { META_DESCRIPTIONS } from './descriptions-meta.js';
import { POD_DESCRIPTIONS } from './descriptions-pod.js';
import { MISC_DESCRIPTIONS } from './descriptions-misc.js';
import { VOLUME_DESCRIPTIONS } from './descriptions-volume.js';
import { EXTENSIONS_DESCRIPTIONS } from './descriptions-extensions.js';

import type { DefinitionText, DescriptionMap } from './descriptions-util.js';

export type { DefinitionText, DescriptionMap } from './descriptions-util.js';

/** Every hand-written text, by full definition name. Later families may add properties to a
 *  definition another one started; a property written twice is an error (see the test). */
export const DESCRIPTIONS: DescriptionMap = mergeFamilies([
  META_DESCRIPTIONS,
  POD_DESCRIPTIONS,
  VOLUME_DESCRIPTIONS,
  CORE_DESCRIPTIONS,
  APPS_DESCRIPTIONS,
  MISC_DESCRIPTIONS,
  EXTENSIONS_DESCRIPTIONS,
]);

function mergeFamilies(families: readonly DescriptionMap[]): DescriptionMap {
  const out: DescriptionMap = {};
  for (const family of families) {
    for (const [name, text] of Object.entries(family)) {
      const into = (out[name] ??= {});
      if (text.description) into.description = text.description;
      if (text.properties) into.properties = { ...into.properties, ...text.properties };
    }
  }
  return out;
}

interface Gvk {
  group: string;
  version: string;
  kind: string;
}

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1.';

/** A kind's "group/version", as apiVersion spells it. */
function apiVersionOf(gvk: Gvk): string {
  return gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
}

function refName(s: Schema | undefined): string | undefined {
  const r = s?.$ref;
  return typeof r === 'string' ? r.slice(r.lastIndexOf('/') + 1) : undefined;
}

/** The texts of the fields every object kind and list kind has, written once here. */
export function genericTexts(name: string, schema: Schema): DefinitionText {
  const props = (schema.properties ?? {}) as Record<string, Schema>;
  const gvks = (schema['x-kubernetes-group-version-kind'] as Gvk[] | undefined) ?? [];
  const out: Record<string, string> = {};
  const gvk = gvks.length === 1 ? gvks[0] : undefined;
  const kind = gvk?.kind ?? name.slice(name.lastIndexOf('.') + 1);
  const isList = kind.endsWith('List') && props.items !== undefined && refName(props.metadata) === `${META}ListMeta`;
  // apiVersion/kind only mean "this object's" on kinds and lists; elsewhere (references,
  // selectors) they name another object and are written by hand.
  const isObject = gvks.length > 0 || isList;
  if (isObject && props.apiVersion?.type === 'string') {
    out.apiVersion = gvk
      ? `The API group and version of this object's schema, here "${apiVersionOf(gvk)}". The server decodes the object with that version's schema and converts it to and from the version it stores.`
      : 'The API group and version of this object\'s schema, written "group/version" (just "v1" for the core group). The server uses it to pick the schema it decodes the object with.';
  }
  if (isObject && props.kind?.type === 'string') {
    out.kind = gvk
      ? `The type of this object, here "${gvk.kind}". Clients may leave it out when the request URL already names the resource; it cannot be changed after creation.`
      : 'The type of this object as a CamelCase kind name, such as "Pod". Clients may leave it out when the request URL already names the resource.';
  }
  const metaRef = refName(props.metadata);
  if (metaRef === `${META}ObjectMeta`) {
    out.metadata = 'Identity and bookkeeping of this object: its name, namespace, labels, annotations, owners, finalizers and the server-maintained uid, resourceVersion and timestamps.';
  } else if (metaRef === `${META}ListMeta`) {
    out.metadata = 'Information about the list as a whole: the resourceVersion it was read at and, for paged reads, the continue token and remaining item count.';
  }
  if (isList) {
    const itemKind = refName((props.items as Schema).items as Schema | undefined);
    const item = itemKind ? itemKind.slice(itemKind.lastIndexOf('.') + 1) : kind.slice(0, -'List'.length);
    out.items = `The ${item} objects in this list.`;
  }
  if (gvk && !isList) {
    if (refName(props.spec)) out.spec = `What the user wants this ${kind} to be: its desired state, which the responsible controllers work to make true.`;
    if (refName(props.status)) out.status = `What the system last observed about this ${kind}, as reported by the components that act on it. Clients normally only read it, and it may lag behind the spec.`;
  }
  const text: DefinitionText = { properties: out };
  if (isList) {
    const item = kind.slice(0, -'List'.length);
    text.description = `A list of ${item} objects, as returned by a list request, with the list's own metadata.`;
  }
  return text;
}

let DESCRIBED: Record<string, Schema> | undefined;

/** The definitions with kite's descriptions added. Built once; treat the result as read-only. */
export function describedDefinitions(): Record<string, Schema> {
  DESCRIBED ??= build();
  return DESCRIBED;
}

function build(): Record<string, Schema> {
  const out: Record<string, Schema> = {};
  for (const [name, schema] of Object.entries(DEFINITIONS)) {
    const generic = genericTexts(name, schema);
    const own = DESCRIPTIONS[name];
    const description = own?.description ?? generic.description;
    const texts = { ...generic.properties, ...own?.properties };
    const props = schema.properties as Record<string, Schema> | undefined;
    const copy: Schema = { ...schema };
    if (description) copy.description = description;
    if (props) {
      const newProps: Record<string, Schema> = {};
      for (const [p, ps] of Object.entries(props)) newProps[p] = texts[p] ? { ...ps, description: texts[p] } : ps;
      copy.properties = newProps;
    }
    // Keep key order stable and close to Kubernetes' (description first).
    out[name] = description ? { description, ...copy } : copy;
  }
  return out;
}

/** Counts of what is described, for reports and tests. */
export function descriptionStats(): { definitions: number; properties: number; generic: number } {
  let definitions = 0;
  let properties = 0;
  let generic = 0;
  for (const [name, schema] of Object.entries(DEFINITIONS)) {
    const own = DESCRIPTIONS[name];
    const gen = genericTexts(name, schema);
    if (own?.description || gen.description) definitions++;
    const props = Object.keys((schema.properties ?? {}) as object);
    for (const p of props) {
      if (own?.properties?.[p]) properties++;
      else if (gen.properties?.[p]) generic++;
    }
  }
  return { definitions, properties, generic };
}
