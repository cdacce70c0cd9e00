// FakePodControl: a PodControl for unit tests (Kubernetes' FakePodControl). It records every
// call and fails each with `err` when set (creates also past `createLimit`); created pods get names `<generateName><n>` and are
// returned, never stored anywhere.

import type { KubeObject, OwnerReference } from '../../api/meta.js';
import type { Pod, PodTemplateSpec } from '../../api/types/core-v1.js';
import { podFromTemplate, validateControllerRef, type CreatePodOptions, type PodControl } from './pod-control.js';

export class FakePodControl implements PodControl {
  readonly templates: PodTemplateSpec[] = [];
  readonly controllerRefs: OwnerReference[] = [];
  readonly deletedPodNames: string[] = [];
  readonly patches: { namespace: string; name: string; patch: unknown }[] = [];
  /** When set, every call records itself and then throws this. */
  err: unknown;
  /** Creates beyond this many successes fail (with err, or a plain Error). */
  createLimit = Infinity;
  #created = 0;

  async createPods(namespace: string, template: PodTemplateSpec, owner: KubeObject, controllerRef: OwnerReference, opts: CreatePodOptions = {}): Promise<Pod> {
    validateControllerRef(controllerRef);
    this.templates.push(template);
    this.controllerRefs.push(controllerRef);
    if (this.err !== undefined || this.#created >= this.createLimit) throw this.err ?? new Error('fake create limit reached');
    const pod = podFromTemplate(template, owner, controllerRef);
    pod.metadata.namespace = namespace;
    pod.metadata.name = `${opts.generateName ?? pod.metadata.generateName ?? ''}${this.#created++}`;
    return pod;
  }

  async deletePod(_namespace: string, name: string, _owner: KubeObject): Promise<void> {
    this.deletedPodNames.push(name);
    if (this.err !== undefined) throw this.err;
  }

  async patchPod(namespace: string, name: string, patch: unknown): Promise<void> {
    this.patches.push({ namespace, name, patch });
    if (this.err !== undefined) throw this.err;
  }

  clear(): void {
    this.templates.length = 0;
    this.controllerRefs.length = 0;
    this.deletedPodNames.length = 0;
    this.patches.length = 0;
    this.#created = 0;
  }
}
