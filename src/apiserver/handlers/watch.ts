// Watch: a chunked HTTP response of newline-delimited watch events
// ({"type":"ADDED","object":{...}}) served from the resource's watch cache.
//
// - No resourceVersion (or "0"): the current state as ADDED events, then every change.
//   resourceVersion N: every change after N; a compacted or too old N is a single ERROR
//   event carrying a 410 Expired Status, as Kubernetes sends it.
// - sendInitialEvents=true streams the state first and ends it with a BOOKMARK annotated
//   k8s.io/initial-events-end (the WatchList protocol).
// - allowWatchBookmarks: periodic BOOKMARK events carrying the newest resourceVersion, and
//   one 2 s before timeoutSeconds ends the watch (as Kubernetes' cacheWatcher sends it).
// - The stream ends after timeoutSeconds (default: a random 30–60 minutes), when the client
//   leaves, when the server stops, or when the client reads too slowly to keep up.

import { badRequest, expired, type StatusError } from '../../api/errors.js';
import { apiVersionOf, encodeIn, partialObjectMetadata } from '../conversion.js';
import { errorStatus } from '../http/respond.js';
import { parseResourceVersion } from '../registry/store.js';
import { parseIncludeObject, renderTable } from '../table.js';
import type { CachedObject } from '../watchcache/cached-object.js';
import { TooOldError, type WatcherEvent } from '../watchcache/watch-cache.js';
import { parseBoolParam, parseIntParam, type Scope } from './scope.js';
import { selectionFromQuery } from './selection.js';

const INITIAL_EVENTS_END = 'k8s.io/initial-events-end';
/** A watch that allows bookmarks gets one this long before its timeout. */
const PRE_TIMEOUT_BOOKMARK_MS = 2000;

interface WatchParams {
  readonly resourceVersion: string;
  readonly sendInitialEvents: boolean | undefined;
  readonly allowBookmarks: boolean;
  readonly timeoutMs: number;
}

function parseWatchParams(scope: Scope): WatchParams {
  const q = scope.query;
  const resourceVersion = q.get('resourceVersion') ?? '';
  const sendInitial = q.has('sendInitialEvents') ? parseBoolParam(q, 'sendInitialEvents') : undefined;
  const match = q.get('resourceVersionMatch') ?? '';
  if (sendInitial !== undefined) {
    if (match !== 'NotOlderThan') {
      throw badRequest(`sendInitialEvents is forbidden for watch unless resourceVersionMatch is set to "NotOlderThan"`);
    }
  } else if (match) {
    throw badRequest(`resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided`);
  }
  if (resourceVersion !== '') parseResourceVersion(resourceVersion);
  const timeoutSeconds = parseIntParam(q, 'timeoutSeconds');
  const min = scope.watch.minRequestTimeoutSeconds;
  const timeoutMs = timeoutSeconds !== undefined && timeoutSeconds > 0 ? timeoutSeconds * 1000 : (min + Math.random() * min) * 1000;
  return { resourceVersion, sendInitialEvents: sendInitial, allowBookmarks: parseBoolParam(q, 'allowWatchBookmarks'), timeoutMs };
}

/** Encodes the object part of watch events for one watcher, memoized per cached object. */
function objectEncoder(scope: Scope): (o: CachedObject) => string {
  const r = scope.rendering;
  if (r.as === 'Table') {
    const includeObject = parseIncludeObject(scope.query.get('includeObject'));
    let first = true;
    return (o) => {
      const noHeaders = !first;
      first = false;
      const opts = { includeObject, noHeaders, tableVersion: r.version, version: scope.version };
      return renderTable(scope.def, [o], { resourceVersion: o.obj.metadata.resourceVersion }, opts);
    };
  }
  if (r.as === 'PartialObjectMetadata') {
    return (o) => partialObjectMetadata(o, r.version);
  }
  return (o) => encodeIn(scope.def, scope.version, o);
}

