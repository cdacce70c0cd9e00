// The events table as Kubernetes 1.32 prints it. Unlike other tables it leads with LAST SEEN
// and keeps NAME last and wide-only; it reads both the old (source, counts, timestamps) and the
// new (reportingController, series, eventTime) ways an event records who, when and how often.

import { timestampAge } from '../../duration.js';
import type { KubeObject } from '../../meta.js';
import type { TableCell, TablePrinter } from '../../resource.js';
import { NAME_COLUMN, column } from '../../registry/common.js';
import { int, present, text } from './read.js';

interface Event extends KubeObject {
  involvedObject?: { kind?: string; name?: string; fieldPath?: string };
  reason?: string;
  message?: string;
  type?: string;
  source?: { component?: string; host?: string };
  reportingComponent?: string;
  reportingInstance?: string;
  firstTimestamp?: string;
  lastTimestamp?: string;
  eventTime?: string;
  count?: number;
  series?: { count?: number; lastObservedTime?: string };
}

/** "component, host", from source or else from the reporting fields; just the component when
 *  no host is known. */
function eventSource(ev: Event): string {
  const source = present(ev.source) ? ev.source : undefined;
  const component = text(source?.component) || text(ev.reportingComponent);
  const instance = text(source?.host) || text(ev.reportingInstance);
  return instance ? `${component}, ${instance}` : component;
}

function eventRow(obj: KubeObject, now: Date): TableCell[] {
  const ev = obj as Event;
  const first = text(ev.firstTimestamp) ? timestampAge(ev.firstTimestamp, now) : timestampAge(text(ev.eventTime), now);
  let last = text(ev.lastTimestamp) ? timestampAge(ev.lastTimestamp, now) : first;
  let count = int(ev.count);
  if (present(ev.series)) {
    last = timestampAge(text(ev.series?.lastObservedTime), now);
    count = int(ev.series?.count);
  } else if (count === 0) {
    // Events from the events.k8s.io API leave count unset when they happened once.
    count = 1;
  }
  const involved = present(ev.involvedObject) ? ev.involvedObject : undefined;
  const kind = text(involved?.kind).toLowerCase();
  const name = text(involved?.name);
  return [
    last,
    text(ev.type),
    text(ev.reason),
    name ? `${kind}/${name}` : kind,
    text(involved?.fieldPath),
    eventSource(ev),
    text(ev.message).trim(),
    first,
    count,
    text(ev.metadata?.name),
  ];
}

export const EVENT_TABLE: TablePrinter = {
  columns: [
    column('Last Seen', 'string', 'Time since the event was last observed.'),
    column('Type', 'string', 'Normal or Warning.'),
    column('Reason', 'string', 'A short machine-readable cause of the event.'),
    column('Object', 'string', 'The object the event is about, as kind/name.'),
    column('Subobject', 'string', 'The part of the object the event is about, such as one container.', 1),
    column('Source', 'string', 'The component, and host, that reported the event.', 1),
    column('Message', 'string', 'What happened, for humans.'),
    column('First Seen', 'string', 'Time since the event was first observed.', 1),
    column('Count', 'string', 'How many times the event has been observed.', 1),
    { ...NAME_COLUMN, priority: 1 },
  ],
  row: eventRow,
};
