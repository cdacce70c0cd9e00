// MirrorController keeps a copy of every source ConfigMap in every target namespace
// (mirror.ts says which), built as Kubernetes controllers are built (replica_set.go):
//
// - Informers on ConfigMaps and Namespaces feed the cache; their handlers only compute a key
//   (the source's namespace/name) and enqueue it: a source changed, a copy changed or
//   vanished (its source is re-synced, so hand edits are undone), a namespace appeared or
//   changed (every source is re-synced).
// - run(signal, workers) waits for both caches, then runs workers that take keys off a
//   rate-limited work queue: sync(key) succeeded -> forget the key; failed -> re-add it
//   rate limited (5 ms doubling to 1000 s per key, plus an overall 10 qps bucket).
// - sync(key) reads only the cache and writes only through the ConfigMaps client: create
//   missing copies, update stale ones, delete copies that should not exist (the source is
//   gone or no longer labelled, the namespace is no longer a target). A ConfigMap that is in
//   the way but is not a copy is left alone and reported as a Warning event. What a sync
//   did is recorded as one Normal event on the source.

import {
  DeletedFinalStateUnknown,
  RateLimitingQueue,
  StatusError,
  splitMetaNamespaceKey,
  type Clock,
  type corev1,
  type EventRecorder,
  type ResourceClient,
  type SharedIndexInformer,
} from '../../src/client/index.js';
import { desiredCopy, isSource, isTargetNamespace, isUpToDate, keyOf, SOURCE_LABEL, sourceKeyOfCopy } from './mirror.js';

type ConfigMap = corev1.ConfigMap;
type Namespace = corev1.Namespace;

/** The ConfigMap index of copies by the key of their source. */
export const BY_SOURCE_INDEX = 'mirror.kite.dev/by-source';

export interface MirrorControllerOptions {
  /** Where copies are written (a ResourceClient for ConfigMaps, across namespaces). */
  readonly configMaps: ResourceClient<ConfigMap>;
  readonly configMapInformer: SharedIndexInformer<ConfigMap>;
  readonly namespaceInformer: SharedIndexInformer<Namespace>;
  readonly recorder: EventRecorder;
  readonly sourceNamespace: string;
  readonly clock?: Clock;
  /** Told about failed syncs (they are retried regardless). */
  readonly onError?: (key: string, err: unknown) => void;
  /** Told what each sync did. */
  readonly log?: (message: string) => void;
}

/** What one sync did, for the event and the log. */
interface SyncReport {
  readonly created: string[];
  readonly updated: string[];
  readonly deleted: string[];
}

export class MirrorController {
  readonly queue: RateLimitingQueue<string>;
  /** The sync of one key; tests may replace it. */
  syncHandler: (key: string) => Promise<void>;
  readonly #opts: MirrorControllerOptions;
  readonly #configMaps: SharedIndexInformer<ConfigMap>;
  readonly #namespaces: SharedIndexInformer<Namespace>;