export async function handleWatch(scope: Scope): Promise<void> {
  const params = parseWatchParams(scope);
  const selection = selectionFromQuery(scope.def, scope.query, scope.name);
  const { store, res } = scope;

  // Initial state: sent unless a resourceVersion was given without sendInitialEvents.
  const rv = params.resourceVersion;
  const sendInitial = params.sendInitialEvents ?? (rv === '' || rv === '0');
  await store.ensureFresh(rv);
  const fromRevision = sendInitial ? undefined : parseResourceVersion(rv);

  const encodeObject = objectEncoder(scope);
  const kindHeader = `{"kind":${JSON.stringify(scope.def.kind)},"apiVersion":${JSON.stringify(apiVersionOf(scope.def.group, scope.version))}`;
  const bookmark = (revision: number, initialEnd: boolean): string => {
    const annotations = initialEnd ? `,"annotations":{"${INITIAL_EVENTS_END}":"true"}` : '';
    return `{"type":"BOOKMARK","object":${kindHeader},"metadata":{"resourceVersion":"${revision}","creationTimestamp":null${annotations}}}}\n`;
  };

  res.writeHead(200, { 'Content-Type': 'application/json;stream=watch', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();

  let closed = false;
  let watcher: { close(): void } | undefined;
  const timers: NodeJS.Timeout[] = [];
  const finish = () => {
    if (closed) return;
    closed = true;
    watcher?.close();
    for (const t of timers) clearTimeout(t);
    res.end();
  };
  const send = (chunk: string) => {
    if (closed) return;
    res.write(chunk);
    if (res.writableLength > scope.watch.maxBufferedBytes) finish();
  };
  const lineId = scope.rendering.as === 'Table' ? undefined : `watch/${scope.rendering.as}/${scope.def.group}/${scope.version}`;
  const line = (e: WatcherEvent): string => {
    const text = () => `{"type":"${e.type}","object":${encodeObject(e.object)}}\n`;
    // Watchers asking for the same rendering share one encoded line per event.
    return lineId ? e.object.encoded(`${lineId}/${e.type}`, text) : text();
  };
  // One write per event line, batches corked into one socket write: the line written is the
  // one string every watcher of the rendering shares, which in-process watchers recognize and
  // parse once for all (client/shared-line-parser.ts).
  const onEvents = (events: readonly WatcherEvent[]) => {
    if (events.length === 1) return send(line(events[0]));
    res.cork();
    for (const e of events) send(line(e));
    process.nextTick(() => res.uncork());
  };

  res.on('close', finish);
  try {
    watcher = store.cache.watch(fromRevision, {
      keyPrefix: store.keyPrefix(scope.namespace),
      filter: selection.filter,
      onEvents,
      onClose: finish,
    });
  } catch (err) {
    if (err instanceof TooOldError) {
      send(errorEvent(expired(err.message)));
      return finish();
    }
    send(errorEvent(err));
    return finish();
  }
  if (params.sendInitialEvents && params.allowBookmarks) send(bookmark(store.cache.revision, true));
  const deadline = Date.now() + params.timeoutMs;
  if (params.allowBookmarks) {
    const schedule = () => {
      const delay = nextBookmarkDelay(Date.now(), deadline, scope.watch.bookmarkIntervalMs);
      if (delay === undefined) return;
      timers[0] = setTimeout(() => {
        send(bookmark(store.cache.revision, false));
        schedule();
      }, delay);
    };
    schedule();
  }
  timers.push(setTimeout(finish, params.timeoutMs));
}

/** When the next bookmark is due, as Kubernetes' cacheWatcher decides: every interval, but
 *  also PRE_TIMEOUT_BOOKMARK_MS before the watch ends, so that the client can resume from
 *  a recent resourceVersion; none once that moment has passed. */
export function nextBookmarkDelay(now: number, deadline: number, intervalMs: number): number | undefined {
  const preTimeout = deadline - PRE_TIMEOUT_BOOKMARK_MS;
  const at = Math.min(now + intervalMs, preTimeout);
  return at <= now ? undefined : at - now;
}

function errorEvent(err: unknown): string {
  return `{"type":"ERROR","object":${JSON.stringify(errorStatus(err as StatusError))}}\n`;
}
