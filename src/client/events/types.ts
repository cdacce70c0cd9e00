// The shapes of the two Event APIs a recorder writes (core/v1 and events.k8s.io/v1), kept
// loose like every kind in kite: the fields recorders set and read, nothing more, with the
// generated types' optionality, so the typed clients (client.core.events(),
// client.events.events()) are what the broadcasters take.

import type { KubeObject } from '../../api/meta.js';
import type { ResourceRef } from '../contract.js';

export type EventType = 'Normal' | 'Warning';

export interface ObjectReference {
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  apiVersion?: string;
  resourceVersion?: string;
  fieldPath?: string;
}

export interface EventSource {
  component?: string;
  host?: string;
}

/** core/v1 Event. */
export interface CoreEvent extends KubeObject {
  involvedObject: ObjectReference;
  reason?: string;
  message?: string;
  source?: EventSource;
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  count?: number;
  type?: string;
  eventTime?: string | null;
  series?: { count?: number; lastObservedTime?: string };
  action?: string;
  related?: ObjectReference;
  reportingComponent?: string;
  reportingInstance?: string;
}

/** events.k8s.io/v1 Event. */
export interface EventV1 extends KubeObject {
  eventTime: string;
  series?: { count: number; lastObservedTime: string };
  reportingController?: string;
  reportingInstance?: string;
  action?: string;
  reason?: string;
  regarding?: ObjectReference;
  related?: ObjectReference;
  note?: string;
  type?: string;
}

export const CORE_EVENTS: ResourceRef = { group: '', version: 'v1', resource: 'events', kind: 'Event', namespaced: true };
export const EVENTS_V1: ResourceRef = { group: 'events.k8s.io', version: 'v1', resource: 'events', kind: 'Event', namespaced: true };

export { formatMicroTime, formatTime } from '../meta-time.js';