  constructor(opts: MirrorControllerOptions) {
    this.#opts = opts;
    this.#configMaps = opts.configMapInformer;
    this.#namespaces = opts.namespaceInformer;
    this.queue = new RateLimitingQueue<string>(opts.clock ? { clock: opts.clock } : {});
    this.syncHandler = (key) => this.sync(key);
    if (!(BY_SOURCE_INDEX in this.#configMaps.getIndexer().getIndexers())) {
      this.#configMaps.addIndexers({ [BY_SOURCE_INDEX]: (cm) => (sourceKeyOfCopy(cm) ? [sourceKeyOfCopy(cm)!] : []) });
    }
    this.#configMaps.addEventHandler({
      onAdd: (cm) => this.#enqueueFor(cm),
      onUpdate: (old, cm) => {
        this.#enqueueFor(old);
        this.#enqueueFor(cm);
      },
      onDelete: (cm) => this.#enqueueFor(cm instanceof DeletedFinalStateUnknown ? cm.obj : cm),
    });
    this.#namespaces.addEventHandler({
      onAdd: () => this.#enqueueAllSources(),
      onUpdate: (old, ns) => {
        if (old.status?.phase !== ns.status?.phase || old.metadata.deletionTimestamp !== ns.metadata.deletionTimestamp) this.#enqueueAllSources();
      },
    });
  }

  /** Waits for the caches, then works until signal aborts. */
  async run(signal: AbortSignal, workers: number): Promise<void> {
    signal.addEventListener('abort', () => this.queue.shutDown(), { once: true });
    const synced = await Promise.all([this.#configMaps.waitForSync(signal), this.#namespaces.waitForSync(signal)]);
    if (!synced.every(Boolean)) return;
    await Promise.all(Array.from({ length: workers }, () => this.#worker()));
  }

  async #worker(): Promise<void> {
    while (await this.#processNextWorkItem()) {
      // keep going until the queue shuts down
    }
  }

  async #processNextWorkItem(): Promise<boolean> {
    const [key, shutdown] = await this.queue.get();
    if (shutdown) return false;
    try {
      await this.syncHandler(key);
      this.queue.forget(key);
    } catch (err) {
      this.#opts.onError?.(key, err);
      this.queue.addRateLimited(key);
    } finally {
      this.queue.done(key);
    }
    return true;
  }

  // ---- event handlers: compute a key, enqueue it, nothing else ----

  #enqueueFor(cm: ConfigMap): void {
    if (cm.metadata.namespace === this.#opts.sourceNamespace && cm.metadata.labels?.[SOURCE_LABEL] !== undefined) this.queue.add(keyOf(cm));
    const source = sourceKeyOfCopy(cm);
    if (source) this.queue.add(source);
  }

  #enqueueAllSources(): void {
    for (const key of this.#configMaps.getIndexer().listKeys()) {
      const cm = this.#configMaps.getIndexer().getByKey(key);
      if (cm && isSource(cm, this.#opts.sourceNamespace)) this.queue.add(key);
    }
  }

  // ---- sync: all the work ----

  async sync(key: string): Promise<void> {
    const { namespace } = splitMetaNamespaceKey(key);
    const source = this.#configMaps.getIndexer().getByKey(key);
    const copies = this.#configMaps.getIndexer().byIndex(BY_SOURCE_INDEX, key);
    const report: SyncReport = { created: [], updated: [], deleted: [] };
    const failures: unknown[] = [];
    const attempt = async (write: () => Promise<void>): Promise<void> => {
      try {
        await write();
      } catch (err) {
        failures.push(err);
      }
    };
    const active = source && isSource(source, namespace) && namespace === this.#opts.sourceNamespace ? source : undefined;
    const targets = active ? this.#targetNamespaces() : new Set<string>();
    for (const ns of targets) await attempt(() => this.#ensureCopy(active!, ns, report));
    for (const copy of copies) {
      if (targets.has(copy.metadata.namespace!)) continue;
      await attempt(() => this.#deleteCopy(copy, report));
    }
    this.#report(key, active, report);
    if (failures.length > 0) throw new Error(`syncing ${key}: ${failures.map((e) => (e instanceof Error ? e.message : String(e))).join('; ')}`);
  }

  #targetNamespaces(): Set<string> {
    const out = new Set<string>();
    for (const ns of this.#namespaces.getStore().list()) if (isTargetNamespace(ns, this.#opts.sourceNamespace)) out.add(ns.metadata.name!);
    return out;
  }

  async #ensureCopy(source: ConfigMap, namespace: string, report: SyncReport): Promise<void> {
    const desired = desiredCopy(source, namespace);
    const existing = this.#configMaps.getIndexer().getByKey(`${namespace}/${source.metadata.name}`);
    if (!existing) {
      await this.#opts.configMaps.namespace(namespace).create(desired);
      report.created.push(namespace);
      return;
    }
    if (sourceKeyOfCopy(existing) !== keyOf(source)) {
      this.#opts.recorder.event(source, 'Warning', 'Conflict', `namespace ${namespace} has a ConfigMap named ${source.metadata.name} that is not a copy; left alone`);
      return;
    }
    if (isUpToDate(existing, desired)) return;
    await this.#opts.configMaps.namespace(namespace).update({ ...desired, metadata: { ...desired.metadata, resourceVersion: existing.metadata.resourceVersion } });
    report.updated.push(namespace);
  }

  async #deleteCopy(copy: ConfigMap, report: SyncReport): Promise<void> {
    try {
      await this.#opts.configMaps.namespace(copy.metadata.namespace!).delete(copy.metadata.name!, { preconditions: { uid: copy.metadata.uid! } });
    } catch (err) {
      // Already gone (the namespace went first, or a previous sync): nothing left to do.
      if (!(err instanceof StatusError && err.code === 404)) throw err;
    }
    report.deleted.push(copy.metadata.namespace!);
  }

  #report(key: string, source: ConfigMap | undefined, r: SyncReport): void {
    const parts: string[] = [];
    if (r.created.length) parts.push(`created copies in ${r.created.join(', ')}`);
    if (r.updated.length) parts.push(`updated copies in ${r.updated.join(', ')}`);
    if (r.deleted.length) parts.push(`deleted copies in ${r.deleted.join(', ')}`);
    if (parts.length === 0) return;
    const message = parts.join('; ');
    this.#opts.log?.(`${key}: ${message}`);
    if (source) this.#opts.recorder.event(source, 'Normal', 'Mirrored', message.charAt(0).toUpperCase() + message.slice(1));
  }
}
