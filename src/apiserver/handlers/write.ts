// The write verbs: create (POST), update (PUT), patch (PATCH), delete and deletecollection
// (DELETE). Each decodes its body, converts it to the storage version, runs mutating
// admission, hands the object to the Store (which applies the strategy and then validating
// admission), and answers in the negotiated rendering.

import { badRequest, type FieldError, invalid, notFound, unsupportedMediaType } from '../../api/errors.js';
import { isPlainObject, type KubeObject } from '../../api/meta.js';
import { SchemaNode } from '../../api/openapi/schema.js';
import { prepareForFinalize } from '../../api/strategy/namespaces.js';
import { fromStorage, toStorage } from '../conversion.js';
import { decodeObjectBody, parseYaml, readBody } from '../http/body.js';
import { writeJsonText } from '../http/respond.js';
import { bodyMediaType } from '../negotiation.js';
import { type DeleteOptions, storagePreconditionFailed } from '../registry/store.js';
import { CachedObject } from '../watchcache/cached-object.js';
import { asObject } from './decode.js';
import { FieldManager } from './field-manager.js';
import { FieldValidation } from './field-validation.js';
import { writeRendered } from './read.js';
import { APPLY_PATCH, applyPatch, PATCH_MEDIA_TYPES, patchSetsResourceVersion } from './patch.js';
import { admissionAttributes, parseDryRun, parseIntParam, type Scope } from './scope.js';
import { selectionFromQuery } from './selection.js';

export async function handleCreate(scope: Scope): Promise<void> {
  const validation = new FieldValidation(scope, 'CreateOptions');
  const raw = await readBody(scope.req);
  const obj = asObject(decodeObjectBody(scope.req.headers['content-type'], raw), scope.def, scope.version);
  validation.checkBody(scope.req, raw, obj);
  const dryRun = parseDryRun(scope.query);
  checkNamespace(scope, obj);
  const fields = new FieldManager(scope, 'create');
  const stored = toStorage(scope.def, scope.version, obj);
  scope.store.strategy.defaults(stored);
  fields.recordUpdate(undefined, stored);
  const attrs = admissionAttributes(scope, 'CREATE', stored, dryRun);
  await scope.admission.admit(attrs, stored);
  const created = await scope.store.create(scope.namespace, stored, {
    dryRun,
    admit: (o) => scope.admission.validate(attrs, o),
  });
  writeRendered(scope, 201, created);
}

function checkNamespace(scope: Scope, obj: KubeObject): void {
  const ns = obj.metadata.namespace;
  if (scope.def.namespaced && ns && ns !== scope.namespace) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
}

export async function handleUpdate(scope: Scope): Promise<void> {
  const validation = new FieldValidation(scope, 'UpdateOptions');
  const raw = await readBody(scope.req);
  const fields = new FieldManager(scope, 'update');
  const dryRun = parseDryRun(scope.query);
  /** The body as the object to store; checked (and warned about) the first time only. */
  const decode = (check: boolean): KubeObject => {
    const obj = asObject(decodeObjectBody(scope.req.headers['content-type'], raw), scope.def, scope.version);
    validation.checkBody(scope.req, raw, obj, check);
    const stored = toStorage(scope.def, scope.version, obj);
    scope.store.strategy.defaults(stored);
    return stored;
  };
  const stored = decode(true);
  checkNamespace(scope, stored);
  if (stored.metadata.name && stored.metadata.name !== scope.name) {
    throw badRequest(`the name of the object (${stored.metadata.name}) does not match the name on the URL (${scope.name})`);
  }
  const attrs = admissionAttributes(scope, 'UPDATE', stored, dryRun);
  let attempts = 0;
  const result = await scope.store.update(scope.namespace, scope.name, {
    dryRun,
    subresource: scope.subresource,
    prepareSubresource: scope.subresource === 'finalize' ? prepareForFinalize : undefined,
    tryUpdate: async (current) => {
      // The decoded body serves the first attempt; a retry after a conflict decodes afresh.
      const next = attempts++ === 0 ? stored : decode(false);
      // The uid of a replaced object is a precondition on the stored one.
      const uid = next.metadata.uid;
      if (current && uid && uid !== current.metadata.uid) {
        throw storagePreconditionFailed(scope.store.gr, scope.store.key(scope.namespace, scope.name), scope.name, 'UID', uid, current.metadata.uid);
      }
      fields.recordUpdate(current, next);
      await scope.admission.admit(attrs, next, current);
      return next;
    },
    admit: (o, old) => scope.admission.validate(attrs, o, old),
  });
  writeRendered(scope, result.created ? 201 : 200, result.object);
}

