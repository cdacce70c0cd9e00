// The scheduler's worker thread: kube-scheduler (leader election and Scheduler, as
// kube-scheduler.ts runs them) on a client whose transport is the MessagePort to the API
// server's thread. Started by SchedulerWorker (scheduler-worker.ts); not imported otherwise.
//
// Control messages from the parent: {t: 'stop'} (stop scheduling, finish the bindings under
// way, answer {t: 'stopped'}), {t: 'stats'} (answer {t: 'stats', stats} of the current
// term's scheduler). With reportBound, every pod the scheduler's informer first sees bound
// is reported as [namespace/name, epoch ms] in batched {t: 'bound'} messages.

import { performance } from 'node:perf_hooks';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { Pod } from '../../api/types/core-v1.js';
import { Client } from '../../client/client.js';
import { KubeScheduler, KUBE_SCHEDULER, type KubeSchedulerOptions } from '../kube-scheduler.js';
import { PortTransport } from './port-transport.js';

export interface WorkerInit {
  readonly api: MessagePort;
  readonly options: Omit<KubeSchedulerOptions, 'apiServer' | 'client' | 'clock' | 'onError'>;
  readonly reportBound?: boolean;
}

const init = workerData as WorkerInit;
const parent = parentPort!;
const transport = new PortTransport(init.api);
const client = new Client(transport, { userAgent: KUBE_SCHEDULER });
const ks = new KubeScheduler({
  ...init.options,
  client,
  onError: (err) => parent.postMessage({ t: 'error', message: err instanceof Error ? err.message : String(err) }),
});

if (init.reportBound) {
  let batch: [string, number][] = [];
  const flush = (): void => {
    if (batch.length > 0) parent.postMessage({ t: 'bound', items: batch });
    batch = [];
  };
  ks.onScheduler = (s) => {
    const seen = new Set<string>();
    const note = (pod: Pod): void => {
      if (!pod.spec?.nodeName) return;
      const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
      if (seen.has(key)) return;
      seen.add(key);
      if (batch.length === 0) setImmediate(flush);
      batch.push([key, performance.timeOrigin + performance.now()]);
    };
    s.podInformer.addEventHandler({ onAdd: note, onUpdate: (_old, pod) => note(pod) });
  };
}

parent.on('message', (m: { t: string }) => {
  if (m.t === 'stop') {
    void ks.stop().then(() => {
      transport.close();
      init.api.close();
      parent.postMessage({ t: 'stopped' });
      parent.close();
    });
  } else if (m.t === 'stats') {
    const s = ks.scheduler;
    parent.postMessage({ t: 'stats', stats: s ? { ...s.stats, leading: true, queue: s.queue.pendingCounts(), nodes: s.cache.nodeCount() } : { leading: false } });
  }
});

ks.start();
