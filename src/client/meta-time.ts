// The wire forms of metav1's two timestamp types, as Go writes them: Time is RFC 3339 in
// whole seconds (2025-01-01T12:00:00Z), MicroTime has exactly six fractional digits
// (2025-01-01T12:00:00.123000Z). Both are UTC. parseTime reads either (undefined when absent
// or malformed).

/** metav1.Time's wire form: RFC 3339, whole seconds, UTC. */
export function formatTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** metav1.MicroTime's wire form: six fractional digits, UTC. */
export function formatMicroTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** Milliseconds since the epoch of a Time or MicroTime. */
export function parseTime(v: string | undefined | null): number | undefined {
  if (!v) return undefined;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : t;
}
