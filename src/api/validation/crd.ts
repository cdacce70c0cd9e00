// CustomResourceDefinitions, basic structural checks only
// (apiextensions-apiserver/pkg/apis/apiextensions/validation): the name must be
// "<plural>.<group>", the group a DNS subdomain with a dot, the scope Cluster or Namespaced,
// version names DNS-1035 labels, unique, exactly one marked storage and each with a schema,
// names well-formed, and conversion settings consistent. On update group and plural never
// change, nor scope and kind once the CRD is established; stored versions must keep the
// storage version and name only existing versions. Paths in conversion errors are those of the
// internal type ("spec.conversion.webhookClientConfig"), as Kubernetes reports them. OpenAPI
// schema contents (structural rules, CEL, defaults), subresources and printer columns are
// not checked.

import type { FieldError } from '../errors.js';
import { goQuote, isDNS1123Subdomain } from '../labels/index.js';
import { bool, isSet, obj, objs, optObj, str, strs, type Obj } from './access.js';
import { child, forbidden, index, invalid, notSupported, required } from './field.js';
import { goPointer, goStruct } from './go-value.js';
import { goValue } from '../errors.js';
import { immutableField, validateObjectMetaGeneric, validateObjectMetaUpdateGeneric } from './meta.js';
import { isDNS1035Label, nameIsDNSSubdomain, type NameFn } from './names.js';
import { validateClientConfig, validateReviewVersions } from './webhook-client.js';

function validateEnum(field: string, value: string, accepted: readonly string[]): FieldError[] {
  if (value === '') return [required(field)];
  return accepted.includes(value) ? [] : [notSupported(field, value, accepted)];
}

/** %#v of spec.versions as the internal type prints it; pointers show placeholder addresses. */
function goVersions(versions: Obj[]): unknown {
  const items = versions.map((v) =>
    goStruct('apiextensions.CustomResourceDefinitionVersion', [
      ['Name', goQuote(str(v.name))],
      ['Served', String(bool(v.served))],
      ['Storage', String(bool(v.storage))],
      ['Deprecated', String(bool(v.deprecated))],
      ['DeprecationWarning', isSet(v.deprecationWarning) ? goPointer('string', true) : '(*string)(nil)'],
      ['Schema', goPointer('apiextensions.CustomResourceValidation', isSet(v.schema))],
      ['Subresources', goPointer('apiextensions.CustomResourceSubresources', isSet(v.subresources))],
      ['AdditionalPrinterColumns', objs(v.additionalPrinterColumns).length > 0
        ? '[]apiextensions.CustomResourceColumnDefinition{...}' : '[]apiextensions.CustomResourceColumnDefinition(nil)'],
      ['SelectableFields', objs(v.selectableFields).length > 0 ? '[]apiextensions.SelectableField{...}' : '[]apiextensions.SelectableField(nil)'],
    ]).text,
  );
  return goValue(`[]apiextensions.CustomResourceDefinitionVersion{${items.join(', ')}}`);
}

function dns1035(value: string, field: string, prefix = ''): FieldError[] {
  const errs = isDNS1035Label(value);
  return errs.length > 0 ? [invalid(field, value, prefix + errs.join(','))] : [];
}

/** ValidateCustomResourceDefinitionNames (spec.names and status.acceptedNames). */
function validateNames(namesValue: unknown, field: string): FieldError[] {
  const names = obj(namesValue);
  const errs: FieldError[] = [];
  const plural = str(names.plural);
  const singular = str(names.singular);
  const kind = str(names.kind);
  const listKind = str(names.listKind);
  if (plural !== '') errs.push(...dns1035(plural, child(field, 'plural')));
  if (singular !== '') errs.push(...dns1035(singular, child(field, 'singular')));
  const mixed = 'may have mixed case, but should otherwise match: ';
  if (kind !== '' && isDNS1035Label(kind.toLowerCase()).length > 0) {
    errs.push(invalid(child(field, 'kind'), kind, mixed + isDNS1035Label(kind.toLowerCase()).join(',')));
  }
  if (listKind !== '' && isDNS1035Label(listKind.toLowerCase()).length > 0) {
    errs.push(invalid(child(field, 'listKind'), listKind, mixed + isDNS1035Label(listKind.toLowerCase()).join(',')));
  }
  strs(names.shortNames).forEach((s, i) => errs.push(...dns1035(s, index(child(field, 'shortNames'), i))));
  if (kind !== '' && kind === listKind) errs.push(invalid(child(field, 'listKind'), listKind, 'kind and listKind may not be the same'));
  strs(names.categories).forEach((c, i) => errs.push(...dns1035(c, index(child(field, 'categories'), i))));
  return errs;
}

function validateConversion(conversionValue: unknown, preserveUnknownFields: boolean, field: string): FieldError[] {
  const conversion = optObj(conversionValue);
  if (!conversion) return [];
  const strategy = str(conversion.strategy);
  const errs = validateEnum(child(field, 'strategy'), strategy, ['None', 'Webhook']);
  const webhook = optObj(conversion.webhook);
  const clientConfig = optObj(webhook?.clientConfig);
  const reviewVersions = webhook?.conversionReviewVersions;
  if (strategy === 'Webhook') {
    if (!clientConfig) errs.push(required(child(field, 'webhookClientConfig'), 'required when strategy is set to Webhook'));
    else errs.push(...validateClientConfig(clientConfig, child(field, 'webhookClientConfig')));
    errs.push(...validateReviewVersions(reviewVersions, true, child(field, 'conversionReviewVersions')));
    if (preserveUnknownFields) errs.push(invalid(child(field, 'strategy'), strategy, 'must be None if spec.preserveUnknownFields is true'));
  } else {
    if (clientConfig) errs.push(forbidden(child(field, 'webhookClientConfig'), 'should not be set when strategy is not set to Webhook'));
    if (strs(reviewVersions).length > 0) {
      errs.push(forbidden(child(field, 'conversionReviewVersions'), 'should not be set when strategy is not set to Webhook'));
    }
  }
  return errs;
}

