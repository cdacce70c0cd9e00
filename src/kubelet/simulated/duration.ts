// Durations as Kubernetes components take them on the command line (Go's time.ParseDuration):
// a sequence of decimal numbers, each with a unit, e.g. "1s", "500ms", "1m30s", "1.5h".
// A bare "0" is zero. Negative durations are refused: every duration here is a delay.

export class DurationError extends Error {
  override name = 'DurationError';
}

const UNIT_MS: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

const PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/y;

/** Milliseconds in a Go duration string; throws DurationError when it is not one. */
export function parseDuration(text: string): number {
  if (text === '0') return 0;
  if (text === '') throw new DurationError('invalid duration ""');
  let ms = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < text.length) {
    const start = PART.lastIndex;
    const m = PART.exec(text);
    if (!m || m.index !== start) throw new DurationError(`invalid duration "${text}"`);
    ms += Number(m[1]) * UNIT_MS[m[2]!]!;
  }
  return ms;
}