export async function handlePatch(scope: Scope): Promise<void> {
  const type = bodyMediaType(scope.req.headers['content-type']);
  if (!PATCH_MEDIA_TYPES.includes(type)) throw unsupportedMediaType(PATCH_MEDIA_TYPES);
  const patch = (await readBody(scope.req)).toString('utf8');
  if (type === APPLY_PATCH) return handleApply(scope, patch);
  const fields = new FieldManager(scope, 'patch');
  const validation = new FieldValidation(scope, 'PatchOptions');
  const dryRun = parseDryRun(scope.query);
  const attrs = admissionAttributes(scope, 'UPDATE', undefined, dryRun);
  const hasPrecondition = patchSetsResourceVersion(type, patch);
  const result = await scope.store.update(scope.namespace, scope.name, {
    dryRun,
    subresource: scope.subresource,
    prepareSubresource: scope.subresource === 'finalize' ? prepareForFinalize : undefined,
    tryUpdate: async (current) => {
      if (!current) throw notFound(scope.store.gr, scope.name);
      const doc = fromStorage(scope.def, scope.version, current);
      const schema = SchemaNode.forKind(scope.def.group, scope.version, scope.def.kind);
      const patched = asObject(applyPatch(type, doc, patch, schema), scope.def, scope.version);
      validation.checkPatched(patched, type, patch);
      if (!hasPrecondition) delete patched.metadata.resourceVersion;
      const next = toStorage(scope.def, scope.version, patched);
      scope.store.strategy.defaults(next);
      fields.recordUpdate(current, next);
      await scope.admission.admit(attrs, next, current);
      return next;
    },
    admit: (o, old) => scope.admission.validate(attrs, o, old),
  });
  writeRendered(scope, 200, result.object);
}

/** Server-side apply: merges the applied configuration into the object, or creates it. */
async function handleApply(scope: Scope, body: string): Promise<void> {
  const fields = new FieldManager(scope, 'apply');
  const dryRun = parseDryRun(scope.query);
  const parsed = parseYaml(body);
  if (!isPlainObject(parsed) || !parsed.apiVersion || !parsed.kind) {
    throw badRequest('error decoding YAML: Object \'Kind\' is missing or apiVersion is not set in the applied configuration');
  }
  const config = toStorage(scope.def, scope.version, asObject(parsed, scope.def, scope.version));
  const hasPrecondition = !!config.metadata.resourceVersion;
  let creating = false;
  const result = await scope.store.update(scope.namespace, scope.name, {
    dryRun,
    allowCreate: !scope.subresource,
    subresource: scope.subresource,
    tryUpdate: async (current) => {
      creating = !current;
      // The merge may share parts of its inputs; what it returns is changed in place later.
      const next = fields.apply(current && structuredClone(current), structuredClone(config));
      if (!hasPrecondition) delete next.metadata.resourceVersion;
      scope.store.strategy.defaults(next);
      await scope.admission.admit(admissionAttributes(scope, creating ? 'CREATE' : 'UPDATE', next, dryRun), next, current);
      return next;
    },
    admit: (o, old) => scope.admission.validate(admissionAttributes(scope, creating ? 'CREATE' : 'UPDATE', o, dryRun), o, old),
  });
  writeRendered(scope, result.created ? 201 : 200, result.object);
}

