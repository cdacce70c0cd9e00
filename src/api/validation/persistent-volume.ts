// PersistentVolume and PersistentVolumeClaim validation (ValidatePersistentVolume[Update],
// ValidatePersistentVolumeClaim[Spec|Update|Template]): access modes, capacity and requested
// storage, exactly one volume source, reclaim policy, class names, data sources, and the
// update rules: a claim's spec is frozen except the storage request of a bound claim (which
// may not shrink below what was provisioned), a volume's source and volumeMode never change.
// Kubernetes 1.32 defaults: RecoverVolumeExpansionFailure on, VolumeAttributesClass off.

import type { FieldError } from '../errors.js';
import { goValue } from '../errors.js';
import { validateLabelSelector } from '../labels/index.js';
import { isObj, isSet, obj, optObj, optStr, optStrMap, semanticEqual, str, strs, type Obj } from './access.js';
import { child, forbidden, invalid, key, notSupported, required, IS_NOT_POSITIVE_ERROR_MSG } from './field.js';
import { specDiff } from './diff.js';
import { goPointer } from './go-value.js';
import { validateNodeSelector } from './affinity.js';
import { immutableField, validateObjectMeta, validateTemplateObjectMeta } from './meta.js';
import { isDNS1123Subdomain, nameIsDNSLabel, nameIsDNSSubdomain } from './names.js';
import { parseQuantity, validateResourceQuantityValue } from './resources.js';
import * as src from './volume-sources.js';

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const RECLAIM_POLICIES = ['Delete', 'Recycle', 'Retain'];
const VOLUME_MODES = ['Block', 'Filesystem'];
const BETA_STORAGE_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

/** The values of accessModes: known modes, and ReadWriteOncePod alone. */
function validateAccessModeValues(modes: string[], field: string): FieldError[] {
  const errs: FieldError[] = [];
  let rwop = false;
  let other = false;
  for (const m of modes) {
    if (!ACCESS_MODES.includes(m)) errs.push(notSupported(field, m, ACCESS_MODES));
    if (m === 'ReadWriteOncePod') rwop = true;
    else if (ACCESS_MODES.includes(m)) other = true;
  }
  if (rwop && other) errs.push(forbidden(field, 'may not use ReadWriteOncePod with other access modes'));
  return errs;
}

function validateDataSource(ds: Obj, field: string, withNamespace: boolean): FieldError[] {
  const errs: FieldError[] = [];
  if (str(ds.name) === '') errs.push(required(child(field, 'name')));
  const kind = str(ds.kind);
  if (kind === '') errs.push(required(child(field, 'kind')));
  const apiGroup = str(ds.apiGroup);
  if (apiGroup === '' && kind !== 'PersistentVolumeClaim') {
    errs.push(invalid(field, kind, "must be 'PersistentVolumeClaim' when referencing the default apiGroup"));
  }
  if (apiGroup !== '') for (const msg of isDNS1123Subdomain(apiGroup)) errs.push(invalid(child(field, 'apiGroup'), apiGroup, msg));
  const ns = optStr(ds.namespace);
  if (withNamespace && ns) for (const msg of nameIsDNSLabel(ns, false)) errs.push(invalid(child(field, 'namespace'), ns, msg));
  return errs;
}

export function validatePersistentVolumeClaimSpec(specValue: unknown, field: string): FieldError[] {
  const spec = obj(specValue);
  const errs: FieldError[] = [];
  const modes = strs(spec.accessModes);
  if (modes.length === 0) errs.push(required(child(field, 'accessModes'), 'at least 1 access mode is required'));
  if (isSet(spec.selector)) errs.push(...validateLabelSelector(obj(spec.selector), child(field, 'selector')));
  errs.push(...validateAccessModeValues(modes, child(field, 'accessModes')));
  const storagePath = key(child(field, 'resources'), 'storage');
  const requests = obj(obj(spec.resources).requests);
  if (!('storage' in requests)) errs.push(required(storagePath));
  else {
    const q = parseQuantity(requests.storage);
    if (q) {
      if (q.sign() <= 0) errs.push(invalid(storagePath, q.toString(), IS_NOT_POSITIVE_ERROR_MSG));
      else errs.push(...validateResourceQuantityValue('storage', q, storagePath, requests.storage));
    }
  }
  const sc = optStr(spec.storageClassName);
  if (sc) for (const msg of nameIsDNSSubdomain(sc, false)) errs.push(invalid(child(field, 'storageClassName'), sc, msg));
  const mode = optStr(spec.volumeMode);
  if (mode !== undefined && !VOLUME_MODES.includes(mode)) errs.push(notSupported(child(field, 'volumeMode'), mode, VOLUME_MODES));
  const ds = optObj(spec.dataSource);
  const dsr = optObj(spec.dataSourceRef);
  if (ds) errs.push(...validateDataSource(ds, child(field, 'dataSource'), false));
  if (dsr) errs.push(...validateDataSource(dsr, child(field, 'dataSourceRef'), true));
  if (dsr && optStr(dsr.namespace)) {
    if (ds) errs.push(invalid(field, goValue('field.Path{name:"dataSource", index:"", parent:(*field.Path)(0xc000000000)}'), 'may not be specified when dataSourceRef.namespace is specified'));
  } else if (ds && dsr) {
    if (str(ds.apiGroup) !== str(dsr.apiGroup) || isSet(ds.apiGroup) !== isSet(dsr.apiGroup) || str(ds.kind) !== str(dsr.kind) || str(ds.name) !== str(dsr.name)) {
      errs.push(invalid(field, goValue('field.Path{name:"dataSource", index:"", parent:(*field.Path)(0xc000000000)}'), 'must match dataSourceRef'));
    }
  }
  return errs;
}

