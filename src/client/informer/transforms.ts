// Informer transforms (client-go TransformFunc): what a cache keeps of each object.
//
// A transform must not modify the object it is given: in-process watches hand the same
// decoded object to every informer that watches the same resource (in-process-transport.ts),
// so a change made for one cache would show in all of them. It returns a new object instead.

import type { KubeObject } from '../../api/meta.js';

/** The object without metadata.managedFields, which only server-side apply reads; it is often
 *  the largest part of a small object's metadata. */
export function withoutManagedFields<T extends KubeObject>(obj: T): T {
  if (!obj.metadata?.managedFields) return obj;
  const { managedFields: _dropped, ...metadata } = obj.metadata;
  return { ...obj, metadata };
}
