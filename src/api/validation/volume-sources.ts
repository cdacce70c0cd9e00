// The validation of each kind of volume source, shared by pod volumes and persistent volumes:
// the paths a source may name (relative, no ".." steps), file modes, key-to-path items,
// downward API field and resource selectors, and the required fields of each plugin.
// Errors use the field paths Kubernetes uses, including its historical quirks (a GCE disk
// is validated under "persistentDisk", downward API files under the volume, not the item).

import type { FieldError } from '../errors.js';
import { isQualifiedName } from '../labels/index.js';
import { arr, isSet, obj, optNum, optObj, optStr, str, strs, type Obj } from './access.js';
import { child, forbidden, index, invalid, key, notSupported, required, tooLong } from './field.js';
import { inclusiveRangeError, isConfigMapKey, nameIsDNSLabel, nameIsDNSSubdomain } from './names.js';
import { parseQuantity } from './resources.js';

export const FILE_MODE_ERROR_MSG = 'must be a number between 0 and 0777 (octal), both inclusive';

/** validatePathNoBacksteps: one error however many ".." elements. */
export function validatePathNoBacksteps(p: string, field: string): FieldError[] {
  return p.split('/').includes('..') ? [invalid(field, p, "must not contain '..'")] : [];
}

/** validateLocalDescendingPath: relative, no backsteps. */
export function validateLocalDescendingPath(p: string, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (p.startsWith('/')) errs.push(invalid(field, p, 'must be a relative path'));
  return [...errs, ...validatePathNoBacksteps(p, field)];
}

export function validateLocalNonReservedPath(p: string, field: string): FieldError[] {
  const errs = validateLocalDescendingPath(p, field);
  if (p.startsWith('..') && !p.startsWith('../')) errs.push(invalid(field, p, "must not start with '..'"));
  return errs;
}

function validateMode(mode: unknown, field: string): FieldError[] {
  const m = optNum(mode);
  return m !== undefined && (m > 0o777 || m < 0) ? [invalid(field, m, FILE_MODE_ERROR_MSG)] : [];
}

function validateKeyToPath(kp: Obj, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (str(kp.key) === '') errs.push(required(child(field, 'key')));
  if (str(kp.path) === '') errs.push(required(child(field, 'path')));
  errs.push(...validateLocalNonReservedPath(str(kp.path), child(field, 'path')));
  errs.push(...validateMode(kp.mode, child(field, 'mode')));
  return errs;
}

const HOST_PATH_TYPES = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];

export function validateHostPath(src: Obj, field: string): FieldError[] {
  const p = str(src.path);
  if (p === '') return [required(child(field, 'path'))];
  const errs = validatePathNoBacksteps(p, child(field, 'path'));
  const t = optStr(src.type);
  if (t !== undefined && !HOST_PATH_TYPES.includes(t)) errs.push(notSupported(child(field, 'type'), t, HOST_PATH_TYPES));
  return errs;
}

export function validateNFS(src: Obj, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (str(src.server) === '') errs.push(required(child(field, 'server')));
  if (str(src.path) === '') errs.push(required(child(field, 'path')));
  if (!str(src.path).startsWith('/')) errs.push(invalid(child(field, 'path'), str(src.path), 'must be an absolute path'));
  return errs;
}

function requiredFields(...names: string[]) {
  return (src: Obj, field: string): FieldError[] => names.filter((n) => str(src[n]) === '').map((n) => required(child(field, n)));
}

function partition(src: Obj, field: string): FieldError[] {
  const p = optNum(src.partition) ?? 0;
  return p < 0 || p > 255 ? [invalid(child(field, 'partition'), p, inclusiveRangeError(1, 255))] : [];
}

export const validateGCEPersistentDisk = (src: Obj, field: string) => [...requiredFields('pdName')(src, field), ...partition(src, field)];
export const validateAWSElasticBlockStore = (src: Obj, field: string) => [...requiredFields('volumeID')(src, field), ...partition(src, field)];

const IQN_RE = /^iqn\.\d{4}-\d{2}\.([A-Za-z0-9\-.]+)(:[^,;*&$|\s]+)$/;
const EUI_RE = /^eui.[A-Za-z0-9]{16}$/;
const NAA_RE = /^naa.[A-Za-z0-9]{32}$/;

