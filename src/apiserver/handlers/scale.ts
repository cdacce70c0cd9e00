// The scale subresource (autoscaling/v1 Scale) of workloads with spec.replicas: reading it
// summarizes the parent, writing it changes only the parent's spec.replicas.

import { badRequest, invalid, notFound, unsupportedMediaType } from '../../api/errors.js';
import type { KubeObject } from '../../api/meta.js';
import { SchemaNode } from '../../api/openapi/schema.js';
import { type LabelSelectorObject, selectorFromObject, selectorFromSet } from '../../api/labels/index.js';
import { decodeObjectBody, readBody } from '../http/body.js';
import { writeObject } from '../http/respond.js';
import { bodyMediaType } from '../negotiation.js';
import { asObject } from './decode.js';
import { FieldManager } from './field-manager.js';
import { applyPatch, PATCH_MEDIA_TYPES, patchSetsResourceVersion } from './patch.js';
import { admissionAttributes, parseDryRun, type Scope } from './scope.js';

interface Workload {
  spec?: { replicas?: number; selector?: unknown };
  status?: { replicas?: number };
}

/** The selector a Scale reports: ReplicationControllers select with a plain label map,
 *  the apps workloads with a metav1 LabelSelector. */
function selectorString(obj: KubeObject & Workload): string {
  const sel = obj.spec?.selector;
  try {
    if (obj.kind === 'ReplicationController') return selectorFromSet(sel as Record<string, string> | undefined).toString();
    return selectorFromObject(sel as LabelSelectorObject | undefined).toString();
  } catch {
    return '';
  }
}

export function toScale(obj: KubeObject): KubeObject {
  const w = obj as KubeObject & Workload;
  const m = obj.metadata;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: m.name,
      namespace: m.namespace,
      uid: m.uid,
      resourceVersion: m.resourceVersion,
      creationTimestamp: m.creationTimestamp,
    },
    spec: { replicas: w.spec?.replicas ?? 0 },
    status: { replicas: w.status?.replicas ?? 0, selector: selectorString(w) },
  };
}

export async function handleScale(scope: Scope, verb: string): Promise<void> {
  if (verb === 'get') {
    const cur = await scope.store.get(scope.namespace, scope.name, scope.query.get('resourceVersion') ?? '');
    return writeObject(scope.res, 200, toScale(cur.obj), scope.rendering.format);
  }
  const dryRun = parseDryRun(scope.query);
  const raw = await readBody(scope.req);
  const type = bodyMediaType(scope.req.headers['content-type']);
  let computeScale: (current: KubeObject) => KubeObject;
  let precondition: boolean;
  if (verb === 'update') {
    const scale = asObject(decodeObjectBody(scope.req.headers['content-type'], raw), scope.def, 'v1', 'Scale', 'autoscaling');
    computeScale = () => scale;
    precondition = !!scale.metadata.resourceVersion;
  } else {
    if (!PATCH_MEDIA_TYPES.includes(type)) throw unsupportedMediaType(PATCH_MEDIA_TYPES);
    const patch = raw.toString('utf8');
    precondition = patchSetsResourceVersion(type, patch);
    const schema = SchemaNode.forKind('autoscaling', 'v1', 'Scale');
    computeScale = (current) => asObject(applyPatch(type, toScale(current), patch, schema), scope.def, 'v1', 'Scale', 'autoscaling');
  }
  const attrs = admissionAttributes(scope, 'UPDATE', undefined, dryRun);
  const fields = new FieldManager(scope, verb === 'update' ? 'update' : 'patch');
  const result = await scope.store.update(scope.namespace, scope.name, {
    dryRun,
    tryUpdate: (current) => {
      if (!current) throw notFound(scope.store.gr, scope.name);
      const scale = computeScale(current);
      if (scale.metadata.name && scale.metadata.name !== scope.name) {
        throw badRequest(`the name of the object (${scale.metadata.name}) does not match the name on the URL (${scope.name})`);
      }
      const replicas = (scale.spec as { replicas?: unknown } | undefined)?.replicas ?? 0;
      if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
        throw invalid({ group: 'autoscaling', kind: 'Scale' }, scope.name, [
          { type: 'FieldValueInvalid', field: 'spec.replicas', value: replicas, detail: 'must be greater than or equal to 0' },
        ]);
      }
      const next = structuredClone(current) as KubeObject & Workload;
      next.spec = { ...(next.spec ?? {}), replicas };
      if (precondition) next.metadata.resourceVersion = scale.metadata.resourceVersion;
      else delete next.metadata.resourceVersion;
      fields.recordUpdate(current, next);
      return next;
    },
    admit: (o, old) => scope.admission.validate(attrs, o, old),
  });
  writeObject(scope.res, 200, toScale(result.object.obj), scope.rendering.format);
}