export function validatePersistentVolumeClaim(pvc: Obj): FieldError[] {
  return [...validateObjectMeta(pvc.metadata, true, nameIsDNSSubdomain), ...validatePersistentVolumeClaimSpec(pvc.spec, 'spec')];
}

export function validatePersistentVolumeClaimTemplate(template: Obj, field: string): FieldError[] {
  return [...validateTemplateObjectMeta(template.metadata, child(field, 'metadata')), ...validatePersistentVolumeClaimSpec(template.spec, child(field, 'spec'))];
}

function withStorage(spec: Obj, storage: unknown): Obj {
  const resources = obj(spec.resources);
  const requests = { ...obj(resources.requests) };
  if (storage === undefined) delete requests.storage;
  else requests.storage = storage;
  return { ...spec, resources: { ...resources, requests } };
}

export function validatePersistentVolumeClaimUpdate(pvc: Obj, old: Obj): FieldError[] {
  const errs = validatePersistentVolumeClaim(pvc);
  let newSpec = { ...obj(pvc.spec) };
  let oldSpec = { ...obj(old.spec) };
  // The volume controller binds a claim by setting volumeName once.
  if (str(oldSpec.volumeName) === '') oldSpec = { ...oldSpec, volumeName: newSpec.volumeName };
  const newAnn = optStrMap(obj(pvc.metadata).annotations) ?? {};
  const oldAnn = optStrMap(obj(old.metadata).annotations) ?? {};
  const oldSC = optStr(oldSpec.storageClassName);
  const newSC = optStr(newSpec.storageClassName);
  const upgradeFromAnnotation =
    BETA_STORAGE_CLASS_ANNOTATION in oldAnn &&
    oldSC === undefined &&
    newSC !== undefined &&
    newSC === oldAnn[BETA_STORAGE_CLASS_ANNOTATION] &&
    (!(BETA_STORAGE_CLASS_ANNOTATION in newAnn) || newAnn[BETA_STORAGE_CLASS_ANNOTATION] === oldAnn[BETA_STORAGE_CLASS_ANNOTATION]);
  if (upgradeFromAnnotation) {
    delete newSpec.storageClassName;
  } else {
    if ((newAnn[BETA_STORAGE_CLASS_ANNOTATION] ?? '') !== (oldAnn[BETA_STORAGE_CLASS_ANNOTATION] ?? '')) {
      errs.push(invalid(child('metadata', 'annotations', BETA_STORAGE_CLASS_ANNOTATION), newAnn[BETA_STORAGE_CLASS_ANNOTATION] ?? '', 'field is immutable'));
    }
    const upgradeFromNil =
      newSC !== undefined && oldSC === undefined && (!(BETA_STORAGE_CLASS_ANNOTATION in oldAnn) || newSC === oldAnn[BETA_STORAGE_CLASS_ANNOTATION]);
    if (upgradeFromNil) newSpec = { ...newSpec, storageClassName: oldSpec.storageClassName };
  }
  const bound = str(obj(pvc.status).phase) === 'Bound';
  if (bound && isObj(obj(newSpec.resources).requests)) newSpec = withStorage(newSpec, obj(obj(old.spec).resources).requests ? obj(obj(obj(old.spec).resources).requests).storage : undefined);
  if (!semanticEqual(newSpec, oldSpec)) {
    errs.push(
      forbidden(
        'spec',
        `spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n${specDiff('core.PersistentVolumeClaimSpec', oldSpec, newSpec)}`,
      ),
    );
  }
  const oldSize = parseQuantity(obj(obj(obj(old.spec).resources).requests).storage);
  const newSize = parseQuantity(obj(obj(obj(pvc.spec).resources).requests).storage);
  const statusSize = parseQuantity(obj(obj(old.status).capacity).storage);
  if (oldSize && newSize && newSize.cmp(oldSize) < 0) {
    const status = statusSize;
    if (!status || newSize.cmp(status) <= 0) {
      errs.push(forbidden(child('spec', 'resources', 'requests', 'storage'), 'field can not be less than status.capacity'));
    }
  }
  errs.push(...immutableField(optStr(obj(pvc.spec).volumeMode), optStr(obj(old.spec).volumeMode), 'volumeMode', optStr(obj(pvc.spec).volumeMode) ?? null));
  return errs;
}