function iqnErrors(value: string, field: string, prefixMessage: string): FieldError[] {
  if (!value.startsWith('iqn') && !value.startsWith('eui') && !value.startsWith('naa')) return [invalid(field, value, prefixMessage)];
  if ((value.startsWith('iqn') && !IQN_RE.test(value)) || (value.startsWith('eui') && !EUI_RE.test(value)) || (value.startsWith('naa') && !NAA_RE.test(value))) {
    return [invalid(field, value, 'must be valid format')];
  }
  return [];
}

export function validateISCSI(src: Obj, field: string, pvName?: string): FieldError[] {
  const errs: FieldError[] = [];
  const portal = str(src.targetPortal);
  if (portal === '') errs.push(required(child(field, 'targetPortal')));
  if (pvName !== undefined && isSet(src.initiatorName) && `${pvName}:${portal}`.length > 64) {
    errs.push(invalid(child(field, 'targetportal'), portal, 'Total length of <volume name>:<iscsi.targetPortal> must be under 64 characters if iscsi.initiatorName is specified.'));
  }
  const iqn = str(src.iqn);
  if (iqn === '') errs.push(required(child(field, 'iqn')));
  else errs.push(...iqnErrors(iqn, child(field, 'iqn'), pvName !== undefined ? 'must be valid format' : 'must be valid format starting with iqn, eui, or naa'));
  const lun = optNum(src.lun) ?? 0;
  if (lun < 0 || lun > 255) errs.push(invalid(child(field, 'lun'), lun, inclusiveRangeError(0, 255)));
  if ((src.chapAuthDiscovery === true || src.chapAuthSession === true) && !isSet(src.secretRef)) errs.push(required(child(field, 'secretRef')));
  if (pvName !== undefined && isSet(src.secretRef) && str(obj(src.secretRef).name) === '') errs.push(required(child(field, 'secretRef', 'name')));
  const initiator = optStr(src.initiatorName);
  if (initiator !== undefined) {
    errs.push(...iqnErrors(initiator, child(field, 'initiatorname'), pvName !== undefined ? 'must be valid format' : 'must be valid format starting with iqn, eui, or naa'));
  }
  return errs;
}

export function validateSecretVolume(src: Obj, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (str(src.secretName) === '') errs.push(required(child(field, 'secretName')));
  errs.push(...validateMode(src.defaultMode, child(field, 'defaultMode')));
  arr(src.items).forEach((kp, i) => errs.push(...validateKeyToPath(obj(kp), index(child(field, 'items'), i))));
  return errs;
}

export function validateConfigMapVolume(src: Obj, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (str(src.name) === '') errs.push(required(child(field, 'name')));
  errs.push(...validateMode(src.defaultMode, child(field, 'defaultMode')));
  arr(src.items).forEach((kp, i) => errs.push(...validateKeyToPath(obj(kp), index(child(field, 'items'), i))));
  return errs;
}

export const validateGlusterfs = requiredFields('endpoints', 'path');

export function validateGlusterfsPersistent(src: Obj, field: string): FieldError[] {
  const errs = requiredFields('endpoints', 'path')(src, field);
  const ns = optStr(src.endpointsNamespace);
  if (ns !== undefined) {
    if (ns === '') errs.push(invalid(child(field, 'endpointsNamespace'), ns, 'if the endpointnamespace is set, it must be a valid namespace name'));
    else for (const msg of nameIsDNSLabel(ns, false)) errs.push(invalid(child(field, 'endpointsNamespace'), ns, msg));
  }
  return errs;
}

export function validateFlocker(src: Obj, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(src.datasetName);
  const uuid = str(src.datasetUUID);
  if (name === '' && uuid === '') errs.push(required(field, 'one of datasetName and datasetUUID is required'));
  if (name !== '' && uuid !== '') errs.push(invalid(field, 'resource', 'datasetName and datasetUUID can not be specified simultaneously'));
  if (name.includes('/')) errs.push(invalid(child(field, 'datasetName'), name, "must not contain '/'"));
  return errs;
}

export function validateRBD(src: Obj, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (arr(src.monitors).length === 0) errs.push(required(child(field, 'monitors')));
  if (str(src.image) === '') errs.push(required(child(field, 'image')));
  return errs;
}

