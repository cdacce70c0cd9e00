// events.k8s.io/v1: events, stored as core/v1 events (one store, two APIs) and converted on
// the way in and out, as Kubernetes 1.32 serves them. The table is the core events table,
// since it prints the stored form. Field selectors use this API's names (regarding.*,
// reportingController) and compare them against the stored core fields; the core names
// (involvedObject.*) are rejected here, as in Kubernetes.

import { isPlainObject, type KubeObject } from '../meta.js';
import type { ResourceDef } from '../resource.js';
import { EVENTS_V1_CONVERTER } from '../conversion/events.js';
import { EVENT_TABLE } from '../printers/core/event.js';
import { resource } from './common.js';

/** A string field of the stored event, '' when unset. */
function stored(obj: KubeObject, field: string): string {
  const v = obj[field];
  return typeof v === 'string' ? v : '';
}

/** A string field of the stored event's involvedObject, '' when unset. */
function regarding(field: string): (obj: KubeObject) => string {
  return (obj) => {
    const ref = isPlainObject(obj.involvedObject) ? obj.involvedObject : {};
    const v = ref[field];
    return typeof v === 'string' ? v : '';
  };
}

/** The source component, else the reporting controller, as the core selector computes it. */
function source(obj: KubeObject): string {
  const src = isPlainObject(obj.source) ? obj.source : {};
  const component = typeof src.component === 'string' ? src.component : '';
  return component || stored(obj, 'reportingComponent');
}

export const EVENTS_RESOURCES: readonly ResourceDef[] = [
  resource({
    group: 'events.k8s.io',
    versions: ['v1'],
    kind: 'Event',
    plural: 'events',
    singular: 'event',
    namespaced: true,
    shortNames: ['ev'],
    table: EVENT_TABLE,
    fieldSelectors: {
      'regarding.kind': regarding('kind'),
      'regarding.namespace': regarding('namespace'),
      'regarding.name': regarding('name'),
      'regarding.uid': regarding('uid'),
      'regarding.apiVersion': regarding('apiVersion'),
      'regarding.resourceVersion': regarding('resourceVersion'),
      'regarding.fieldPath': regarding('fieldPath'),
      reportingController: (obj) => stored(obj, 'reportingComponent'),
      reason: (obj) => stored(obj, 'reason'),
      source,
      type: (obj) => stored(obj, 'type'),
    },
    storedAs: { group: '', plural: 'events' },
    storageVersion: 'v1',
    conversion: { v1: EVENTS_V1_CONVERTER },
  }),
];
