// Events: recorders that tell users what a controller did, through the core/v1 Event API
// (EventBroadcaster: counts and aggregation, client-go tools/record) or the events.k8s.io/v1
// API (EventsV1Broadcaster: event series, client-go tools/events). Either kind is readable
// through both APIs; kubectl describe and kubectl events show them.

export {
  defaultHost,
  DEFAULT_RETRY_SLEEP_MS,
  EventBroadcaster,
  EventNamer,
  getReference,
  MAX_QUEUED_EVENTS,
  MAX_TRIES_PER_EVENT,
  type EventBroadcasterOptions,
  type EventRecorder,
} from './recorder.js';
export {
  AGGREGATE_MESSAGE_PREFIX,
  aggregateKeys,
  DEFAULT_AGGREGATE_INTERVAL_SECONDS,
  DEFAULT_AGGREGATE_MAX_EVENTS,
  DEFAULT_SPAM_BURST,
  DEFAULT_SPAM_QPS,
  EventCorrelator,
  getEventKey,
  getSpamKey,
  LruCache,
  MAX_LRU_CACHE_ENTRIES,
  type CorrelateResult,
  type CorrelatorOptions,
} from './correlator.js';
export {
  DEFAULT_V1_RETRY_SLEEP_MS,
  EventsV1Broadcaster,
  isomorphicKey,
  SERIES_FINISH_MS,
  SERIES_REFRESH_MS,
  type EventsV1BroadcasterOptions,
  type EventsV1Recorder,
} from './events-v1-broadcaster.js';
export {
  CORE_EVENTS,
  EVENTS_V1,
  formatMicroTime,
  formatTime,
  type CoreEvent,
  type EventSource,
  type EventType,
  type EventV1,
  type ObjectReference,
} from './types.js';