export function validateCinder(src: Obj, field: string, persistent: boolean): FieldError[] {
  const errs = requiredFields('volumeID')(src, field);
  const ref = optObj(src.secretRef);
  if (ref) {
    if (str(ref.name) === '') errs.push(required(child(field, 'secretRef', 'name')));
    if (persistent && str(ref.namespace) === '') errs.push(required(child(field, 'secretRef', 'namespace')));
  }
  return errs;
}

export function validateCephFS(src: Obj, field: string): FieldError[] {
  return arr(src.monitors).length === 0 ? [required(child(field, 'monitors'))] : [];
}

export function validateQuobyte(src: Obj, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const registry = str(src.registry);
  if (registry === '') {
    errs.push(required(child(field, 'registry'), 'must be a host:port pair or multiple pairs separated by commas'));
  } else if (str(src.tenant).length >= 65) {
    errs.push(required(child(field, 'tenant'), 'must be a UUID and may not exceed a length of 64 characters'));
  } else {
    for (const pair of registry.split(',')) {
      if (!/^(\[[^\]]*\]|[^:[\]]*):[^:]*$/.test(pair)) {
        errs.push(invalid(child(field, 'registry'), registry, 'must be a host:port pair or multiple pairs separated by commas'));
      }
    }
  }
  if (str(src.volume) === '') errs.push(required(child(field, 'volume')));
  return errs;
}

export function validateFC(src: Obj, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const wwns = arr(src.targetWWNs);
  const wwids = arr(src.wwids);
  if (wwns.length < 1 && wwids.length < 1) errs.push(required(child(field, 'targetWWNs'), 'must specify either targetWWNs or wwids, but not both'));
  if (wwns.length !== 0 && wwids.length !== 0) {
    errs.push(invalid(child(field, 'targetWWNs'), strs(src.targetWWNs), 'targetWWNs and wwids can not be specified simultaneously'));
  }
  if (wwns.length !== 0) {
    const lun = optNum(src.lun);
    if (lun === undefined) errs.push(required(child(field, 'lun'), 'lun is required if targetWWNs is specified'));
    else if (lun < 0 || lun > 255) errs.push(invalid(child(field, 'lun'), lun, inclusiveRangeError(0, 255)));
  }
  return errs;
}

export function validateFlexVolume(src: Obj, field: string): FieldError[] {
  const errs = requiredFields('driver')(src, field);
  for (const k of Object.keys(obj(src.options))) {
    const parts = k.split('/');
    const namespace = parts.length >= 2 ? parts[0]! : k;
    const normalized = `.${namespace.toLowerCase()}`;
    if (normalized.endsWith('.kubernetes.io') || normalized.endsWith('.k8s.io')) {
      errs.push(invalid(key(child(field, 'options'), k), k, 'kubernetes.io and k8s.io namespaces are reserved'));
    }
  }
  return errs;
}

export function validateAzureFile(src: Obj, field: string, persistent: boolean): FieldError[] {
  const errs = requiredFields('secretName', 'shareName')(src, field);
  if (persistent && optStr(src.secretNamespace) === '') errs.push(required(child(field, 'secretNamespace')));
  return errs;
}

const AZURE_CACHING = ['None', 'ReadOnly', 'ReadWrite'];
const AZURE_KINDS = ['Dedicated', 'Managed', 'Shared'];

export function validateAzureDisk(src: Obj, field: string): FieldError[] {
  const errs = requiredFields('diskName', 'diskURI')(src, field);
  const caching = optStr(src.cachingMode);
  if (caching !== undefined && !AZURE_CACHING.includes(caching)) errs.push(notSupported(child(field, 'cachingMode'), caching, AZURE_CACHING));
  const kind = optStr(src.kind);
  if (kind !== undefined && !AZURE_KINDS.includes(kind)) errs.push(notSupported(child(field, 'kind'), kind, AZURE_KINDS));
  const uri = str(src.diskURI);
  if (kind === 'Managed' && !uri.startsWith('/subscriptions/')) {
    errs.push(notSupported(child(field, 'diskURI'), uri, ['/subscriptions/{sub-id}/resourcegroups/{group-name}/providers/microsoft.compute/disks/{disk-id}']));
  }
  if (kind !== undefined && kind !== 'Managed' && !uri.startsWith('https://')) {
    errs.push(notSupported(child(field, 'diskURI'), uri, ['https://{account-name}.blob.core.windows.net/{container-name}/{disk-name}.vhd']));
  }
  return errs;
}

