// ObjectMeta validation, as three layers of Kubernetes do it:
//  - apimachinery's ValidateObjectMeta / ValidateObjectMetaUpdate (name or generateName with
//    the kind's name rule, namespace presence, generation, labels, annotations, owner
//    references, finalizers, managed fields; on update the immutable identity fields);
//  - core's wrappers, which add the "standard or fully qualified" finalizer name rule;
//  - the generic registry's checks that run for every kind (the name must be a URL path
//    segment), on create only once the kind's own validation passed, on update first.
// Every function takes the metadata as stored JSON and never throws on a malformed one.

import type { FieldError } from '../errors.js';
import { goQuote, goStringSlice, isQualifiedName, isValidLabelValue, validateLabelName, validateLabels } from '../labels/index.js';
import { arr, byteLength, isObj, isSet, num, obj, optNum, optStr, optStrMap, semanticEqual, str, strs, type Obj } from './access.js';
import { child, forbidden, index, invalid, key, nonNegative, required, tooLong, FIELD_IMMUTABLE_ERROR_MSG } from './field.js';
import { goPointer, goStringMap, goStruct } from './go-value.js';
import { GoValue, goValue } from '../errors.js';
import { nameIsDNSLabel, pathSegmentName, type NameFn } from './names.js';

export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

const FINALIZER_ORPHAN = 'orphan';
const FINALIZER_FOREGROUND = 'foregroundDeletion';
const STANDARD_FINALIZERS = new Set(['kubernetes', FINALIZER_ORPHAN, FINALIZER_FOREGROUND]);

export function validateAnnotations(annotations: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const m = optStrMap(annotations);
  if (!m) return errs;
  let total = 0;
  for (const [k, v] of Object.entries(m)) {
    // Case does not matter for annotation keys.
    for (const msg of isQualifiedName(k.toLowerCase())) errs.push(invalid(path, k, msg));
    total += byteLength(k) + byteLength(v);
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT) errs.push(tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT));
  return errs;
}

/** schema.FromAPIVersionAndKind: an unparsable apiVersion leaves group and version empty. */
function parseGroupVersion(apiVersion: string): { group: string; version: string } {
  if (apiVersion === '') return { group: '', version: '' };
  const parts = apiVersion.split('/');
  if (parts.length === 1) return { group: '', version: apiVersion };
  if (parts.length === 2) return { group: parts[0]!, version: parts[1]! };
  return { group: '', version: '' };
}

/** %#v of a metav1.OwnerReference (a value, so its pointer-receiver String() is not used). */
function ownerReferenceText(ref: Obj): GoValue {
  return goStruct('v1.OwnerReference', ownerReferenceFields(ref));
}

function ownerReferenceFields(r: Obj): [string, string][] {
  return [
    ['APIVersion', goQuote(str(r.apiVersion))],
    ['Kind', goQuote(str(r.kind))],
    ['Name', goQuote(str(r.name))],
    ['UID', goQuote(str(r.uid))],
    ['Controller', goPointer('bool', typeof r.controller === 'boolean')],
    ['BlockOwnerDeletion', goPointer('bool', typeof r.blockOwnerDeletion === 'boolean')],
  ];
}

/** %#v of a []metav1.OwnerReference. */
function ownerReferencesLiteral(refs: Obj[]): GoValue {
  const items = refs.map((r) => ownerReferenceText(r).text);
  return goValue(`[]v1.OwnerReference{${items.join(', ')}}`);
}

export function validateOwnerReferences(refs: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const list = arr(refs).map(obj);
  let firstController = '';
  for (const ref of list) {
    const apiVersion = str(ref.apiVersion);
    const kind = str(ref.kind);
    const gv = parseGroupVersion(apiVersion);
    if (gv.version === '') errs.push(invalid(child(path, 'apiVersion'), apiVersion, 'version must not be empty'));
    if (kind === '') errs.push(invalid(child(path, 'kind'), kind, 'kind must not be empty'));
    if (str(ref.name) === '') errs.push(invalid(child(path, 'name'), str(ref.name), 'name must not be empty'));
    if (str(ref.uid) === '') errs.push(invalid(child(path, 'uid'), str(ref.uid), 'uid must not be empty'));
    if (gv.group === '' && gv.version === 'v1' && kind === 'Event') {
      errs.push(invalid(path, ownerReferenceText(ref), '/v1, Kind=Event is disallowed from being an owner'));
    }
    if (ref.controller === true) {
      const name = `${kind}/${str(ref.name)}`;
      if (firstController !== '') {
        errs.push(
          invalid(
            path,
            ownerReferencesLiteral(list),
            `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${name}`,
          ),
        );
      } else {
        firstController = name;
      }
    }
  }
  return errs;
}

/** apimachinery's ValidateFinalizers: qualified names, and not both orphan and foreground. */
export function validateFinalizers(finalizers: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const list = strs(finalizers);
  for (const f of list) for (const msg of isQualifiedName(f)) errs.push(invalid(path, f, msg));
  if (list.includes(FINALIZER_ORPHAN) && list.includes(FINALIZER_FOREGROUND)) {
    errs.push(invalid(path, goValue(goStringSlice(list)), `finalizer ${FINALIZER_ORPHAN} and ${FINALIZER_FOREGROUND} cannot be both set`));
  }
  return errs;
}

