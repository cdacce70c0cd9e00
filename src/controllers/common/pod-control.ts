// PodControl: how controllers create, delete and patch pods (Kubernetes' PodControlInterface
// and RealPodControl in pkg/controller/controller_utils.go), with the events RealPodControl
// records on the owner.
//
//  - createPods(ns, template, owner, controllerRef, opts) creates one pod from the template:
//    generateName `<owner name>-` (just the name when the dash would make an invalid prefix;
//    opts.generateName overrides), labels, annotations and finalizers copied from the template's
//    metadata, the controllerRef as the only ownerReference, a deep copy of the template's spec
//    (opts.nodeName pins it to a node). The reference must name an apiVersion and a kind and have
//    controller and blockOwnerDeletion true; a template without labels is refused (a pod nobody
//    could select). Success records Normal SuccessfulCreate "Created pod: NAME"; failure records
//    Warning FailedCreate "Error creating: ERR" (none when the namespace is terminating) and
//    rethrows the API error unchanged.
//  - deletePod(ns, name, owner) deletes with default options. Success records Normal
//    SuccessfulDelete "Deleted pod: NAME". NotFound is rethrown as is, without an event; any
//    other failure records Warning FailedDelete "Error deleting: ERR" and throws
//    PodControlError "unable to delete pods: ERR".
//  - patchPod(ns, name, patch) applies a strategic merge patch.
//
// FakePodControl (fake-pod-control.ts) records the same calls for unit tests.

import { isDNS1123Subdomain } from '../../api/labels/index.js';
import type { KubeObject, OwnerReference } from '../../api/meta.js';
import type { Pod, PodTemplateSpec } from '../../api/types/core-v1.js';
import type { ResourceClient } from '../../client/contract.js';
import type { EventRecorder } from '../../client/events/recorder.js';
import { errorMessage, hasStatusCause, isNotFound, NAMESPACE_TERMINATING_CAUSE } from './api-errors.js';

export const SUCCESSFUL_CREATE_POD_REASON = 'SuccessfulCreate';
export const FAILED_CREATE_POD_REASON = 'FailedCreate';
export const SUCCESSFUL_DELETE_POD_REASON = 'SuccessfulDelete';
export const FAILED_DELETE_POD_REASON = 'FailedDelete';

export interface CreatePodOptions {
  /** Overrides the `<owner>-` prefix. */
  readonly generateName?: string;
  /** Sets spec.nodeName (DaemonSet-style placement). */
  readonly nodeName?: string;
}

export interface PodControl {
  createPods(namespace: string, template: PodTemplateSpec, owner: KubeObject, controllerRef: OwnerReference, opts?: CreatePodOptions): Promise<Pod>;
  deletePod(namespace: string, name: string, owner: KubeObject): Promise<void>;
  patchPod(namespace: string, name: string, patch: unknown): Promise<void>;
}

/** A failure PodControl itself reports (a bad controller reference, a template without labels, a wrapped delete error). */
export class PodControlError extends Error {
  override name = 'PodControlError';
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}

export function validateControllerRef(ref: OwnerReference | undefined): void {
  if (!ref) throw new PodControlError('controllerRef is nil');
  if (!ref.apiVersion) throw new PodControlError('controllerRef has empty APIVersion');
  if (!ref.kind) throw new PodControlError('controllerRef has empty Kind');
  if (ref.controller !== true) throw new PodControlError('controllerRef.Controller is not set to true');
  if (ref.blockOwnerDeletion !== true) throw new PodControlError('controllerRef.BlockOwnerDeletion is not set');
}

/** `<name>-` when that is a valid generateName prefix, else the name itself. */
export function podNamePrefix(ownerName: string): string {
  return isDNS1123Subdomain(`${ownerName}a`) ? `${ownerName}-` : ownerName;
}

/** The pod a controller would create from template (Kubernetes' GetPodFromTemplate). */
export function podFromTemplate(template: PodTemplateSpec, owner: KubeObject, controllerRef?: OwnerReference): Pod {
  const meta = template.metadata ?? {};
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      labels: { ...meta.labels },
      annotations: { ...meta.annotations },
      generateName: podNamePrefix(owner.metadata.name ?? ''),
      finalizers: [...(meta.finalizers ?? [])],
    },
    spec: structuredClone(template.spec ?? { containers: [] }),
  };
  if (controllerRef) pod.metadata.ownerReferences = [{ ...controllerRef }];
  return pod;
}

export class RealPodControl implements PodControl {
  readonly #pods: ResourceClient<Pod>;
  readonly #recorder: EventRecorder;

  /** pods: a client of pods in any namespace (client.core.pods()). */
  constructor(pods: ResourceClient<Pod>, recorder: EventRecorder) {
    this.#pods = pods;
    this.#recorder = recorder;
  }

  async createPods(namespace: string, template: PodTemplateSpec, owner: KubeObject, controllerRef: OwnerReference, opts: CreatePodOptions = {}): Promise<Pod> {
    validateControllerRef(controllerRef);
    const pod = podFromTemplate(template, owner, controllerRef);
    if (opts.generateName) pod.metadata.generateName = opts.generateName;
    if (opts.nodeName) pod.spec = { ...pod.spec!, nodeName: opts.nodeName };
    if (Object.keys(pod.metadata.labels ?? {}).length === 0) throw new PodControlError('unable to create pods, no labels');
    let created: Pod;
    try {
      created = await this.#pods.namespace(namespace).create(pod);
    } catch (err) {
      if (!hasStatusCause(err, NAMESPACE_TERMINATING_CAUSE)) {
        this.#recorder.event(owner, 'Warning', FAILED_CREATE_POD_REASON, `Error creating: ${errorMessage(err)}`);
      }
      throw err;
    }
    this.#recorder.event(owner, 'Normal', SUCCESSFUL_CREATE_POD_REASON, `Created pod: ${created.metadata.name ?? ''}`);
    return created;
  }

  async deletePod(namespace: string, name: string, owner: KubeObject): Promise<void> {
    try {
      await this.#pods.namespace(namespace).delete(name);
    } catch (err) {
      if (isNotFound(err)) throw err;
      this.#recorder.event(owner, 'Warning', FAILED_DELETE_POD_REASON, `Error deleting: ${errorMessage(err)}`);
      throw new PodControlError(`unable to delete pods: ${errorMessage(err)}`, err);
    }
    this.#recorder.event(owner, 'Normal', SUCCESSFUL_DELETE_POD_REASON, `Deleted pod: ${name}`);
  }

  async patchPod(namespace: string, name: string, patch: unknown): Promise<void> {
    await this.#pods.namespace(namespace).patch(name, 'strategic', patch);
  }
}
