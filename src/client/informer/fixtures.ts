// Builders and a recording handler shared by the informer tests (not a test file itself).

import type { KubeObject } from '../../api/meta.js';
import type { ResourceEventHandler } from './shared-informer.js';
import { DeletedFinalStateUnknown, metaNamespaceKeyFunc } from './store.js';

export function pod(name: string, namespace = 'default', labels: Record<string, string> = {}, spec: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, labels }, spec };
}

/** A handler that writes every call as one line: what a test asserts on. */
export function recordingHandler(calls: string[], prefix = ''): ResourceEventHandler<KubeObject> {
  const rv = (o: KubeObject): string => o.metadata.resourceVersion ?? '?';
  return {
    onAdd: (obj, initial) => calls.push(`${prefix}add ${metaNamespaceKeyFunc(obj)}@${rv(obj)}${initial ? ' initial' : ''}`),
    onUpdate: (o, n) => calls.push(`${prefix}update ${metaNamespaceKeyFunc(n)}@${rv(o)}->${rv(n)}`),
    onDelete: (obj) =>
      calls.push(
        obj instanceof DeletedFinalStateUnknown
          ? `${prefix}delete ${obj.key}@${rv(obj.obj)} tombstone`
          : `${prefix}delete ${metaNamespaceKeyFunc(obj)}@${rv(obj)}`,
      ),
  };
}
