// DefaultBinder: binds a pod by POSTing a Binding to the pod's binding subresource, which
// sets spec.nodeName (and the PodScheduled=True condition) on the server.

import type { Binding } from '../../../api/types/core-v1.js';
import type { Client } from '../../../client/client.js';
import type { CycleState } from '../../framework/cycle-state.js';
import type { BindPlugin, Handle } from '../../framework/interface.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { Status } from '../../framework/status.js';
import { Names } from '../names.js';

export class DefaultBinder implements BindPlugin {
  readonly name = Names.DefaultBinder;
  readonly #client: Client;

  constructor(client: Client) {
    this.#client = client;
  }

  async bind(_state: CycleState, pod: PodInfo, nodeName: string): Promise<Status | null> {
    const binding: Binding = {
      apiVersion: 'v1',
      kind: 'Binding',
      metadata: { namespace: pod.namespace, name: pod.name, ...(pod.pod.metadata.uid ? { uid: pod.pod.metadata.uid } : {}) },
      target: { kind: 'Node', name: nodeName },
    };
    try {
      await this.#client.core.pods(pod.namespace).subresource(pod.name, 'binding', 'POST', binding);
      return null;
    } catch (err) {
      return Status.error(err);
    }
  }
}

export function newDefaultBinder(_args: unknown, handle: Handle): DefaultBinder {
  return new DefaultBinder(handle.client);
}
