// events.k8s.io/v1 Event over core/v1 Event storage, field by field as Kubernetes 1.32 maps
// them: regarding <-> involvedObject, note <-> message, reportingController <->
// reportingComponent, deprecatedSource/FirstTimestamp/LastTimestamp/Count <-> source,
// firstTimestamp, lastTimestamp, count; eventTime, series, action, reason, related, type and
// reportingInstance keep their names. Fields Go always writes (object references, sources,
// timestamps, the core reporting fields) are written as Go writes their zero values. Neither
// direction mutates its input.

import type { KubeObject } from '../meta.js';
import type { VersionConverter } from '../resource.js';
import { defined, object, set, type JsonObject } from './json.js';

/** A struct-valued field: Go writes {} for a missing one. */
function struct(v: unknown): JsonObject {
  return object(v) ?? {};
}

/** A metav1.Time or MicroTime field: Go writes null for a zero one. */
function time(v: unknown): unknown {
  return set(v) ?? null;
}

/** An omitempty string field: absent when empty. */
function optionalString(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** An omitempty int32 field: absent when zero. */
function optionalCount(v: unknown): unknown {
  return v === 0 ? undefined : set(v);
}

/** events.k8s.io/v1 to core/v1. */
function toCore(ev: KubeObject): KubeObject {
  return {
    kind: 'Event',
    apiVersion: 'v1',
    ...defined({
      metadata: structuredClone(ev.metadata ?? {}),
      involvedObject: struct(ev.regarding),
      reason: optionalString(ev.reason),
      message: optionalString(ev.note),
      source: struct(ev.deprecatedSource),
      firstTimestamp: time(ev.deprecatedFirstTimestamp),
      lastTimestamp: time(ev.deprecatedLastTimestamp),
      count: optionalCount(ev.deprecatedCount),
      type: optionalString(ev.type),
      eventTime: time(ev.eventTime),
      series: object(ev.series),
      action: optionalString(ev.action),
      related: object(ev.related),
      // Not omitempty in core/v1: Go writes these even when empty.
      reportingComponent: typeof ev.reportingController === 'string' ? ev.reportingController : '',
      reportingInstance: typeof ev.reportingInstance === 'string' ? ev.reportingInstance : '',
    }),
  } as KubeObject;
}

/** core/v1 to events.k8s.io/v1. */
function fromCore(ev: KubeObject): KubeObject {
  return {
    kind: 'Event',
    apiVersion: 'events.k8s.io/v1',
    ...defined({
      metadata: structuredClone(ev.metadata ?? {}),
      eventTime: time(ev.eventTime),
      series: object(ev.series),
      reportingController: optionalString(ev.reportingComponent),
      reportingInstance: optionalString(ev.reportingInstance),
      action: optionalString(ev.action),
      reason: optionalString(ev.reason),
      regarding: struct(ev.involvedObject),
      related: object(ev.related),
      note: optionalString(ev.message),
      type: optionalString(ev.type),
      deprecatedSource: struct(ev.source),
      deprecatedFirstTimestamp: time(ev.firstTimestamp),
      deprecatedLastTimestamp: time(ev.lastTimestamp),
      deprecatedCount: optionalCount(ev.count),
    }),
  } as KubeObject;
}

/** events.k8s.io/v1 served over core/v1 storage. */
export const EVENTS_V1_CONVERTER: VersionConverter = {
  toStorage: (obj) => structuredClone(toCore(obj)),
  fromStorage: (obj) => structuredClone(fromCore(obj)),
};