type SourceCheck = [key: string, forbiddenPath: string, validatePath: string, check: (s: Obj, field: string, pvName: string) => FieldError[]];

const PV_SOURCES: SourceCheck[] = [
  ['hostPath', 'hostPath', 'hostPath', (s, f) => src.validateHostPath(s, f)],
  ['gcePersistentDisk', 'gcePersistentDisk', 'persistentDisk', (s, f) => src.validateGCEPersistentDisk(s, f)],
  ['awsElasticBlockStore', 'awsElasticBlockStore', 'awsElasticBlockStore', (s, f) => src.validateAWSElasticBlockStore(s, f)],
  ['glusterfs', 'glusterfs', 'glusterfs', (s, f) => src.validateGlusterfsPersistent(s, f)],
  ['flocker', 'flocker', 'flocker', (s, f) => src.validateFlocker(s, f)],
  ['nfs', 'nfs', 'nfs', (s, f) => src.validateNFS(s, f)],
  ['rbd', 'rbd', 'rbd', (s, f) => src.validateRBD(s, f)],
  ['quobyte', 'quobyte', 'quobyte', (s, f) => src.validateQuobyte(s, f)],
  ['cephfs', 'cephFS', 'cephfs', (s, f) => src.validateCephFS(s, f)],
  ['iscsi', 'iscsi', 'iscsi', (s, f, n) => src.validateISCSI(s, f, n)],
  ['cinder', 'cinder', 'cinder', (s, f) => src.validateCinder(s, f, true)],
  ['fc', 'fc', 'fc', (s, f) => src.validateFC(s, f)],
  ['flexVolume', 'flexVolume', 'flexVolume', (s, f) => src.validateFlexVolume(s, f)],
  ['azureFile', 'azureFile', 'azureFile', (s, f) => src.validateAzureFile(s, f, true)],
  ['vsphereVolume', 'vsphereVolume', 'vsphereVolume', (s, f) => src.validateVsphere(s, f)],
  ['photonPersistentDisk', 'photonPersistentDisk', 'photonPersistentDisk', (s, f) => src.validatePhoton(s, f)],
  ['portworxVolume', 'portworxVolume', 'portworxVolume', (s, f) => src.validatePortworx(s, f)],
  ['azureDisk', 'azureDisk', 'azureDisk', (s, f) => src.validateAzureDisk(s, f)],
  ['scaleIO', 'scaleIO', 'scaleIO', (s, f) => src.validateScaleIO(s, f)],
  ['local', 'local', 'local', (s, f) => src.validateLocal(s, f)],
  ['storageos', 'storageos', 'storageos', (s, f) => src.validateStorageOS(s, f, true)],
  ['csi', 'csi', 'csi', (s, f) => src.validateCSIPersistent(s, f)],
];

const PV_SOURCE_KEYS = PV_SOURCES.map(([k]) => k);

