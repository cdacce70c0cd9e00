// Label and field selectors from a list or watch request, turned into one object filter.
// Field selectors may only name the fields the resource supports (400 "field label not
// supported" otherwise), as Kubernetes' field label conversion enforces.

import { badRequest } from '../../api/errors.js';
import { FieldSelector, parseFieldSelector } from '../../api/fields/index.js';
import { LabelSelector, parseLabelSelector } from '../../api/labels/index.js';
import type { KubeObject } from '../../api/meta.js';
import type { ResourceDef } from '../../api/resource.js';
import type { ObjectFilter } from '../watchcache/watch-cache.js';

export interface Selection {
  readonly filter?: ObjectFilter;
  /** Whether any selector narrows the result. */
  readonly filtered: boolean;
}

/** name, when set, narrows to that one object (a watch on a named URL). */
export function selectionFromQuery(def: ResourceDef, query: URLSearchParams, name = ''): Selection {
  const labelText = query.get('labelSelector') ?? '';
  const fieldText = query.get('fieldSelector') ?? '';
  const labels = labelText ? parseLabelSelector(labelText) : LabelSelector.EVERYTHING;
  let fields = fieldText ? parseFieldSelector(fieldText) : FieldSelector.EVERYTHING;
  if (name) fields = FieldSelector.of([...fields.requirements(), { field: 'metadata.name', operator: '=', value: name }]);
  for (const r of fields.requirements()) {
    if (r.field !== 'metadata.name' && r.field !== 'metadata.namespace' && !(r.field in def.fieldSelectors)) {
      throw badRequest(`field label not supported: ${r.field}`);
    }
  }
  if (labels.isEmpty() && fields.isEmpty()) return { filtered: false };
  const getters = def.fieldSelectors;
  const filter = (obj: KubeObject): boolean => {
    if (!labels.matches(obj.metadata.labels)) return false;
    return fields.matches((field) => {
      if (field === 'metadata.name') return obj.metadata.name ?? '';
      if (field === 'metadata.namespace') return obj.metadata.namespace ?? '';
      return getters[field]?.(obj);
    });
  };
  return { filter, filtered: true };
}