export const validateVsphere = requiredFields('volumePath');
export const validatePhoton = requiredFields('pdID');
export const validatePortworx = requiredFields('volumeID');
export const validateScaleIO = requiredFields('gateway', 'system', 'volumeName');

export function validateStorageOS(src: Obj, field: string, persistent: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(src.volumeName);
  if (name === '') errs.push(required(child(field, 'volumeName')));
  else for (const msg of nameIsDNSLabel(name, false)) errs.push(invalid(child(field, 'volumeName'), name, msg));
  const ns = str(src.volumeNamespace);
  if (ns !== '') for (const msg of nameIsDNSLabel(ns, false)) errs.push(invalid(child(field, 'volumeNamespace'), ns, msg));
  const ref = optObj(src.secretRef);
  if (ref) {
    if (str(ref.name) === '') errs.push(required(child(field, 'secretRef', 'name')));
    if (persistent && str(ref.namespace) === '') errs.push(required(child(field, 'secretRef', 'namespace')));
  }
  return errs;
}

export function validateCSIDriverName(driver: string, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (driver === '') errs.push(required(field));
  if (driver.length > 63) errs.push(tooLong(field, 63));
  for (const msg of nameIsDNSSubdomain(driver.toLowerCase(), false)) errs.push(invalid(field, driver, msg));
  return errs;
}

export function validateCSIVolume(src: Obj, field: string): FieldError[] {
  const errs = validateCSIDriverName(str(src.driver), child(field, 'driver'));
  const ref = optObj(src.nodePublishSecretRef);
  if (ref) {
    const name = str(ref.name);
    if (name === '') errs.push(required(child(field, 'nodePublishSecretRef', 'name')));
    else for (const msg of nameIsDNSSubdomain(name, false)) errs.push(invalid(child(field, 'name'), name, msg));
  }
  return errs;
}

function validatePVSecretReference(ref: Obj, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(ref.name);
  if (name === '') errs.push(required(child(field, 'name')));
  else for (const msg of nameIsDNSSubdomain(name, false)) errs.push(invalid(child(field, 'name'), name, msg));
  const ns = str(ref.namespace);
  if (ns === '') errs.push(required(child(field, 'namespace')));
  else for (const msg of nameIsDNSLabel(ns, false)) errs.push(invalid(child(field, 'namespace'), ns, msg));
  return errs;
}

export function validateCSIPersistent(src: Obj, field: string): FieldError[] {
  const errs = validateCSIDriverName(str(src.driver), child(field, 'driver'));
  if (str(src.volumeHandle) === '') errs.push(required(child(field, 'volumeHandle')));
  for (const ref of ['controllerPublishSecretRef', 'controllerExpandSecretRef', 'nodePublishSecretRef', 'nodeExpandSecretRef']) {
    const r = optObj(src[ref]);
    if (r) errs.push(...validatePVSecretReference(r, child(field, ref)));
  }
  return errs;
}

export function validateLocal(src: Obj, field: string): FieldError[] {
  const p = str(src.path);
  if (p === '') return [required(child(field, 'path'))];
  return validatePathNoBacksteps(p, child(field, 'path'));
}

export const VOLUME_ENV_FIELD_PATHS = ['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid'];
export const ENV_FIELD_PATHS = [
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.serviceAccountName',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
];

const CONVERTIBLE_FIELD_LABELS = new Set([
  'metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName',
  'spec.restartPolicy', 'spec.serviceAccountName', 'spec.schedulerName', 'status.phase', 'status.hostIP', 'status.hostIPs',
  'status.podIP', 'status.podIPs',
]);

/** fieldpath.SplitMaybeSubscriptedPath: "metadata.labels['key']". */
function splitSubscripted(p: string): [string, string] | undefined {
  if (!p.endsWith("']")) return undefined;
  const s = p.slice(0, -2);
  const i = s.indexOf("['");
  if (i <= 0) return undefined;
  return [s.slice(0, i), s.slice(i + 2)];
}