export function validatePersistentVolumeSpec(specValue: unknown, pvName: string, field: string): FieldError[] {
  const spec = obj(specValue);
  const errs: FieldError[] = [];
  const modes = strs(spec.accessModes);
  if (modes.length === 0) errs.push(required(child(field, 'accessModes')));
  errs.push(...validateAccessModeValues(modes, child(field, 'accessModes')));
  const capacity = obj(spec.capacity);
  const capPath = child(field, 'capacity');
  const capKeys = Object.keys(capacity);
  if (capKeys.length === 0) errs.push(required(capPath));
  if (!('storage' in capacity) || capKeys.length > 1) {
    const shown = goValue(`core.ResourceList{${capKeys.sort().map((k) => `"${k}":${JSON.stringify(capacity[k])}`).join(', ')}}`);
    errs.push(notSupported(capPath, capKeys.length === 0 ? goValue('core.ResourceList(nil)') : shown, ['storage']));
  }
  for (const [r, raw] of Object.entries(capacity)) {
    const q = parseQuantity(raw);
    if (!q) continue;
    const p = key(capPath, r);
    if (q.value() < 0n) errs.push(invalid(p, Number(q.value()), 'must be a valid resource quantity'));
    if (q.sign() <= 0) errs.push(invalid(p, q.toString(), IS_NOT_POSITIVE_ERROR_MSG));
  }
  const policy = str(spec.persistentVolumeReclaimPolicy);
  if (policy !== '' && !RECLAIM_POLICIES.includes(policy)) errs.push(notSupported(child(field, 'persistentVolumeReclaimPolicy'), policy, RECLAIM_POLICIES));
  let nodeAffinitySpecified = false;
  const na = optObj(spec.nodeAffinity);
  if (na) {
    nodeAffinitySpecified = true;
    const req = optObj(na.required);
    if (req) errs.push(...validateNodeSelector(req, false, child(field, 'nodeAffinity', 'required')));
    else errs.push(required(child(field, 'nodeAffinity', 'required'), 'must specify required node constraints'));
  }
  let count = 0;
  for (const [k, forbiddenPath, validatePath, check] of PV_SOURCES) {
    const s = optObj(spec[k]);
    if (!s) continue;
    if (count > 0 && k !== 'flexVolume') {
      errs.push(forbidden(child(field, forbiddenPath), 'may not specify more than 1 volume type'));
      continue;
    }
    count++;
    errs.push(...check(s, child(field, validatePath), pvName));
    if (k === 'local' && !nodeAffinitySpecified) errs.push(required(child(field, 'nodeAffinity'), 'Local volume requires node affinity'));
  }
  if (count === 0) errs.push(required(field, 'must specify a volume type'));
  const hostPath = optObj(spec.hostPath);
  if (hostPath && cleanPath(str(hostPath.path)) === '/' && policy === 'Recycle') {
    errs.push(forbidden(child(field, 'persistentVolumeReclaimPolicy'), "may not be 'recycle' for a hostPath mount of '/'"));
  }
  const sc = str(spec.storageClassName);
  if (sc !== '') for (const msg of nameIsDNSSubdomain(sc, false)) errs.push(invalid(child(field, 'storageClassName'), sc, msg));
  const mode = optStr(spec.volumeMode);
  if (mode !== undefined && !VOLUME_MODES.includes(mode)) errs.push(notSupported(child(field, 'volumeMode'), mode, VOLUME_MODES));
  return errs;
}

/** path.Clean, enough to recognise the root. */
function cleanPath(p: string): string {
  const parts: string[] = [];
  for (const s of p.split('/')) {
    if (s === '' || s === '.') continue;
    if (s === '..') parts.pop();
    else parts.push(s);
  }
  return p.startsWith('/') ? `/${parts.join('/')}` : parts.join('/') || '.';
}

export function validatePersistentVolume(pv: Obj): FieldError[] {
  const name = str(obj(pv.metadata).name);
  return [...validateObjectMeta(pv.metadata, false, nameIsDNSSubdomain), ...validatePersistentVolumeSpec(pv.spec, name, 'spec')];
}

function pvSource(spec: Obj): Obj {
  const out: Obj = {};
  for (const k of PV_SOURCE_KEYS) if (k in spec) out[k] = spec[k];
  return out;
}

export function validatePersistentVolumeUpdate(pv: Obj, old: Obj): FieldError[] {
  const errs = validatePersistentVolume(pv);
  const newSpec = obj(pv.spec);
  const oldSpec = obj(old.spec);
  let newSource = pvSource(newSpec);
  const oldCSI = optObj(oldSpec.csi);
  const newCSI = optObj(newSpec.csi);
  // A controllerExpandSecretRef may be added to a volume that had none.
  if (oldCSI && !isSet(oldCSI.controllerExpandSecretRef) && newCSI && isSet(newCSI.controllerExpandSecretRef)) {
    const { controllerExpandSecretRef: _dropped, ...rest } = newCSI;
    newSource = { ...newSource, csi: rest };
  }
  const oldSource = pvSource(oldSpec);
  if (!semanticEqual(newSource, oldSource)) {
    errs.push(
      forbidden(
        child('spec', 'persistentvolumesource'),
        `spec.persistentvolumesource is immutable after creation\n${specDiff('core.PersistentVolumeSource', oldSource, newSource)}`,
      ),
    );
  }
  errs.push(...immutableField(optStr(newSpec.volumeMode), optStr(oldSpec.volumeMode), 'volumeMode', optStr(newSpec.volumeMode) ?? null));
  if (isSet(oldSpec.nodeAffinity) && !semanticEqual(newSpec.nodeAffinity, oldSpec.nodeAffinity)) {
    errs.push(invalid('nodeAffinity', isSet(newSpec.nodeAffinity) ? goValue(`core.VolumeNodeAffinity{Required:${goPointer('core.NodeSelector', isSet(obj(newSpec.nodeAffinity).required))}}`) : null, 'field is immutable, except for updating from beta label to GA'));
  }
  return errs;
}
