// Delivery checking for the informer end-to-end tests: what a test wrote (Writer), what an
// informer's handler was told (HandlerLog), and when its reflector listed (RecordingLW, a
// pass-through ListerWatcher around the real HTTP client). checkDelivery compares them
// against the informer's guarantee (src/client/informer/shared-informer.ts):
//
//  - per object (uid): an add first, then updates with strictly increasing resourceVersions
//    each continuing from the one before, then at most one delete, which is last; no second
//    add; every resourceVersion delivered is one the test wrote;
//  - every write is delivered, except a write that was superseded (the object written again
//    or deleted) before a relist was sent and after the last resourceVersion the informer
//    had seen before that relist: changes made entirely while the watch was down may be
//    seen as their net effect, nothing else may be missed;
//  - an object the handler knew and the test deleted is delivered as a delete (a
//    DeletedFinalStateUnknown tombstone when only a relist could tell).
//
// Ordering between the writer and the reflector's lists uses one Sequence, ticked when a
// write is sent and answered and when a list is sent and answered: a write sent before a
// list was answered may be in that list's state.
//
// The writer rides out a server outage: a write that failed in transport (the server died
// or was not up yet) is retried until it is answered; if the lost attempt had in fact been
// committed, the retry finds that out (AlreadyExists for a create, NotFound for a delete, a
// no-op for a merge patch, which answers the object unchanged), so every write is recorded
// exactly once with the resourceVersion it produced.

import type { KubeObject } from '../../src/api/meta.js';
import { StatusError, type corev1, type ListerWatcher, type ListOptions, type ObjectList, type ResourceClient, type WatchEvent, type WatchStream } from '../../src/client/index.js';
import { DeletedFinalStateUnknown, type ResourceEventHandler } from '../../src/client/informer/index.js';

type ConfigMap = corev1.ConfigMap;

/** Orders the writer's completed writes against the reflector's list requests. */
export class Sequence {
  #n = 0;
  next(): number {
    return ++this.#n;
  }
}

export interface Write {
  readonly op: 'create' | 'update' | 'delete';
  readonly name: string;
  readonly uid: string;
  /** The resourceVersion the write produced (a delete answers a Status, so none). */
  readonly rv?: number;
  /** When it was first sent, on the Sequence. */
  readonly sentSeq: number;
  /** When it was answered, on the Sequence. */
  readonly seq: number;
}

/** How long a write keeps retrying through an outage. */
const OUTAGE_LIMIT_MS = 30_000;

function isTransportError(err: unknown): boolean {
  return !(err instanceof StatusError) || err.code === 503;
}

/** Writes ConfigMaps through the typed client and remembers every write it made. */
export class Writer {
  readonly writes: Write[] = [];
  readonly #client: ResourceClient<ConfigMap>;
  readonly #seq: Sequence;
  readonly #labels: Record<string, string>;
  readonly #uids = new Map<string, string>();

  constructor(client: ResourceClient<ConfigMap>, seq: Sequence, labels: Record<string, string>) {
    this.#client = client;
    this.#seq = seq;
    this.#labels = labels;
  }