export function validateObjectFieldSelector(fs: Obj, expressions: readonly string[], field: string): FieldError[] {
  const apiVersion = str(fs.apiVersion);
  if (apiVersion === '') return [required(child(field, 'apiVersion'))];
  let fp = str(fs.fieldPath);
  if (fp === '') return [required(child(field, 'fieldPath'))];
  // ConvertDownwardAPIFieldLabel.
  let conversionError: string | undefined;
  if (apiVersion !== 'v1') conversionError = `unsupported pod version: ${apiVersion}`;
  else {
    const sub = splitSubscripted(fp);
    if (sub) {
      if (sub[0] !== 'metadata.annotations' && sub[0] !== 'metadata.labels') conversionError = `field label does not support subscript: ${fp}`;
    } else if (fp === 'spec.host') fp = 'spec.nodeName';
    else if (!CONVERTIBLE_FIELD_LABELS.has(fp)) conversionError = `field label not supported: ${fp}`;
  }
  if (conversionError) return [invalid(child(field, 'fieldPath'), str(fs.fieldPath), `error converting fieldPath: ${conversionError}`)];
  const sub = splitSubscripted(fp);
  if (sub) {
    const [path, subscript] = sub;
    const name = path === 'metadata.annotations' ? subscript.toLowerCase() : subscript;
    return isQualifiedName(name).map((msg) => invalid(field, name, msg));
  }
  if (!expressions.includes(fp)) return [notSupported(child(field, 'fieldPath'), fp, [...expressions].sort())];
  return [];
}

const RESOURCE_FIELD_PATHS = ['limits.cpu', 'limits.ephemeral-storage', 'limits.memory', 'requests.cpu', 'requests.ephemeral-storage', 'requests.memory'];
const MEMORY_DIVISORS = ['1', '1k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi', '1Gi', '1Ti', '1Pi', '1Ei'];

export function validateResourceFieldSelector(fs: Obj, field: string, volume: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const resource = str(fs.resource);
  if (volume && str(fs.containerName) === '') errs.push(required(child(field, 'containerName')));
  else if (resource === '') errs.push(required(child(field, 'resource')));
  else if (!RESOURCE_FIELD_PATHS.includes(resource) && !resource.startsWith('requests.hugepages-') && !resource.startsWith('limits.hugepages-')) {
    errs.push(notSupported(child(field, 'resource'), resource, RESOURCE_FIELD_PATHS));
  }
  const divisor = parseQuantity(fs.divisor);
  if (divisor && !divisor.isZero()) {
    const d = divisor.toString();
    const divPath = child(field, 'divisor');
    const memoryDetail = (what: string) => `only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the ${what} resource`;
    if ((resource === 'limits.cpu' || resource === 'requests.cpu') && d !== '1m' && d !== '1') {
      errs.push(invalid(divPath, resource, "only divisor's values 1m and 1 are supported with the cpu resource"));
    }
    if ((resource === 'limits.memory' || resource === 'requests.memory') && !MEMORY_DIVISORS.includes(d)) errs.push(invalid(divPath, resource, memoryDetail('memory')));
    if ((resource === 'limits.ephemeral-storage' || resource === 'requests.ephemeral-storage') && !MEMORY_DIVISORS.includes(d)) {
      errs.push(invalid(divPath, resource, memoryDetail('local ephemeral storage')));
    }
    if ((resource.startsWith('requests.hugepages-') || resource.startsWith('limits.hugepages-')) && !MEMORY_DIVISORS.includes(d)) {
      errs.push(invalid(divPath, resource, memoryDetail('hugepages')));
    }
  }
  return errs;
}

export function validateDownwardAPIFile(file: Obj, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const p = str(file.path);
  if (p === '') errs.push(required(child(field, 'path')));
  errs.push(...validateLocalNonReservedPath(p, child(field, 'path')));
  const fieldRef = optObj(file.fieldRef);
  const resourceRef = optObj(file.resourceFieldRef);
  if (fieldRef) {
    errs.push(...validateObjectFieldSelector(fieldRef, VOLUME_ENV_FIELD_PATHS, child(field, 'fieldRef')));
    if (resourceRef) errs.push(invalid(field, 'resource', 'fieldRef and resourceFieldRef can not be specified simultaneously'));
  } else if (resourceRef) {
    errs.push(...validateResourceFieldSelector(resourceRef, child(field, 'resourceFieldRef'), true));
  } else {
    errs.push(required(field, 'one of fieldRef and resourceFieldRef is required'));
  }
  errs.push(...validateMode(file.mode, child(field, 'mode')));
  return errs;
}