/** Core's validateKubeFinalizerName: an unprefixed finalizer must be a standard one. */
export function validateKubeFinalizerName(name: string, path: string): FieldError[] {
  if (name.split('/').length === 1 && !STANDARD_FINALIZERS.has(name)) {
    return [invalid(path, name, 'name is neither a standard finalizer name nor is it fully qualified')];
  }
  return [];
}

function isPrintable(cp: number): boolean {
  // unicode.IsPrint over what a field manager name can hold: no controls, no separators but space.
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return false;
  const ch = String.fromCodePoint(cp);
  if (ch === ' ') return true;
  return /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(ch);
}

/** ValidateFieldManager's rules for metadata.managedFields[*].manager. */
function validateFieldManager(manager: string, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (byteLength(manager) > 128) errs.push(tooLong(path, 128));
  let pos = 0;
  for (const ch of manager) {
    const cp = ch.codePointAt(0)!;
    if (!isPrintable(cp)) {
      const hex = cp.toString(16).toUpperCase().padStart(4, '0');
      errs.push(invalid(path, manager, `invalid character U+${hex} (at position ${pos})`));
    }
    pos += Buffer.byteLength(ch, 'utf8');
  }
  return errs;
}

export function validateManagedFields(entries: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  arr(entries).forEach((e, i) => {
    const entry = obj(e);
    const p = index(path, i);
    const op = str(entry.operation);
    if (op !== 'Apply' && op !== 'Update') errs.push(invalid(child(p, 'operation'), op, 'must be `Apply` or `Update`'));
    const ft = str(entry.fieldsType);
    if (ft !== '' && ft !== 'FieldsV1') errs.push(invalid(child(p, 'fieldsType'), ft, 'must be `FieldsV1`'));
    errs.push(...validateFieldManager(str(entry.manager), child(p, 'manager')));
    if (byteLength(str(entry.subresource)) > 256) errs.push(tooLong(child(p, 'subresource'), 256));
  });
  return errs;
}

function validateCommon(meta: Obj, namespaced: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const ns = str(meta.namespace);
  if (namespaced) {
    if (ns === '') errs.push(required(child(path, 'namespace')));
    else for (const msg of nameIsDNSLabel(ns, false)) errs.push(invalid(child(path, 'namespace'), ns, msg));
  } else if (ns !== '') {
    errs.push(forbidden(child(path, 'namespace'), 'not allowed on this type'));
  }
  errs.push(...nonNegative(num(meta.generation), child(path, 'generation')));
  errs.push(...validateLabels(optStrMap(meta.labels), child(path, 'labels')));
  errs.push(...validateAnnotations(meta.annotations, child(path, 'annotations')));
  errs.push(...validateOwnerReferences(meta.ownerReferences, child(path, 'ownerReferences')));
  errs.push(...validateFinalizers(meta.finalizers, child(path, 'finalizers')));
  errs.push(...validateManagedFields(meta.managedFields, child(path, 'managedFields')));
  return errs;
}

/** apimachinery's ValidateObjectMetaAccessor: the name rule is the kind's. */
export function validateObjectMetaGeneric(metadata: unknown, namespaced: boolean, nameFn: NameFn, path = 'metadata'): FieldError[] {
  const meta = obj(metadata);
  const errs: FieldError[] = [];
  const generateName = str(meta.generateName);
  if (generateName !== '') {
    for (const msg of nameFn(generateName, true)) errs.push(invalid(child(path, 'generateName'), generateName, msg));
  }
  const name = str(meta.name);
  if (name === '') errs.push(required(child(path, 'name'), 'name or generateName is required'));
  else for (const msg of nameFn(name, false)) errs.push(invalid(child(path, 'name'), name, msg));
  return [...errs, ...validateCommon(meta, namespaced, path)];
}

/** Core's ValidateObjectMeta: the generic rules plus the kube finalizer name rule. */
export function validateObjectMeta(metadata: unknown, namespaced: boolean, nameFn: NameFn, path = 'metadata'): FieldError[] {
  const errs = validateObjectMetaGeneric(metadata, namespaced, nameFn, path);
  strs(obj(metadata).finalizers).forEach((f, i) => errs.push(...validateKubeFinalizerName(f, index(child(path, 'finalizers'), i))));
  return errs;
}

/** Go's time.Time String() for an RFC 3339 timestamp (as metav1.Time prints in errors). */
function goTimeText(v: unknown): GoValue | null {
  if (typeof v !== 'string') return null;
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) return goValue(v);
  const iso = d.toISOString();
  return goValue(`${iso.slice(0, 10)} ${iso.slice(11, 19)} +0000 UTC`);
}

/** ValidateImmutableField: "field is immutable" with the new value, unless semantically equal. */
export function immutableField(newVal: unknown, oldVal: unknown, path: string, shown: unknown = newVal): FieldError[] {
  return semanticEqual(newVal, oldVal) ? [] : [invalid(path, shown, FIELD_IMMUTABLE_ERROR_MSG)];
}


