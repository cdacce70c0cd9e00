// The DaemonSet registry strategy's template generation (not defaulting: Kubernetes' strategy
// keeps it in an internal field that apps/v1 shows as the deprecated.daemonset.template.generation
// annotation): a new DaemonSet is at template generation 1 (or the annotation's value when a
// client set one higher); an update keeps the stored generation, whatever the client sent,
// and adds one when the pod template changed.

import type { KubeObject } from '../meta.js';
import { isObj } from './values.js';

export const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';

/** Sets the template generation annotation of a DaemonSet being created (old undefined) or updated. */
export function daemonSetTemplateGeneration(ds: KubeObject, old?: KubeObject): void {
  let generation: number;
  if (!old) {
    const given = Number.parseInt(ds.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION] ?? '', 10);
    generation = Number.isNaN(given) || given < 1 ? 1 : given;
  } else {
    const stored = Number.parseInt(old.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION] ?? '', 10);
    generation = Number.isNaN(stored) ? 0 : stored;
    if (!sameJson(templateOf(ds), templateOf(old))) generation++;
  }
  ds.metadata.annotations = { ...(ds.metadata.annotations ?? {}), [TEMPLATE_GENERATION_ANNOTATION]: String(generation) };
}

function templateOf(ds: KubeObject): unknown {
  return isObj(ds.spec) ? ds.spec.template : undefined;
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && sameJson(a[k], b[k]));
  }
  return false;
}
