// Shared fixtures for the printer tests: a fixed clock and an object made of metadata alone,
// which every printer must print without throwing.

import type { KubeObject } from '../meta.js';

/** The instant the tests print at. */
export const NOW = new Date('2024-05-01T12:00:00Z');

/** One hour before NOW; an object created then prints AGE '60m'. */
export const AN_HOUR_AGO = '2024-05-01T11:00:00Z';

/** An object with the given fields beside metadata named name, created an hour before NOW. */
export function obj(fields: Record<string, unknown> = {}, metadata: KubeObject['metadata'] = {}): KubeObject {
  return { metadata: { name: 'x', creationTimestamp: AN_HOUR_AGO, ...metadata }, ...fields };
}