export function validateDownwardAPIVolume(src: Obj, field: string): FieldError[] {
  const errs = validateMode(src.defaultMode, child(field, 'defaultMode'));
  // Files are validated at the volume's path, as Kubernetes does.
  for (const f of arr(src.items)) errs.push(...validateDownwardAPIFile(obj(f), field));
  return errs;
}

export function validateProjected(src: Obj, field: string, allowNonLocalTokenPath = false): FieldError[] {
  const errs = validateMode(src.defaultMode, child(field, 'defaultMode'));
  const paths = new Set<string>();
  arr(src.sources).forEach((s, i) => {
    const source = obj(s);
    const srcPath = index(child(field, 'sources'), i);
    let count = 0;
    for (const kind of ['secret', 'configMap'] as const) {
      const ref = optObj(source[kind]);
      if (!ref) continue;
      count++;
      const projPath = child(srcPath, kind);
      if (str(ref.name) === '') errs.push(required(child(projPath, 'name')));
      arr(ref.items).forEach((kp, j) => {
        const item = obj(kp);
        errs.push(...validateKeyToPath(item, index(child(projPath, 'items'), j)));
        const p = str(item.path);
        if (p.length > 0) {
          if (paths.has(p)) errs.push(invalid(field, str(ref.name), 'conflicting duplicate paths'));
          else paths.add(p);
        }
      });
    }
    const downward = optObj(source.downwardAPI);
    if (downward) {
      count++;
      const projPath = child(srcPath, 'downwardAPI');
      for (const f of arr(downward.items)) {
        const file = obj(f);
        errs.push(...validateDownwardAPIFile(file, projPath));
        const p = str(file.path);
        if (p.length > 0) {
          if (paths.has(p)) errs.push(invalid(field, p, 'conflicting duplicate paths'));
          else paths.add(p);
        }
      }
    }
    const token = optObj(source.serviceAccountToken);
    if (token) {
      count++;
      const projPath = child(srcPath, 'serviceAccountToken');
      const exp = optNum(token.expirationSeconds) ?? 0;
      if (exp < 600) errs.push(invalid(child(projPath, 'expirationSeconds'), exp, 'may not specify a duration less than 10 minutes'));
      if (exp > 2 ** 32) errs.push(invalid(child(projPath, 'expirationSeconds'), exp, 'may not specify a duration larger than 2^32 seconds'));
      const p = str(token.path);
      if (p === '') errs.push(required(child(field, 'path')));
      else if (!allowNonLocalTokenPath) errs.push(...validateLocalNonReservedPath(p, child(field, 'path')));
    }
    const bundle = optObj(source.clusterTrustBundle);
    if (bundle) {
      count++;
      const projPath = child(srcPath, 'clusterTrustBundle');
      const usingName = isSet(bundle.name);
      const usingSigner = isSet(bundle.signerName);
      if (usingName && usingSigner) errs.push(invalid(projPath, bundle, 'only one of name and signerName may be used'));
      else if (usingName && str(bundle.name) === '') errs.push(required(child(projPath, 'name'), 'must be a valid object name'));
      else if (usingSigner && str(bundle.signerName) === '') errs.push(required(child(projPath, 'signerName'), 'must be a valid signer name'));
      else if (!usingName && !usingSigner) errs.push(required(projPath, 'either name or signerName must be specified'));
      const p = str(bundle.path);
      if (p === '') errs.push(required(child(projPath, 'path')));
      errs.push(...validateLocalNonReservedPath(p, child(projPath, 'path')));
      if (paths.has(p)) errs.push(invalid(field, p, 'conflicting duplicate paths'));
      else paths.add(p);
    }
    if (count > 1) errs.push(forbidden(srcPath, 'may not specify more than 1 volume type per source'));
  });
  return errs;
}

export function validateGitRepo(src: Obj, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (str(src.repository) === '') errs.push(required(child(field, 'repository')));
  errs.push(...validateLocalDescendingPath(str(src.directory), child(field, 'directory')));
  return errs;
}

export function validateEmptyDir(src: Obj, field: string): FieldError[] {
  const q = parseQuantity(src.sizeLimit);
  return q && q.sign() < 0 ? [forbidden(child(field, 'sizeLimit'), 'SizeLimit field must be a valid resource quantity')] : [];
}

export { isConfigMapKey };
