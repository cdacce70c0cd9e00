// What the mirror wants, independent of any API call: which ConfigMaps are sources, which
// namespaces get copies, what a copy of a source looks like, and whether an existing copy is
// still right. The controller (controller.ts) turns the difference into writes.
//
// - A source is a ConfigMap in the source namespace labelled mirror.kite.dev/enabled=true.
// - Every active namespace gets a copy of every source, except the source namespace itself
//   and the system namespaces (kube-system, kube-public, kube-node-lease).
// - A copy has the source's name, data, binaryData and labels (minus the source label),
//   plus the label mirror.kite.dev/copy=true and the annotation mirror.kite.dev/source with
//   the source's namespace/name key; a ConfigMap without that annotation is never touched.

import type { corev1 } from '../../src/client/index.js';

type ConfigMap = corev1.ConfigMap;
type Namespace = corev1.Namespace;

export const SOURCE_LABEL = 'mirror.kite.dev/enabled';
export const COPY_LABEL = 'mirror.kite.dev/copy';
export const SOURCE_ANNOTATION = 'mirror.kite.dev/source';
export const SOURCE_SELECTOR = `${SOURCE_LABEL}=true`;

const SYSTEM_NAMESPACES: ReadonlySet<string> = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

export function keyOf(cm: ConfigMap): string {
  return `${cm.metadata.namespace}/${cm.metadata.name}`;
}

export function isSource(cm: ConfigMap, sourceNamespace: string): boolean {
  return cm.metadata.namespace === sourceNamespace && cm.metadata.labels?.[SOURCE_LABEL] === 'true' && !cm.metadata.deletionTimestamp;
}

/** The key of the source a copy was made from (undefined: not a copy). */
export function sourceKeyOfCopy(cm: ConfigMap): string | undefined {
  return cm.metadata.annotations?.[SOURCE_ANNOTATION];
}

export function isTargetNamespace(ns: Namespace, sourceNamespace: string): boolean {
  const name = ns.metadata.name ?? '';
  if (name === sourceNamespace || SYSTEM_NAMESPACES.has(name)) return false;
  return ns.status?.phase !== 'Terminating' && !ns.metadata.deletionTimestamp;
}

export function desiredCopy(source: ConfigMap, namespace: string): ConfigMap {
  const labels: Record<string, string> = { ...source.metadata.labels, [COPY_LABEL]: 'true' };
  delete labels[SOURCE_LABEL];
  const copy: ConfigMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: source.metadata.name, namespace, labels, annotations: { [SOURCE_ANNOTATION]: keyOf(source) } },
  };
  if (source.data) copy.data = { ...source.data };
  if (source.binaryData) copy.binaryData = { ...source.binaryData };
  return copy;
}

/** True when existing already carries everything desired does. */
export function isUpToDate(existing: ConfigMap, desired: ConfigMap): boolean {
  return (
    sameRecord(existing.data, desired.data) &&
    sameRecord(existing.binaryData, desired.binaryData) &&
    sameRecord(existing.metadata.labels, desired.metadata.labels) &&
    sourceKeyOfCopy(existing) === sourceKeyOfCopy(desired)
  );
}

function sameRecord(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  const ak = Object.keys(a ?? {});
  const bk = Object.keys(b ?? {});
  return ak.length === bk.length && ak.every((k) => a![k] === b?.[k]);
}