/** DeleteOptions from the query and, overriding it, the request body. */
async function deleteOptions(scope: Scope): Promise<{ opts: DeleteOptions; dryRun: boolean }> {
  const raw = await readBody(scope.req);
  let body: Record<string, unknown> = {};
  if (raw.length > 0) {
    const parsed = decodeObjectBody(scope.req.headers['content-type'], raw);
    if (parsed !== null && !isPlainObject(parsed)) throw badRequest('DeleteOptions must be a JSON object');
    body = (parsed ?? {}) as Record<string, unknown>;
  }
  const q = scope.query;
  const grace = body.gracePeriodSeconds ?? parseIntParam(q, 'gracePeriodSeconds');
  const policy = body.propagationPolicy ?? q.get('propagationPolicy') ?? undefined;
  const orphanQ = q.get('orphanDependents');
  const orphan = body.orphanDependents ?? (orphanQ === null ? undefined : orphanQ === 'true');
  const errors: FieldError[] = [];
  if (grace !== undefined && grace !== null && (typeof grace !== 'number' || !Number.isInteger(grace))) {
    errors.push({ type: 'FieldValueInvalid', field: 'gracePeriodSeconds', value: grace, detail: 'must be an integer' });
  }
  if (policy !== undefined && policy !== null && policy !== 'Orphan' && policy !== 'Background' && policy !== 'Foreground') {
    errors.push({ type: 'FieldValueNotSupported', field: 'propagationPolicy', value: policy, detail: 'supported values: "Foreground", "Background", "Orphan", "nil"' });
  }
  if (policy && orphan !== undefined && orphan !== null) {
    errors.push({ type: 'FieldValueInvalid', field: 'orphanDependents', value: orphan, detail: 'orphanDependents and deletionPropagation cannot be both set' });
  }
  if (errors.length) throw invalid({ group: 'meta.k8s.io', kind: 'DeleteOptions' }, '', errors);
  const pre = isPlainObject(body.preconditions) ? body.preconditions : undefined;
  const dryRun = parseDryRun(q, body);
  return {
    dryRun,
    opts: {
      dryRun,
      gracePeriodSeconds: typeof grace === 'number' ? grace : undefined,
      propagationPolicy: (policy ?? undefined) as DeleteOptions['propagationPolicy'],
      orphanDependents: typeof orphan === 'boolean' ? orphan : undefined,
      preconditions: pre ? { uid: pre.uid as string | undefined, resourceVersion: pre.resourceVersion as string | undefined } : undefined,
    },
  };
}

export async function handleDelete(scope: Scope): Promise<void> {
  const { opts, dryRun } = await deleteOptions(scope);
  const attrs = admissionAttributes(scope, 'DELETE', undefined, dryRun);
  const result = await scope.store.delete(scope.namespace, scope.name, {
    ...opts,
    admit: (o, old) => scope.admission.validate(attrs, o, old),
  });
  if (result.deleted && !scope.store.strategy.returnDeletedObject) {
    const details: Record<string, unknown> = { name: scope.name };
    if (scope.def.group) details.group = scope.def.group;
    details.kind = scope.def.plural;
    details.uid = result.object.metadata.uid;
    writeJsonText(scope.res, 200, JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details }));
    return;
  }
  writeObjectAsRendered(scope, result.object);
}

function writeObjectAsRendered(scope: Scope, obj: KubeObject): void {
  const key = scope.store.key(scope.namespace, scope.name);
  writeRendered(scope, 200, new CachedObject(key, obj, Number(obj.metadata.resourceVersion ?? 0)));
}

export async function handleDeleteCollection(scope: Scope): Promise<void> {
  const { opts, dryRun } = await deleteOptions(scope);
  const selection = selectionFromQuery(scope.def, scope.query);
  const list = await scope.store.list({ namespace: scope.namespace, filter: selection.filter, filtered: selection.filtered });
  const deleted: string[] = [];
  for (const item of list.items) {
    const name = item.obj.metadata.name!;
    const ns = item.obj.metadata.namespace ?? '';
    const attrs = { ...admissionAttributes(scope, 'DELETE', item.obj, dryRun), name, namespace: ns };
    try {
      const r = await scope.store.delete(ns, name, { ...opts, admit: (o, old) => scope.admission.validate(attrs, o, old) });
      deleted.push(JSON.stringify(fromStorage(scope.def, scope.version, r.object)));
    } catch (err) {
      if ((err as { code?: number }).code !== 404) throw err;
    }
  }
  const apiVersion = scope.def.group ? `${scope.def.group}/${scope.version}` : scope.version;
  const json = `{"kind":"${scope.def.listKind}","apiVersion":"${apiVersion}","metadata":{"resourceVersion":"${list.revision}"},"items":[${deleted.join(',')}]}`;
  writeJsonText(scope.res, 200, json);
}
