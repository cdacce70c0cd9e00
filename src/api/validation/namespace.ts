// Namespaces and ServiceAccounts. A namespace name is a DNS label; spec.finalizers must be
// qualified names, and unprefixed ones standard ("kubernetes"). A namespace update re-runs the
// create rules plus the metadata update rules (the strategy keeps the old spec, whose
// finalizers change only through the finalize subresource). A ServiceAccount is just metadata
// with a DNS subdomain name.

import type { FieldError } from '../errors.js';
import { isQualifiedName } from '../labels/index.js';
import { obj, strs, type Obj } from './access.js';
import { invalid } from './field.js';
import { validateKubeFinalizerName, validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import { nameIsDNSLabel, nameIsDNSSubdomain } from './names.js';

function validateSpecFinalizers(ns: Obj, indexed: boolean): FieldError[] {
  const errs: FieldError[] = [];
  strs(obj(ns.spec).finalizers).forEach((f, i) => {
    // Create reports every finalizer at the list; finalize at its index.
    const p = indexed ? `spec.finalizers[${i}]` : 'spec.finalizers';
    for (const m of isQualifiedName(f)) errs.push(invalid(p, f, m));
    errs.push(...validateKubeFinalizerName(f, p));
  });
  return errs;
}

export function validateNamespace(ns: Obj): FieldError[] {
  return [...validateObjectMeta(ns.metadata, false, nameIsDNSLabel), ...validateSpecFinalizers(ns, false)];
}

export function validateNamespaceUpdate(ns: Obj, old: Obj): FieldError[] {
  return [...validateNamespace(ns), ...validateObjectMetaUpdate(ns.metadata, old.metadata)];
}

/** The namespace finalize subresource. */
export function validateNamespaceFinalizeUpdate(ns: Obj, old: Obj): FieldError[] {
  return [...validateObjectMetaUpdate(ns.metadata, old.metadata), ...validateSpecFinalizers(ns, true)];
}

export function validateServiceAccount(sa: Obj): FieldError[] {
  return validateObjectMeta(sa.metadata, true, nameIsDNSSubdomain);
}

export function validateServiceAccountUpdate(sa: Obj, old: Obj): FieldError[] {
  return [...validateObjectMetaUpdate(sa.metadata, old.metadata), ...validateServiceAccount(sa)];
}
