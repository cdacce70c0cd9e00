// A pod's volumes: unique DNS-label names, exactly one source each (the first one found wins
// and every further one is "may not specify more than 1 volume type"), each source validated,
// and generic ephemeral volumes whose claim names (pod name + "-" + volume name) must be valid.
// Returns the volumes that validated, by name, for the containers' mounts to refer to.

import type { FieldError } from '../errors.js';
import { objs, optObj, str, type Obj } from './access.js';
import { child, duplicate, forbidden, index, invalid, required } from './field.js';
import { nameIsDNSLabel, nameIsDNSSubdomain } from './names.js';
import { validatePersistentVolumeClaimTemplate } from './persistent-volume.js';
import { validatePullPolicy } from './container.js';
import * as src from './volume-sources.js';

interface Options {
  /** The pod's name, when validating a pod (not a template). */
  readonly podName?: string;
  readonly resourceIsPod: boolean;
}

type SourceCheck = [key: string, forbiddenPath: string, validatePath: string, check: (s: Obj, field: string, volName: string, opts: Options) => FieldError[]];

// Kubernetes' order; the middle column is where a second source is reported (its spelling,
// including "downwarAPI", is Kubernetes').
const SOURCES: SourceCheck[] = [
  ['emptyDir', 'emptyDir', 'emptyDir', (s, f) => src.validateEmptyDir(s, f)],
  ['hostPath', 'hostPath', 'hostPath', (s, f) => src.validateHostPath(s, f)],
  ['gitRepo', 'gitRepo', 'gitRepo', (s, f) => src.validateGitRepo(s, f)],
  ['gcePersistentDisk', 'gcePersistentDisk', 'persistentDisk', (s, f) => src.validateGCEPersistentDisk(s, f)],
  ['awsElasticBlockStore', 'awsElasticBlockStore', 'awsElasticBlockStore', (s, f) => src.validateAWSElasticBlockStore(s, f)],
  ['secret', 'secret', 'secret', (s, f) => src.validateSecretVolume(s, f)],
  ['nfs', 'nfs', 'nfs', (s, f) => src.validateNFS(s, f)],
  ['iscsi', 'iscsi', 'iscsi', (s, f) => src.validateISCSI(s, f)],
  ['glusterfs', 'glusterfs', 'glusterfs', (s, f) => src.validateGlusterfs(s, f)],
  ['flocker', 'flocker', 'flocker', (s, f) => src.validateFlocker(s, f)],
  ['persistentVolumeClaim', 'persistentVolumeClaim', 'persistentVolumeClaim', (s, f) => (str(s.claimName) === '' ? [required(child(f, 'claimName'))] : [])],
  ['rbd', 'rbd', 'rbd', (s, f) => src.validateRBD(s, f)],
  ['cinder', 'cinder', 'cinder', (s, f) => src.validateCinder(s, f, false)],
  ['cephfs', 'cephFS', 'cephfs', (s, f) => src.validateCephFS(s, f)],
  ['quobyte', 'quobyte', 'quobyte', (s, f) => src.validateQuobyte(s, f)],
  ['downwardAPI', 'downwarAPI', 'downwardAPI', (s, f) => src.validateDownwardAPIVolume(s, f)],
  ['fc', 'fc', 'fc', (s, f) => src.validateFC(s, f)],
  ['flexVolume', 'flexVolume', 'flexVolume', (s, f) => src.validateFlexVolume(s, f)],
  ['configMap', 'configMap', 'configMap', (s, f) => src.validateConfigMapVolume(s, f)],
  ['azureFile', 'azureFile', 'azureFile', (s, f) => src.validateAzureFile(s, f, false)],
  ['vsphereVolume', 'vsphereVolume', 'vsphereVolume', (s, f) => src.validateVsphere(s, f)],
  ['photonPersistentDisk', 'photonPersistentDisk', 'photonPersistentDisk', (s, f) => src.validatePhoton(s, f)],
  ['portworxVolume', 'portworxVolume', 'portworxVolume', (s, f) => src.validatePortworx(s, f)],
  ['azureDisk', 'azureDisk', 'azureDisk', (s, f) => src.validateAzureDisk(s, f)],
  ['storageos', 'storageos', 'storageos', (s, f) => src.validateStorageOS(s, f, false)],
  ['projected', 'projected', 'projected', (s, f) => src.validateProjected(s, f)],
  ['scaleIO', 'scaleIO', 'scaleIO', (s, f) => src.validateScaleIO(s, f)],
  ['csi', 'csi', 'csi', (s, f) => src.validateCSIVolume(s, f)],
  ['ephemeral', 'ephemeral', 'ephemeral', validateEphemeral],
  ['image', 'image', 'image', validateImage],
];