  /** Names the writer created and has not deleted. */
  live(): string[] {
    return [...this.#uids.keys()];
  }

  async create(name: string, data: Record<string, string> = {}): Promise<ConfigMap> {
    const sentSeq = this.#seq.next();
    const body: ConfigMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels: this.#labels }, data };
    const cm = await this.#retry(
      () => this.#client.create(body),
      (err) => (err instanceof StatusError && err.reason === 'AlreadyExists' ? this.#client.get(name) : undefined),
    );
    this.#uids.set(name, cm.metadata.uid!);
    this.#record('create', cm, sentSeq);
    return cm;
  }

  async update(name: string, data: Record<string, string>): Promise<ConfigMap> {
    const sentSeq = this.#seq.next();
    const cm = await this.#retry(() => this.#client.patch(name, 'merge', { data }));
    this.#record('update', cm, sentSeq);
    return cm;
  }

  async delete(name: string): Promise<void> {
    const uid = this.#uids.get(name);
    if (!uid) throw new Error(`writer: ${name} is not live`);
    const sentSeq = this.#seq.next();
    await this.#retry(
      () => this.#client.delete(name, { preconditions: { uid } }),
      (err) => (err instanceof StatusError && err.code === 404 ? Promise.resolve(undefined) : undefined),
    );
    this.#uids.delete(name);
    this.writes.push({ op: 'delete', name, uid, sentSeq, seq: this.#seq.next() });
  }

  /** Runs write until it is answered; after a transport failure, an API error is handed to
   *  afterLoss, which may answer what the lost attempt did. */
  async #retry<R>(write: () => Promise<R>, afterLoss?: (err: unknown) => Promise<R> | undefined): Promise<R> {
    const deadline = Date.now() + OUTAGE_LIMIT_MS;
    let lost = false;
    for (;;) {
      try {
        return await write();
      } catch (err) {
        const recovered = lost && !isTransportError(err) ? afterLoss?.(err) : undefined;
        if (recovered) return recovered;
        if (!isTransportError(err) || Date.now() > deadline) throw err;
        lost = true;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  }

  #record(op: 'create' | 'update', cm: ConfigMap, sentSeq: number): void {
    this.writes.push({ op, name: cm.metadata.name!, uid: cm.metadata.uid!, rv: Number(cm.metadata.resourceVersion), sentSeq, seq: this.#seq.next() });
  }
}

export interface Notification {
  readonly kind: 'add' | 'update' | 'delete';
  readonly name: string;
  readonly uid: string;
  readonly rv: number;
  readonly oldRv?: number;
  readonly tombstone?: boolean;
  readonly initial?: boolean;
}

/** An event handler that logs what it is told and keeps the state it implies, by name. */
export class HandlerLog implements ResourceEventHandler<ConfigMap> {
  readonly notifications: Notification[] = [];
  readonly state = new Map<string, ConfigMap>();
  /** Notifications that contradict the state the earlier ones built. */
  readonly problems: string[] = [];

  onAdd(obj: ConfigMap, isInInitialList: boolean): void {
    const n = note('add', obj, { initial: isInInitialList });
    if (this.state.has(n.name)) this.problems.push(`add of ${n.name}@${n.rv} while the handler holds ${describe(this.state.get(n.name)!)}`);
    this.state.set(n.name, obj);
    this.notifications.push(n);
  }

  onUpdate(oldObj: ConfigMap, newObj: ConfigMap): void {
    const n = note('update', newObj, { oldRv: Number(oldObj.metadata.resourceVersion) });
    const held = this.state.get(n.name);
    if (!held || held.metadata.resourceVersion !== oldObj.metadata.resourceVersion) {
      this.problems.push(`update of ${n.name} from @${n.oldRv} while the handler holds ${held ? describe(held) : 'nothing'}`);
    }
    this.state.set(n.name, newObj);
    this.notifications.push(n);
  }

  onDelete(obj: ConfigMap | DeletedFinalStateUnknown<ConfigMap>): void {
    const tombstone = obj instanceof DeletedFinalStateUnknown;
    const last = tombstone ? obj.obj : obj;
    const n = note('delete', last, { tombstone });
    if (!this.state.has(n.name)) this.problems.push(`delete of ${n.name} the handler does not hold`);
    this.state.delete(n.name);
    this.notifications.push(n);
  }

  /** The log as short strings, e.g. "update b@12->15", "delete c@9 tombstone". */
  lines(from = 0): string[] {
    return this.notifications.slice(from).map((n) => {
      const rv = n.kind === 'update' ? `${n.oldRv}->${n.rv}` : String(n.rv);
      return `${n.kind} ${n.name}@${rv}${n.tombstone ? ' tombstone' : ''}${n.initial ? ' initial' : ''}`;
    });
  }
}

function note(kind: Notification['kind'], obj: ConfigMap, extra: Partial<Notification>): Notification {
  return { kind, name: obj.metadata.name!, uid: obj.metadata.uid!, rv: Number(obj.metadata.resourceVersion), ...extra };
}

function describe(obj: ConfigMap): string {
  return `${obj.metadata.name}@${obj.metadata.resourceVersion} (uid ${obj.metadata.uid})`;
}

export interface ListRecord {
  /** When the first page was requested, on the Sequence. */
  readonly sentSeq: number;
  /** When the last page was answered, on the Sequence. */
  answeredSeq?: number;
  /** The newest resourceVersion the informer had been given before this list. */
  readonly lastSeenRv: number;
  readonly requestedRv: string | undefined;
  resultRv?: number;
}

/** Passes lists and watches through to the real client, recording lists, watch starts and
 *  how each watch ended. */
export class RecordingLW<T extends KubeObject> implements ListerWatcher<T> {
  readonly lists: ListRecord[] = [];
  readonly watches: { readonly fromRv: string | undefined; end?: string }[] = [];
  readonly #inner: ListerWatcher<T>;
  readonly #seq: Sequence;
  #lastSeen = 0;

  constructor(inner: ListerWatcher<T>, seq: Sequence) {
    this.#inner = inner;
    this.#seq = seq;
  }

  async list(opts: ListOptions): Promise<ObjectList<T>> {
    const record: ListRecord | undefined = opts.continue ? undefined : { sentSeq: this.#seq.next(), lastSeenRv: this.#lastSeen, requestedRv: opts.resourceVersion };
    if (record) this.lists.push(record);
    const list = await this.#inner.list(opts);
    const rv = Number(list.metadata.resourceVersion);
    if (record) record.resultRv = rv;
    if (!list.metadata.continue) this.#lastSeen = rv;
    const first = opts.continue ? this.lists.at(-1) : record;
    if (first && !list.metadata.continue) first.answeredSeq = this.#seq.next();
    return list;
  }

  watch(opts: ListOptions, onEvent: (event: WatchEvent<T>) => void): WatchStream {
    const entry: { fromRv: string | undefined; end?: string } = { fromRv: opts.resourceVersion };
    this.watches.push(entry);
    const stream = this.#inner.watch(opts, (e) => {
      const rv = Number(e.object?.metadata?.resourceVersion);
      if (rv > this.#lastSeen) this.#lastSeen = rv;
      onEvent(e);
    });
    stream.done.then(
      () => (entry.end = 'ended'),
      (err: { code?: unknown; message?: string }) => (entry.end = typeof err.code === 'number' ? `${err.code}` : `transport: ${err.message}`),
    );
    return stream;
  }
}

/** Every way the handler's view departs from the informer's guarantee (none: []). */
export function checkDelivery(writes: readonly Write[], log: HandlerLog, lists: readonly ListRecord[]): string[] {
  const problems = [...log.problems];
  const byUid = new Map<string, Write[]>();
  for (const w of writes) byUid.set(w.uid, [...(byUid.get(w.uid) ?? []), w]);
  const seen = new Map<string, Notification[]>();
  for (const n of log.notifications) seen.set(n.uid, [...(seen.get(n.uid) ?? []), n]);
  for (const [uid, told] of seen) {
    if (!byUid.has(uid)) problems.push(`notifications about ${told[0]!.name} (uid ${uid}), which the test never wrote`);
  }
  for (const [uid, ws] of byUid) {
    const told = seen.get(uid) ?? [];
    problems.push(...sequenceProblems(ws, told));
    problems.push(...completenessProblems(ws, told, lists));
    const deleted = ws.some((w) => w.op === 'delete');
    if (deleted && told.length > 0 && told.at(-1)!.kind !== 'delete') problems.push(`${ws[0]!.name} (uid ${uid}) was deleted; the handler was never told`);
    if (!deleted && told.at(-1)?.kind === 'delete') problems.push(`${ws[0]!.name} (uid ${uid}) was not deleted; the handler was told it was`);
  }
  return problems;
}

/** One object's notifications: add, increasing updates, at most a final delete. */
function sequenceProblems(ws: readonly Write[], told: readonly Notification[]): string[] {
  const problems: string[] = [];
  const written = new Set(ws.filter((w) => w.rv !== undefined).map((w) => w.rv));
  const name = ws[0]!.name;
  let rv = 0;
  told.forEach((n, i) => {
    const where = `${name} notification #${i + 1} (${n.kind}@${n.rv})`;
    if (i === 0 && n.kind !== 'add') problems.push(`${where}: the first notification is not an add`);
    if (i > 0 && n.kind === 'add') problems.push(`${where}: a second add (duplicate)`);
    if (i > 0 && told[i - 1]!.kind === 'delete') problems.push(`${where}: after the delete`);
    if (n.kind === 'update' && n.oldRv !== rv) problems.push(`${where}: continues from @${n.oldRv}, the handler was last told @${rv}`);
    if (n.kind !== 'delete' && !written.has(n.rv)) problems.push(`${where}: a resourceVersion the test never wrote`);
    if (n.kind !== 'delete' && n.rv <= rv) problems.push(`${where}: not newer than @${rv} (duplicate or out of order)`);
    if (n.kind !== 'delete') rv = n.rv;
  });
  return problems;
}

/** Writes the handler was not told about, unless superseded while a relist was pending. */
function completenessProblems(ws: readonly Write[], told: readonly Notification[], lists: readonly ListRecord[]): string[] {
  const problems: string[] = [];
  const delivered = new Set(told.filter((n) => n.kind !== 'delete').map((n) => n.rv));
  ws.forEach((w, i) => {
    if (w.op === 'delete' || delivered.has(w.rv!)) return;
    const next = ws[i + 1];
    // Superseded, possibly before a relist's snapshot, which the informer made not knowing w.
    const excused = next !== undefined && lists.some((l) => l.lastSeenRv < w.rv! && l.answeredSeq !== undefined && next.sentSeq < l.answeredSeq);
    if (!excused) problems.push(`${w.op} of ${w.name}@${w.rv} was never delivered (and no relist covers it)`);
  });
  return problems;
}

/** The server's objects as name -> "uid@rv {data}", to compare with a handler's state. */
export function summarize(objects: Iterable<ConfigMap>): Map<string, string> {
  const out = new Map<string, string>();
  for (const o of objects) out.set(o.metadata.name!, `${o.metadata.uid}@${o.metadata.resourceVersion} ${JSON.stringify(o.data ?? {})}`);
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
