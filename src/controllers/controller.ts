// The contract every control loop in kite's controller manager follows (Kubernetes'
// controllers: informers -> workqueue -> sync(key)).
//
//  - A controller is constructed from a ControllerContext: it registers event handlers on the
//    context's shared informers and keeps listers; it makes no requests while constructed.
//  - run(signal) runs its workers until signal aborts and resolves once they have stopped.
//    The manager starts the informers and waits for their caches before calling run().
//  - sync(key) is level-triggered: it reads the current state from listers, compares it with
//    the desired state and acts; it is safe to call for any key at any time, any number of
//    times. A failed sync is retried with per-key backoff (worker.ts).
//  - Side effects go through the context's client and event recorders, so tests can drive a
//    controller against a real in-process API server.

import type { Client } from '../client/client.js';
import type { EventRecorder } from '../client/events/recorder.js';
import type { SharedInformerFactory } from '../client/informer/factory.js';
import type { Clock } from '../client/workqueue/clock.js';

export interface Controller {
  readonly name: string;
  run(signal: AbortSignal): Promise<void>;
}

export interface ControllerContext {
  /** The controller manager's client (in-process, as `kube-controller-manager`). */
  readonly client: Client;
  /** One informer per resource, shared by every controller of the manager. */
  readonly informers: SharedInformerFactory;
  /** An event recorder reporting as `component` (e.g. "replicaset-controller"). */
  recorder(component: string): EventRecorder;
  readonly clock: Clock;
  /** Concurrent syncs per controller (kube-controller-manager's --concurrent-* flags). */
  readonly workers: number;
  /** Told about failures a controller retries or gives up on; never fatal. */
  readonly onError: (controller: string, err: unknown) => void;
}

/** Makes a controller; the manager calls every factory once per term of leadership. */
export type ControllerFactory = (ctx: ControllerContext) => Controller;
