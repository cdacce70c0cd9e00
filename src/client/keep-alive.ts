// keepAlive holds a Node.js process open until a signal aborts. The client's machinery never
// does on its own: its timers (backoffs, resyncs, retry periods, delayed requeues) are unref'd
// so that a library user's tests and embedding processes are not kept alive by background
// work. A standalone program whose only work is informers, a leader election and work queues
// must therefore hold the process itself — otherwise a standby waiting for a Lease, or an
// informer backing off while its server restarts, leaves nothing keeping the event loop busy
// and the process exits (status 0, silently). Call it once in main with the signal that
// stops the program, and call what it returns when the program ends for another reason.

/** Keeps the process running until signal aborts or the returned release() is called. */
export function keepAlive(signal: AbortSignal): () => void {
  if (signal.aborted) return () => {};
  // The longest delay Node's timers accept; the interval only exists to be referenced.
  const hold = setInterval(() => {}, 2 ** 31 - 1);
  const release = (): void => clearInterval(hold);
  signal.addEventListener('abort', release, { once: true });
  return release;
}