function validateEphemeral(s: Obj, field: string): FieldError[] {
  const template = optObj(s.volumeClaimTemplate);
  if (!template) return [required(child(field, 'volumeClaimTemplate'))];
  return validatePersistentVolumeClaimTemplate(template, child(field, 'volumeClaimTemplate'));
}

function validateImage(s: Obj, field: string, _volName: string, opts: Options): FieldError[] {
  const errs: FieldError[] = [];
  if (opts.resourceIsPod && str(s.reference) === '') errs.push(required(child(field, 'reference')));
  errs.push(...validatePullPolicy(str(s.pullPolicy), child(field, 'pullPolicy')));
  return errs;
}

function validateVolumeSource(vol: Obj, field: string, volName: string, opts: Options): FieldError[] {
  const errs: FieldError[] = [];
  let count = 0;
  for (const [k, forbiddenPath, validatePath, check] of SOURCES) {
    const s = optObj(vol[k]);
    if (!s) continue;
    if (count > 0) {
      errs.push(forbidden(child(field, forbiddenPath), 'may not specify more than 1 volume type'));
      continue;
    }
    count++;
    errs.push(...check(s, child(field, validatePath), volName, opts));
    if (k === 'iscsi' && s.initiatorName !== undefined && `${volName}:${str(s.targetPortal)}`.length > 64) {
      errs.push(
        invalid(child(field, 'name'), volName, 'Total length of <volume name>:<iscsi.targetPortal> must be under 64 characters if iscsi.initiatorName is specified.'),
      );
    }
    if (k === 'ephemeral' && opts.podName && volName !== '') {
      const pvcName = `${opts.podName}-${volName}`;
      for (const msg of nameIsDNSSubdomain(pvcName, false)) errs.push(invalid(child(field, 'name'), volName, `PVC name "${pvcName}": ${msg}`));
    }
  }
  if (count === 0) errs.push(required(field, 'must specify a volume type'));
  return errs;
}

export function validateVolumes(volumes: unknown, field: string, opts: Options): { volumes: Map<string, Obj>; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const valid = new Map<string, Obj>();
  const list = objs(volumes);
  const createdClaims = new Set<string>();
  if (opts.podName) for (const v of list) if (optObj(v.ephemeral)) createdClaims.add(`${opts.podName}-${str(v.name)}`);
  list.forEach((vol, i) => {
    const p = index(field, i);
    const namePath = child(p, 'name');
    const name = str(vol.name);
    const el = validateVolumeSource(vol, p, name, opts);
    if (name === '') el.push(required(namePath));
    else for (const msg of nameIsDNSLabel(name, false)) el.push(invalid(namePath, name, msg));
    if (valid.has(name)) el.push(duplicate(namePath, name));
    if (el.length === 0) valid.set(name, vol);
    else errors.push(...el);
    const claim = optObj(vol.persistentVolumeClaim);
    if (claim && createdClaims.has(str(claim.claimName))) {
      errors.push(invalid(child(p, 'persistentVolumeClaim', 'claimName'), str(claim.claimName), 'must not reference a PVC that gets created for an ephemeral volume'));
    }
  });
  return { volumes: valid, errors };
}
