// metav1.Time for controllers: RFC 3339 strings on the wire, milliseconds since the epoch in
// code. A missing or unparsable timestamp is Go's zero time, which callers see as undefined.

export { formatTime } from '../../client/events/types.js';

/** Milliseconds since the epoch, or undefined for a missing/invalid timestamp (Go's zero time). */
export function parseTime(t: string | undefined | null): number | undefined {
  if (!t) return undefined;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? undefined : ms;
}
