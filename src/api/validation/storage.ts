// StorageClasses (pkg/apis/storage/validation): a DNS-subdomain name, a provisioner that is a
// qualified name once lowercased, at most 512 parameters totalling 256 KiB, a reclaim policy of
// Delete or Retain, a binding mode (defaulted to Immediate, so absence means no defaults ran)
// and well-formed allowed topologies. Provisioner, parameters, reclaim policy and binding mode
// never change after creation.

import type { FieldError } from '../errors.js';
import { isQualifiedName } from '../labels/index.js';
import { byteLength, objs, optStr, optStrMap, semanticEqual, str, strs, type Obj } from './access.js';
import { child, duplicate, forbidden, index, invalid, notSupported, required, tooLong } from './field.js';
import { immutableField, validateLabelName, validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import { nameIsDNSSubdomain } from './names.js';

const MAX_PARAMETERS = 512;
const MAX_PARAMETERS_SIZE = 256 * 1024;
const RECLAIM_POLICIES = ['Delete', 'Retain'];
const BINDING_MODES = ['Immediate', 'WaitForFirstConsumer'];

function validateProvisioner(provisioner: string, field: string): FieldError[] {
  if (provisioner === '') return [required(field)];
  return isQualifiedName(provisioner.toLowerCase()).map((m) => invalid(field, provisioner, m));
}

function validateParameters(params: Record<string, string> | undefined, field: string): FieldError[] {
  const entries = Object.entries(params ?? {});
  if (entries.length > MAX_PARAMETERS) return [tooLong(field, MAX_PARAMETERS)];
  const errs: FieldError[] = [];
  let size = 0;
  for (const [k, v] of entries) {
    if (k === '') errs.push(invalid(field, k, 'field can not be empty.'));
    size += byteLength(k) + byteLength(v);
  }
  if (size > MAX_PARAMETERS_SIZE) errs.push(tooLong(field, MAX_PARAMETERS_SIZE));
  return errs;
}

/**
 * ValidateTopologySelectorTerm, returning the key → values map each term denotes so that
 * duplicate terms can be found.
 */
function validateTopologySelectorTerm(term: Obj, field: string): { exprs: Map<string, Set<string>>; errs: FieldError[] } {
  const errs: FieldError[] = [];
  const exprs = new Map<string, Set<string>>();
  const exprPath = child(field, 'matchLabelExpressions');
  objs(term.matchLabelExpressions).forEach((rq, i) => {
    const p = index(exprPath, i);
    const values = strs(rq.values);
    const valueSet = new Set<string>();
    if (values.length === 0) errs.push(required(child(p, 'values')));
    values.forEach((v, j) => {
      if (valueSet.has(v)) errs.push(duplicate(index(child(p, 'values'), j), v));
      valueSet.add(v);
    });
    const k = str(rq.key);
    errs.push(...validateLabelName(k, child(p, 'key')));
    if (exprs.has(k)) errs.push(duplicate(child(p, 'key'), k));
    exprs.set(k, valueSet);
  });
  return { exprs, errs };
}

function sameExprs(a: Map<string, Set<string>>, b: Map<string, Set<string>>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, va] of a) {
    const vb = b.get(k);
    if (!vb || vb.size !== va.size || [...va].some((x) => !vb.has(x))) return false;
  }
  return true;
}

function validateAllowedTopologies(topologies: Obj[], field: string): FieldError[] {
  const errs: FieldError[] = [];
  // Kubernetes compares each term against a list that starts with one empty entry per term
  // (a preallocation slip), so an empty term is reported as a duplicate of each of those.
  const seen: Map<string, Set<string>>[] = topologies.map(() => new Map());
  topologies.forEach((term, i) => {
    const r = validateTopologySelectorTerm(term, index(field, i));
    errs.push(...r.errs);
    for (const t of seen) if (sameExprs(r.exprs, t)) errs.push(duplicate(child(index(field, i), 'matchLabelExpressions'), ''));
    seen.push(r.exprs);
  });
  return errs;
}

export function validateStorageClass(sc: Obj): FieldError[] {
  const errs = validateObjectMeta(sc.metadata, false, nameIsDNSSubdomain);
  errs.push(...validateProvisioner(str(sc.provisioner), 'provisioner'));
  errs.push(...validateParameters(optStrMap(sc.parameters), 'parameters'));
  const reclaim = str(sc.reclaimPolicy);
  if (reclaim !== '' && !RECLAIM_POLICIES.includes(reclaim)) errs.push(notSupported('reclaimPolicy', reclaim, RECLAIM_POLICIES));
  const mode = optStr(sc.volumeBindingMode);
  if (mode === undefined) errs.push(required('volumeBindingMode'));
  else if (!BINDING_MODES.includes(mode)) errs.push(notSupported('volumeBindingMode', mode, BINDING_MODES));
  errs.push(...validateAllowedTopologies(objs(sc.allowedTopologies), 'allowedTopologies'));
  return errs;
}

/** ValidateStorageClassUpdate; the strategy also runs the create rules first. */
export function validateStorageClassUpdate(sc: Obj, old: Obj): FieldError[] {
  const errs = [...validateStorageClass(sc), ...validateObjectMetaUpdate(sc.metadata, old.metadata)];
  if (!semanticEqual(optStrMap(sc.parameters), optStrMap(old.parameters))) {
    errs.push(forbidden('parameters', 'updates to parameters are forbidden.'));
  }
  if (str(sc.provisioner) !== str(old.provisioner)) errs.push(forbidden('provisioner', 'updates to provisioner are forbidden.'));
  if (str(sc.reclaimPolicy) !== str(old.reclaimPolicy)) errs.push(forbidden('reclaimPolicy', 'updates to reclaimPolicy are forbidden.'));
  errs.push(...immutableField(optStr(sc.volumeBindingMode), optStr(old.volumeBindingMode), 'volumeBindingMode', optStr(sc.volumeBindingMode) ?? null));
  return errs;
}
