// The shape of kite's description texts and a helper for writing them per API family
// (kept apart from descriptions.ts so the family files do not import their own importer).

/** What kite says about one definition: the type itself and any of its properties. */
export interface DefinitionText {
  description?: string;
  properties?: Record<string, string>;
}

/** Texts by full definition name, e.g. io.k8s.api.apps.v1.DeploymentSpec. */
export type DescriptionMap = Record<string, DefinitionText>;

/** Prefixes full definition names onto a family's short names: withPrefix('io.k8s.api.core.v1.', { Pod: ... }). */
export function withPrefix(prefix: string, texts: DescriptionMap): DescriptionMap {
  return Object.fromEntries(Object.entries(texts).map(([short, text]) => [prefix + short, text]));
}
