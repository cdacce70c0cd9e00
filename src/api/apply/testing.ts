// Builders for the tests of this folder: small objects of the common kinds, and readers for
// the managedFields the functions under test write.

import type { KubeObject } from '../meta.js';
import { SchemaNode } from '../openapi/schema.js';
import { FieldSet } from './field-set.js';
import type { ManagedFieldsEntry } from './managed.js';

export const DEPLOYMENT = SchemaNode.forKind('apps', 'v1', 'Deployment')!;
export const POD = SchemaNode.forKind('', 'v1', 'Pod')!;
export const CONFIGMAP = SchemaNode.forKind('', 'v1', 'ConfigMap')!;

export const T0 = '2024-05-01T10:00:00Z';
export const T1 = '2024-05-01T10:01:00Z';
export const T2 = '2024-05-01T10:02:00Z';

export interface DeploymentOptions {
  name?: string;
  replicas?: number;
  image?: string;
  labels?: Record<string, string>;
  containers?: Record<string, unknown>[];
  extra?: Record<string, unknown>;
}

/** A Deployment as a client sends it (no server fields). */
export function deployment(o: DeploymentOptions = {}): KubeObject {
  const labels = o.labels ?? { app: 'web' };
  const spec: Record<string, unknown> = {
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: o.containers ?? [{ name: 'nginx', image: o.image ?? 'nginx:1.25' }] },
    },
    ...(o.extra ?? {}),
  };
  if (o.replicas !== undefined) spec.replicas = o.replicas;
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: o.name ?? 'web', namespace: 'default', labels }, spec };
}

/** The object as stored after a write: with the server's identity fields. */
export function stored(obj: KubeObject, uid = 'uid-1'): KubeObject {
  const out = structuredClone(obj);
  out.metadata.uid = uid;
  out.metadata.resourceVersion = '1';
  out.metadata.creationTimestamp = T0;
  return out;
}

export function entries(obj: KubeObject): ManagedFieldsEntry[] {
  return (obj.metadata.managedFields ?? []) as ManagedFieldsEntry[];
}

export function entryOf(obj: KubeObject, manager: string, operation?: string): ManagedFieldsEntry | undefined {
  return entries(obj).find((e) => e.manager === manager && (!operation || e.operation === operation));
}

/** The paths an entry owns, as SMD prints them. */
export function owned(obj: KubeObject, manager: string, operation?: string): string[] {
  const e = entryOf(obj, manager, operation);
  return e ? FieldSet.fromFieldsV1(e.fieldsV1 ?? {}).toStrings() : [];
}

export function managers(obj: KubeObject): string[] {
  return entries(obj).map((e) => `${e.manager}/${e.operation}${e.subresource ? '/' + e.subresource : ''}`);
}