/** apimachinery's ValidateObjectMetaAccessorUpdate. */
export function validateObjectMetaUpdateGeneric(metadata: unknown, oldMetadata: unknown, path = 'metadata'): FieldError[] {
  const meta = obj(metadata);
  const old = obj(oldMetadata);
  const errs: FieldError[] = [];
  if (isSet(old.deletionTimestamp)) {
    const before = new Set(strs(old.finalizers));
    const extra = [...new Set(strs(meta.finalizers).filter((f) => !before.has(f)))].sort();
    if (extra.length > 0) {
      errs.push(
        forbidden(
          child(path, 'finalizers'),
          `no new finalizers can be added if the object is being deleted, found new finalizers ${goStringSlice(extra)}`,
        ),
      );
    }
  }
  const rv = str(meta.resourceVersion);
  if (rv === '') errs.push(invalid(child(path, 'resourceVersion'), rv, 'must be specified for an update'));
  const gen = num(meta.generation);
  if (gen < num(old.generation)) errs.push(invalid(child(path, 'generation'), gen, 'must not be decremented'));
  errs.push(...immutableField(str(meta.name), str(old.name), child(path, 'name')));
  errs.push(...immutableField(str(meta.namespace), str(old.namespace), child(path, 'namespace')));
  errs.push(...immutableField(str(meta.uid), str(old.uid), child(path, 'uid')));
  errs.push(
    ...immutableField(optStr(meta.creationTimestamp), optStr(old.creationTimestamp), child(path, 'creationTimestamp'),
      goTimeText(meta.creationTimestamp) ?? goValue('0001-01-01 00:00:00 +0000 UTC')),
  );
  errs.push(...immutableField(optStr(meta.deletionTimestamp), optStr(old.deletionTimestamp), child(path, 'deletionTimestamp'), goTimeText(meta.deletionTimestamp)));
  errs.push(
    ...immutableField(optNum(meta.deletionGracePeriodSeconds), optNum(old.deletionGracePeriodSeconds), child(path, 'deletionGracePeriodSeconds'),
      optNum(meta.deletionGracePeriodSeconds) ?? null),
  );
  errs.push(...validateLabels(optStrMap(meta.labels), child(path, 'labels')));
  errs.push(...validateAnnotations(meta.annotations, child(path, 'annotations')));
  errs.push(...validateOwnerReferences(meta.ownerReferences, child(path, 'ownerReferences')));
  errs.push(...validateManagedFields(meta.managedFields, child(path, 'managedFields')));
  return errs;
}

/** Core's ValidateObjectMetaUpdate. */
export function validateObjectMetaUpdate(metadata: unknown, oldMetadata: unknown, path = 'metadata'): FieldError[] {
  const errs = validateObjectMetaUpdateGeneric(metadata, oldMetadata, path);
  strs(obj(metadata).finalizers).forEach((f, i) => errs.push(...validateKubeFinalizerName(f, index(child(path, 'finalizers'), i))));
  return errs;
}

/** The registry's checks on create for every kind (rest.BeforeCreate, after the kind's). */
export function genericCreateMeta(metadata: unknown, namespaced: boolean): FieldError[] {
  return validateObjectMetaGeneric(metadata, namespaced, pathSegmentName);
}

/** The registry's checks on update for every kind (validateCommonFields, before the kind's). */
export function genericUpdateMeta(metadata: unknown, oldMetadata: unknown, namespaced: boolean): FieldError[] {
  return [...validateObjectMetaGeneric(metadata, namespaced, pathSegmentName), ...validateObjectMetaUpdateGeneric(metadata, oldMetadata)];
}

const TEMPLATE_META_FIELDS = [
  'name',
  'generateName',
  'namespace',
  'selfLink',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
  'managedFields',
];

/** ValidateTemplateObjectMeta: an embedded template may carry only labels and annotations. */
export function validateTemplateObjectMeta(metadata: unknown, path: string): FieldError[] {
  const meta = obj(metadata);
  const errs = [...validateAnnotations(meta.annotations, child(path, 'annotations')), ...validateLabels(optStrMap(meta.labels), child(path, 'labels'))];
  for (const f of TEMPLATE_META_FIELDS) {
    if (f === 'labels' || f === 'annotations') continue;
    const v = meta[f];
    const zero = v === undefined || v === null || v === '' || v === 0 || (Array.isArray(v) && v.length === 0) || (isObj(v) && Object.keys(v).length === 0);
    if (!zero) errs.push(forbidden(child(path, f), 'cannot be set'));
  }
  return errs;
}

/** ValidateHasLabel: the template must carry key=value. */
export function validateHasLabel(metadata: unknown, path: string, labelKey: string, expected: string): FieldError[] {
  const labels = optStrMap(obj(metadata).labels);
  const p = key(child(path, 'labels'), labelKey);
  if (!labels || !(labelKey in labels)) return [required(p, `must be '${expected}'`)];
  if (labels[labelKey] !== expected) return [invalid(p, goStringMap(labels), `must be '${expected}'`)];
  return [];
}

export { validateLabels, validateLabelName, isValidLabelValue };