function validateSpec(specValue: unknown, field: string): FieldError[] {
  const spec = obj(specValue);
  const errs: FieldError[] = [];
  const group = str(spec.group);
  if (group === '') errs.push(required(child(field, 'group')));
  else if (isDNS1123Subdomain(group).length > 0) errs.push(invalid(child(field, 'group'), group, isDNS1123Subdomain(group).join(',')));
  else if (group.split('.').length < 2) errs.push(invalid(child(field, 'group'), group, 'should be a domain with at least one dot'));
  errs.push(...validateEnum(child(field, 'scope'), str(spec.scope), ['Cluster', 'Namespaced']));
  const versions = objs(spec.versions);
  let storageCount = 0;
  const seen = new Set<string>();
  let unique = true;
  versions.forEach((v, i) => {
    const p = index(child(field, 'versions'), i);
    if (bool(v.storage)) storageCount++;
    const name = str(v.name);
    if (seen.has(name)) unique = false;
    else seen.add(name);
    errs.push(...dns1035(name, child(p, 'name')));
    if (!isSet(obj(v.schema).openAPIV3Schema)) errs.push(required(child(p, 'schema', 'openAPIV3Schema'), 'schemas are required'));
  });
  if (!unique) errs.push(invalid(child(field, 'versions'), goVersions(versions), 'must contain unique version names'));
  if (storageCount !== 1) errs.push(invalid(child(field, 'versions'), goVersions(versions), 'must have exactly one version marked as storage version'));
  const names = obj(spec.names);
  for (const f of ['plural', 'singular', 'kind', 'listKind']) {
    if (str(names[f]) === '') errs.push(required(child(field, 'names', f)));
  }
  errs.push(...validateNames(names, child(field, 'names')));
  errs.push(...validateConversion(spec.conversion, bool(spec.preserveUnknownFields), child(field, 'conversion')));
  return errs;
}

function crdNameFn(crd: Obj): NameFn {
  const spec = obj(crd.spec);
  const requiredName = `${str(obj(spec.names).plural)}.${str(spec.group)}`;
  return (name, prefix) => {
    const errs = nameIsDNSSubdomain(name, prefix);
    if (name !== requiredName) errs.push('must be spec.names.plural+"."+spec.group');
    return errs;
  };
}

/** ValidateCustomResourceDefinitionStoredVersions; skipped when absent on create (see index.ts). */
function validateStoredVersions(crd: Obj, field: string): FieldError[] {
  const stored = strs(obj(crd.status).storedVersions);
  if (stored.length === 0) return [invalid(field, stored, 'must have at least one stored version')];
  const errs: FieldError[] = [];
  const remaining = new Map(stored.map((v, i) => [v, i]));
  for (const v of objs(obj(crd.spec).versions)) {
    const name = str(v.name);
    if (bool(v.storage) && !remaining.has(name)) {
      errs.push(invalid(field, goValue(`apiextensions.CustomResourceDefinitionVersion{Name:${goQuote(name)}, ...}`), `must have the storage version ${name}`));
    }
    remaining.delete(name);
  }
  for (const [v, i] of remaining) errs.push(invalid(index(field, i), v, 'must appear in spec.versions'));
  return errs;
}

/**
 * ValidateCustomResourceDefinition. Kubernetes' create strategy fills status.storedVersions
 * with the storage version before validating; when the caller has not, that rule is skipped
 * rather than rejecting every create.
 */
export function validateCustomResourceDefinition(crd: Obj): FieldError[] {
  const errs = validateObjectMetaGeneric(crd.metadata, false, crdNameFn(crd));
  errs.push(...validateSpec(crd.spec, 'spec'));
  errs.push(...validateNames(obj(crd.status).acceptedNames, 'status.acceptedNames'));
  if (strs(obj(crd.status).storedVersions).length > 0) errs.push(...validateStoredVersions(crd, 'status.storedVersions'));
  return errs;
}

function isEstablished(crd: Obj): boolean {
  return objs(obj(crd.status).conditions).some((c) => c.type === 'Established' && c.status === 'True');
}

export function validateCustomResourceDefinitionUpdate(crd: Obj, old: Obj): FieldError[] {
  const errs = validateObjectMetaUpdateGeneric(crd.metadata, old.metadata);
  errs.push(...validateSpec(crd.spec, 'spec'));
  const spec = obj(crd.spec);
  const oldSpec = obj(old.spec);
  if (isEstablished(old)) {
    errs.push(...immutableField(str(spec.scope), str(oldSpec.scope), 'spec.scope'));
    errs.push(...immutableField(str(obj(spec.names).kind), str(obj(oldSpec.names).kind), 'spec.names.kind'));
  }
  errs.push(...immutableField(str(spec.group), str(oldSpec.group), 'spec.group'));
  errs.push(...immutableField(str(obj(spec.names).plural), str(obj(oldSpec.names).plural), 'spec.names.plural'));
  errs.push(...validateNames(obj(crd.status).acceptedNames, 'status.acceptedNames'));
  errs.push(...validateStoredVersions(crd, 'status.storedVersions'));
  return errs;
}
