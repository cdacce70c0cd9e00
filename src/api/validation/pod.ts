// Pods, pod templates and the pod spec they share (ValidatePodSpec, ValidatePodCreate,
// ValidatePodUpdate, ValidatePodTemplateSpec): volumes, containers, restart and DNS policies,
// the pod security context, scheduling constraints, DNS config and the annotations with
// pod-specific meaning. On update a pod's spec is frozen except container images,
// activeDeadlineSeconds (only shortened), added tolerations and removed scheduling gates;
// anything else is the single "pod updates may not change fields other than ..." error,
// followed by a diff (see diff.ts for why it cannot match Kubernetes' byte for byte).

import type { FieldError } from '../errors.js';
import { validateLabels } from '../labels/index.js';
import { arr, isObj, isSet, num, obj, objs, optNum, optObj, optStr, optStrMap, semanticEqual, str, strs, type Obj } from './access.js';
import { checkHostPortConflicts, validateAppArmorProfile, validateContainers, validateEphemeralContainers, validateInitContainers, validateSeccompProfile, type ContainerContext } from './container.js';
import { validateAffinity, validateTolerations, validateTopologySpreadConstraints } from './affinity.js';
import { child, duplicate, forbidden, index, invalid, key, notSupported, required } from './field.js';
import { specDiff } from './diff.js';
import { validateAnnotations, validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import { inclusiveRangeError, isDNS1123Subdomain, isQualifiedName, isValidGroupID, isValidUserID, nameIsDNSLabel, nameIsDNSSubdomain } from './names.js';
import { isValidIP } from './net.js';
import { validateResourceRequirements } from './resources.js';
import { validateLocalDescendingPath } from './volume-sources.js';
import { validateVolumes } from './volume.js';

const MAX_INT32 = 2147483647;
const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';
const TOLERATIONS_ANNOTATION = 'scheduler.alpha.kubernetes.io/tolerations';
const POD_DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';
const SECCOMP_POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_CONTAINER_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';
const APPARMOR_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

export interface PodSpecOptions {
  /** Set when validating a pod (its name matters for ephemeral volume claims). */
  readonly podName?: string;
  readonly resourceIsPod: boolean;
}

function validateSeccompAnnotation(p: string, field: string): FieldError[] {
  if (p === 'runtime/default' || p === 'docker/default' || p === 'unconfined') return [];
  if (p.startsWith('localhost/')) return validateLocalDescendingPath(p.slice('localhost/'.length), field);
  return [invalid(field, p, 'must be a valid seccomp profile')];
}

function podHasContainer(spec: Obj, name: string): boolean {
  return [...objs(spec.containers), ...objs(spec.initContainers), ...objs(spec.ephemeralContainers)].some((c) => str(c.name) === name);
}

/** Pod deletion cost: an int32 with no '+' and no leading zeros. */
function validDeletionCost(v: string): boolean {
  if (!/^-?(0|[1-9][0-9]*)$/.test(v)) return false;
  const n = Number(v);
  return n >= -2147483648 && n <= MAX_INT32;
}

/** ValidatePodSpecificAnnotations. */
export function validatePodSpecificAnnotations(annotations: unknown, spec: Obj, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const ann = optStrMap(annotations) ?? {};
  if (MIRROR_POD_ANNOTATION in ann && str(spec.nodeName) === '') {
    errs.push(invalid(key(field, MIRROR_POD_ANNOTATION), ann[MIRROR_POD_ANNOTATION], 'must set spec.nodeName if mirror pod annotation is set'));
  }
  if ((ann[TOLERATIONS_ANNOTATION] ?? '') !== '') {
    let tolerations: unknown;
    try {
      tolerations = JSON.parse(ann[TOLERATIONS_ANNOTATION]!);
    } catch (err) {
      errs.push(invalid(field, TOLERATIONS_ANNOTATION, (err as Error).message));
    }
    if (Array.isArray(tolerations) && tolerations.length > 0) errs.push(...validateTolerations(tolerations, child(field, TOLERATIONS_ANNOTATION)));
  }
  if (POD_DELETION_COST in ann && !validDeletionCost(ann[POD_DELETION_COST]!)) {
    errs.push(invalid(key(field, POD_DELETION_COST), ann[POD_DELETION_COST], 'must be a 32bit integer'));
  }
  if (SECCOMP_POD_ANNOTATION in ann) errs.push(...validateSeccompAnnotation(ann[SECCOMP_POD_ANNOTATION]!, child(field, SECCOMP_POD_ANNOTATION)));
  for (const [k, v] of Object.entries(ann)) {
    if (k.startsWith(SECCOMP_CONTAINER_PREFIX)) errs.push(...validateSeccompAnnotation(v, child(field, k)));
  }
  for (const [k, v] of Object.entries(ann)) {
    if (!k.startsWith(APPARMOR_PREFIX)) continue;
    const container = k.slice(APPARMOR_PREFIX.length);
    if (!podHasContainer(spec, container)) errs.push(invalid(key(field, k), container, 'container not found'));
    if (v !== '' && v !== 'runtime/default' && v !== 'unconfined' && !v.startsWith('localhost/')) {
      errs.push(invalid(key(field, k), v, `invalid AppArmor profile name: "${v}"`));
    }
  }
  return errs;
}

function validatePodResourceClaims(claims: unknown, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  objs(claims).forEach((claim, i) => {
    const p = index(field, i);
    const name = str(claim.name);
    if (name === '') errs.push(required(child(p, 'name')));
    else if (names.has(name)) errs.push(duplicate(child(p, 'name'), name));
    else {
      for (const m of nameIsDNSLabel(name, false)) errs.push(invalid(child(p, 'name'), name, m));
      names.add(name);
    }
    const claimName = optStr(claim.resourceClaimName);
    const templateName = optStr(claim.resourceClaimTemplateName);
    if (claimName !== undefined && templateName !== undefined) {
      errs.push(invalid(p, claim, 'at most one of `resourceClaimName` or `resourceClaimTemplateName` may be specified'));
    }
    if (claimName === undefined && templateName === undefined) {
      errs.push(invalid(p, claim, 'must specify one of: `resourceClaimName`, `resourceClaimTemplateName`'));
    }
    if (claimName !== undefined) for (const m of nameIsDNSSubdomain(claimName, false)) errs.push(invalid(child(p, 'resourceClaimName'), claimName, m));
    if (templateName !== undefined) {
      for (const m of nameIsDNSSubdomain(templateName, false)) errs.push(invalid(child(p, 'resourceClaimTemplateName'), templateName, m));
    }
  });
  return errs;
}

const SYSCTL_SEGMENT = '[a-z0-9]([-_a-z0-9]*[a-z0-9])?';
const SYSCTL_RE = new RegExp(`^(${SYSCTL_SEGMENT}[\\./])*${SYSCTL_SEGMENT}$`);

function sysctlNamespace(name: string): 'net' | 'ipc' | undefined {
  const n = name.replace(/\//g, '.');
  if (n.startsWith('net.')) return 'net';
  if (n === 'kernel.sem' || n.startsWith('kernel.shm') || n.startsWith('kernel.msg') || n.startsWith('fs.mqueue.')) return 'ipc';
  return undefined;
}

function validatePodSecurityContext(spec: Obj, field: string): FieldError[] {
  const sc = optObj(spec.securityContext);
  const errs: FieldError[] = [];
  if (!sc) return errs;
  for (const f of ['fsGroup', 'runAsUser', 'runAsGroup'] as const) {
    const v = optNum(sc[f]);
    if (v === undefined) continue;
    const check = f === 'runAsUser' ? isValidUserID : isValidGroupID;
    for (const m of check(v)) errs.push(invalid(child(field, f), v, m));
  }
  arr(sc.supplementalGroups).forEach((g, i) => {
    for (const m of isValidGroupID(num(g))) errs.push(invalid(index(child(field, 'supplementalGroups'), i), num(g), m));
  });
  if (spec.shareProcessNamespace === true && spec.hostPID === true) {
    errs.push(invalid(child(field, 'shareProcessNamespace'), true, 'ShareProcessNamespace and HostPID cannot both be enabled'));
  }
  const seen = new Set<string>();
  objs(sc.sysctls).forEach((s, i) => {
    const p = child(index(child(field, 'sysctls'), i), 'name');
    const name = str(s.name);
    if (name === '') errs.push(required(p));
    else if (name.length > 253 || !SYSCTL_RE.test(name)) {
      errs.push(invalid(p, name, `must have at most 253 characters and match regex ${SYSCTL_RE.source}`));
    } else if (seen.has(name)) errs.push(duplicate(p, name));
    const ns = sysctlNamespace(name);
    if (spec.hostNetwork === true && ns === 'net') errs.push(invalid(p, name, "may not be specified when 'hostNetwork' is true"));
    else if (spec.hostIPC === true && ns === 'ipc') errs.push(invalid(p, name, "may not be specified when 'hostIPC' is true"));
    seen.add(name);
  });
  const fsgcp = optStr(sc.fsGroupChangePolicy);
  if (fsgcp !== undefined && fsgcp !== 'Always' && fsgcp !== 'OnRootMismatch') {
    errs.push(notSupported(child(field, 'fsGroupChangePolicy'), fsgcp, ['Always', 'OnRootMismatch']));
  }
  errs.push(...validateSeccompProfile(sc.seccompProfile, child(field, 'seccompProfile')));
  errs.push(...validateAppArmorProfile(sc.appArmorProfile, child(field, 'appArmorProfile')));
  const sgp = optStr(sc.supplementalGroupsPolicy);
  if (sgp !== undefined && sgp !== 'Merge' && sgp !== 'Strict') {
    errs.push(notSupported(child(field, 'supplementalGroupsPolicy'), sgp, ['Merge', 'Strict']));
  }
  return errs;
}

function validateDNSConfig(spec: Obj, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const config = optObj(spec.dnsConfig);
  if (str(spec.dnsPolicy) === 'None') {
    if (!config) return [required(field, 'must provide `dnsConfig` when `dnsPolicy` is None')];
    if (arr(config.nameservers).length === 0) return [required(child(field, 'nameservers'), 'must provide at least one DNS nameserver when `dnsPolicy` is None')];
  }
  if (!config) return errs;
  const nameservers = strs(config.nameservers);
  if (nameservers.length > 3) errs.push(invalid(child(field, 'nameservers'), nameservers, 'must not have more than 3 nameservers'));
  nameservers.forEach((ns, i) => errs.push(...isValidIP(index(child(field, 'nameservers'), i), ns)));
  const searches = strs(config.searches);
  if (searches.length > 32) errs.push(invalid(child(field, 'searches'), searches, 'must not have more than 32 search paths'));
  if (searches.join(' ').length > 2048) {
    errs.push(invalid(child(field, 'searches'), searches, 'must not have more than 2048 characters (including spaces) in the search list'));
  }
  searches.forEach((s, i) => {
    const trimmed = s.endsWith('.') ? s.slice(0, -1) : s;
    for (const m of isDNS1123Subdomain(trimmed)) errs.push(invalid(index(child(field, 'searches'), i), trimmed, m));
  });
  objs(config.options).forEach((o, i) => {
    if (str(o.name) === '') errs.push(required(index(child(field, 'options'), i), 'must not be empty'));
  });
  return errs;
}

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];

function validateEnum(value: string, valid: readonly string[], field: string): FieldError[] {
  if (valid.includes(value)) return [];
  if (value === '') return [required(field)];
  return [notSupported(field, value, valid)];
}

const WINDOWS_POD_FORBIDDEN: [string, string][] = [
  ['appArmorProfile', 'securityContext'],
  ['seLinuxOptions', 'securityContext'],
  ['seccompProfile', 'securityContext'],
  ['fsGroup', 'securityContext'],
  ['fsGroupChangePolicy', 'securityContext'],
  ['sysctls', 'securityContext'],
  ['runAsUser', 'securityContext'],
  ['runAsGroup', 'securityContext'],
  ['supplementalGroups', 'securityContext'],
  ['supplementalGroupsPolicy', 'securityContext'],
];

const WINDOWS_CONTAINER_FORBIDDEN = [
  'appArmorProfile',
  'seLinuxOptions',
  'seccompProfile',
  'capabilities',
  'readOnlyRootFilesystem',
  'privileged',
  'allowPrivilegeEscalation',
  'procMount',
  'runAsUser',
  'runAsGroup',
];

function visitContainers(spec: Obj, field: string, fn: (c: Obj, path: string) => void): void {
  objs(spec.initContainers).forEach((c, i) => fn(c, index(child(field, 'initContainers'), i)));
  objs(spec.containers).forEach((c, i) => fn(c, index(child(field, 'containers'), i)));
  objs(spec.ephemeralContainers).forEach((c, i) => fn(c, index(child(field, 'ephemeralContainers'), i)));
}

function validateOS(spec: Obj, field: string): FieldError[] {
  const os = optObj(spec.os);
  if (!os) return [];
  const name = str(os.name);
  if (name === '') return [required(child(field, 'os', 'name'), 'cannot be empty')];
  if (name !== 'linux' && name !== 'windows') return [notSupported(child(field, 'os'), name, ['linux', 'windows'])];
  const errs: FieldError[] = [];
  const sc = obj(spec.securityContext);
  if (name === 'linux') {
    if (isSet(sc.windowsOptions)) errs.push(forbidden(child(field, 'securityContext', 'windowsOptions'), 'windows options cannot be set for a linux pod'));
    visitContainers(spec, field, (c, p) => {
      if (isSet(obj(c.securityContext).windowsOptions)) errs.push(forbidden(child(p, 'securityContext', 'windowsOptions'), 'windows options cannot be set for a linux pod'));
    });
    return errs;
  }
  if (isSet(spec.securityContext)) {
    for (const [f] of WINDOWS_POD_FORBIDDEN.slice(0, 2)) if (isSet(sc[f])) errs.push(forbidden(child(field, 'securityContext', f), 'cannot be set for a windows pod'));
    if (isSet(spec.hostUsers)) errs.push(forbidden(child(field, 'hostUsers'), 'cannot be set for a windows pod'));
    if (spec.hostPID === true) errs.push(forbidden(child(field, 'hostPID'), 'cannot be set for a windows pod'));
    if (spec.hostIPC === true) errs.push(forbidden(child(field, 'hostIPC'), 'cannot be set for a windows pod'));
    for (const [f] of WINDOWS_POD_FORBIDDEN.slice(2, 6)) {
      if (f === 'sysctls' ? arr(sc.sysctls).length > 0 : isSet(sc[f])) errs.push(forbidden(child(field, 'securityContext', f), 'cannot be set for a windows pod'));
    }
    if (isSet(spec.shareProcessNamespace)) errs.push(forbidden(child(field, 'shareProcessNamespace'), 'cannot be set for a windows pod'));
    for (const [f] of WINDOWS_POD_FORBIDDEN.slice(6)) if (isSet(sc[f])) errs.push(forbidden(child(field, 'securityContext', f), 'cannot be set for a windows pod'));
  }
  visitContainers(spec, field, (c, p) => {
    const csc = optObj(c.securityContext);
    if (!csc) return;
    for (const f of WINDOWS_CONTAINER_FORBIDDEN) if (isSet(csc[f])) errs.push(forbidden(child(p, 'securityContext', f), 'cannot be set for a windows pod'));
  });
  return errs;
}

/** ValidatePodSpec. */
export function validatePodSpec(specValue: unknown, field: string, opts: PodSpecOptions): FieldError[] {
  const spec = obj(specValue);
  const errs: FieldError[] = [];
  const gracePeriod = optNum(spec.terminationGracePeriodSeconds);
  if (gracePeriod === undefined) errs.push(required(child(field, 'terminationGracePeriodSeconds')));
  const hostUsers = spec.hostUsers !== false;
  const vols = validateVolumes(spec.volumes, child(field, 'volumes'), { podName: opts.podName, resourceIsPod: opts.resourceIsPod });
  errs.push(...vols.errors);
  const claimNames = new Set(objs(spec.resourceClaims).map((c) => str(c.name)).filter((n) => n !== ''));
  errs.push(...validatePodResourceClaims(spec.resourceClaims, child(field, 'resourceClaims')));
  const ctx: ContainerContext = {
    volumes: vols.volumes,
    podClaimNames: claimNames,
    gracePeriod,
    podRestartPolicy: str(spec.restartPolicy),
    hostUsers,
  };
  errs.push(...validateContainers(spec.containers, ctx, child(field, 'containers')));
  errs.push(...validateInitContainers(spec.initContainers, spec.containers, ctx, child(field, 'initContainers')));
  errs.push(...validateEphemeralContainers(spec.ephemeralContainers, spec, ctx, child(field, 'ephemeralContainers')));
  if (spec.hostNetwork === true) {
    objs(spec.containers).forEach((c, i) => {
      objs(c.ports).forEach((port, j) => {
        const hp = num(port.hostPort);
        const cp = num(port.containerPort);
        if ((opts.resourceIsPod || hp !== 0) && hp !== cp) {
          errs.push(invalid(child(index(child(index(child(field, 'containers'), i), 'ports'), j), 'hostPort'), hp, 'must match `containerPort` when `hostNetwork` is true'));
        }
      });
    });
  }
  errs.push(...validateEnum(str(spec.restartPolicy), RESTART_POLICIES, child(field, 'restartPolicy')));
  errs.push(...validateEnum(str(spec.dnsPolicy), DNS_POLICIES, child(field, 'dnsPolicy')));
  errs.push(...validateLabels(optStrMap(spec.nodeSelector), child(field, 'nodeSelector')));
  errs.push(...validatePodSecurityContext(spec, child(field, 'securityContext')));
  errs.push(...validateAffinity(spec.affinity, child(field, 'affinity')));
  errs.push(...validateDNSConfig(spec, child(field, 'dnsConfig')));
  objs(spec.readinessGates).forEach((g, i) => {
    const ct = str(g.conditionType);
    for (const m of isQualifiedName(ct)) errs.push(invalid(child(index(child(field, 'readinessGates'), i), 'conditionType'), ct, m));
  });
  const gates = new Set<string>();
  objs(spec.schedulingGates).forEach((g, i) => {
    const p = index(child(field, 'schedulingGates'), i);
    const name = str(g.name);
    for (const m of isQualifiedName(name)) errs.push(invalid(p, name, m));
    if (gates.has(name)) errs.push(duplicate(p, name));
    gates.add(name);
  });
  errs.push(...validateTopologySpreadConstraints(spec.topologySpreadConstraints, child(field, 'topologySpreadConstraints')));
  if (!hostUsers) {
    if (spec.hostNetwork === true) errs.push(forbidden(child(field, 'hostNetwork'), 'when `pod.Spec.HostUsers` is false'));
    if (spec.hostPID === true) errs.push(forbidden(child(field, 'HostPID'), 'when `pod.Spec.HostUsers` is false'));
    if (spec.hostIPC === true) errs.push(forbidden(child(field, 'HostIPC'), 'when `pod.Spec.HostUsers` is false'));
  }
  const sa = str(spec.serviceAccountName);
  if (sa.length > 0) for (const m of nameIsDNSSubdomain(sa, false)) errs.push(invalid(child(field, 'serviceAccountName'), sa, m));
  const nodeName = str(spec.nodeName);
  if (nodeName.length > 0) for (const m of nameIsDNSSubdomain(nodeName, false)) errs.push(invalid(child(field, 'nodeName'), nodeName, m));
  const ads = optNum(spec.activeDeadlineSeconds);
  if (ads !== undefined && (ads < 1 || ads > MAX_INT32)) errs.push(invalid(child(field, 'activeDeadlineSeconds'), ads, inclusiveRangeError(1, MAX_INT32)));
  for (const f of ['hostname', 'subdomain']) {
    const v = str(spec[f]);
    if (v.length > 0) for (const m of nameIsDNSLabel(v, false)) errs.push(invalid(child(field, f), v, m));
  }
  if (arr(spec.tolerations).length > 0) errs.push(...validateTolerations(spec.tolerations, child(field, 'tolerations')));
  objs(spec.hostAliases).forEach((ha, i) => {
    const p = index(child(field, 'hostAliases'), i);
    errs.push(...isValidIP(child(p, 'ip'), str(ha.ip)));
    strs(ha.hostnames).forEach((h, j) => {
      for (const m of isDNS1123Subdomain(h)) errs.push(invalid(index(child(p, 'hostnames'), j), h, m));
    });
  });
  const pcn = str(spec.priorityClassName);
  if (pcn.length > 0) for (const m of nameIsDNSSubdomain(pcn, false)) errs.push(invalid(child(field, 'priorityClassName'), pcn, m));
  const rcn = optStr(spec.runtimeClassName);
  if (rcn !== undefined) for (const m of nameIsDNSSubdomain(rcn, false)) errs.push(invalid(child(field, 'runtimeClassName'), rcn, m));
  const pp = optStr(spec.preemptionPolicy);
  if (pp !== undefined) errs.push(...validateEnum(pp, ['PreemptLowerPriority', 'Never'], child(field, 'preemptionPolicy')));
  if (isObj(spec.overhead)) errs.push(...validateResourceRequirements({ limits: spec.overhead }, new Set(), child(field, 'overhead')));
  errs.push(...validateOS(spec, field));
  return errs;
}

function validateImageWhitespace(containers: unknown, field: string): FieldError[] {
  const errs: FieldError[] = [];
  objs(containers).forEach((c, i) => {
    const image = str(c.image);
    if (image.length !== image.trim().length) errs.push(invalid(child(index(field, i), 'image'), image, 'must not have leading or trailing whitespace'));
  });
  return errs;
}

function validatePodMetadataAndSpec(pod: Obj): FieldError[] {
  const spec = obj(pod.spec);
  const errs = validateObjectMeta(pod.metadata, true, nameIsDNSSubdomain);
  errs.push(...validatePodSpecificAnnotations(obj(pod.metadata).annotations, spec, child('metadata', 'annotations')));
  errs.push(...validatePodSpec(spec, 'spec', { podName: str(obj(pod.metadata).name) || undefined, resourceIsPod: true }));
  if (str(spec.serviceAccountName) === '') {
    objs(spec.volumes).forEach((v, vi) => {
      const projected = optObj(v.projected);
      if (!projected) return;
      objs(projected.sources).forEach((s, si) => {
        if (isSet(s.serviceAccountToken)) {
          errs.push(forbidden(`spec.volumes[${vi}].projected.sources[${si}].serviceAccountToken`, 'must not be specified when serviceAccountName is not set'));
        }
      });
    });
  }
  errs.push(...validateImageWhitespace(spec.containers, 'spec.containers'));
  errs.push(...validateImageWhitespace(spec.initContainers, 'spec.initContainers'));
  return errs;
}

/** ValidatePodCreate. */
export function validatePod(pod: Obj): FieldError[] {
  const errs = validatePodMetadataAndSpec(pod);
  const spec = obj(pod.spec);
  if (arr(spec.ephemeralContainers).length > 0) errs.push(forbidden('spec.ephemeralContainers', 'cannot be set on create'));
  if (str(spec.nodeName) !== '' && arr(spec.schedulingGates).length !== 0) {
    errs.push(forbidden('spec.nodeName', 'cannot be set until all schedulingGates have been cleared'));
  }
  return errs;
}

const UPDATABLE_POD_SPEC_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

function validateContainerUpdates(now: unknown, before: unknown, field: string): { errs: FieldError[]; stop: boolean } {
  const a = objs(now);
  if (a.length !== objs(before).length) return { errs: [forbidden(field, 'pod updates may not add or remove containers')], stop: true };
  const errs: FieldError[] = [];
  a.forEach((c, i) => {
    const image = str(c.image);
    if (image === '') errs.push(required(child(index(field, i), 'image')));
    if (image.trim().length !== image.length) errs.push(invalid(child(index(field, i), 'image'), image, 'must not have leading or trailing whitespace'));
  });
  return { errs, stop: false };
}

function podSpecificAnnotationUpdates(pod: Obj, old: Obj): FieldError[] {
  const errs: FieldError[] = [];
  const now = optStrMap(obj(pod.metadata).annotations) ?? {};
  const before = optStrMap(obj(old.metadata).annotations) ?? {};
  const field = 'metadata.annotations';
  for (const [k, v] of Object.entries(before)) {
    if (k in now && now[k] === v) continue;
    if (k.startsWith(APPARMOR_PREFIX)) errs.push(forbidden(key(field, k), 'may not remove or update AppArmor annotations'));
    if (k === MIRROR_POD_ANNOTATION) errs.push(forbidden(key(field, k), 'may not remove or update mirror pod annotation'));
  }
  for (const k of Object.keys(now)) {
    if (k in before) continue;
    if (k.startsWith(APPARMOR_PREFIX)) errs.push(forbidden(key(field, k), 'may not add AppArmor annotations'));
    if (k === MIRROR_POD_ANNOTATION) errs.push(forbidden(key(field, k), 'may not add mirror pod annotation'));
  }
  return [...errs, ...validatePodSpecificAnnotations(now, obj(pod.spec), field)];
}

function tolerationAdditionsOnly(now: unknown, before: unknown): FieldError[] {
  const current = objs(now);
  for (const old of objs(before)) {
    const found = current.some((t) => semanticEqual({ ...old, tolerationSeconds: t.tolerationSeconds }, t));
    if (!found) return [forbidden('spec.tolerations', 'existing toleration can not be modified except its tolerationSeconds')];
  }
  return validateTolerations(now, 'spec.tolerations');
}

/** ValidatePodUpdate. */
export function validatePodUpdate(pod: Obj, old: Obj): FieldError[] {
  const errs = validateObjectMetaUpdate(pod.metadata, old.metadata);
  errs.push(...validatePodMetadataAndSpec(pod));
  errs.push(...podSpecificAnnotationUpdates(pod, old));
  const spec = obj(pod.spec);
  const oldSpec = obj(old.spec);
  for (const list of ['containers', 'initContainers']) {
    const r = validateContainerUpdates(spec[list], oldSpec[list], child('spec', list));
    errs.push(...r.errs);
    if (r.stop) return errs;
  }
  const ads = optNum(spec.activeDeadlineSeconds);
  const oldAds = optNum(oldSpec.activeDeadlineSeconds);
  if (ads !== undefined) {
    if (ads < 0 || ads > MAX_INT32) {
      errs.push(invalid('spec.activeDeadlineSeconds', ads, inclusiveRangeError(0, MAX_INT32)));
      return errs;
    }
    if (oldAds !== undefined && oldAds < ads) {
      errs.push(invalid('spec.activeDeadlineSeconds', ads, 'must be less than or equal to previous value'));
      return errs;
    }
  } else if (oldAds !== undefined) {
    errs.push(invalid('spec.activeDeadlineSeconds', null, 'must not update from a positive integer to nil value'));
  }
  errs.push(...tolerationAdditionsOnly(spec.tolerations, oldSpec.tolerations));
  const oldGates = new Set(objs(oldSpec.schedulingGates).map((g) => str(g.name)));
  const added = new Map<string, number>();
  objs(spec.schedulingGates).forEach((g, i) => added.set(str(g.name), i));
  for (const [name, i] of added) {
    if (!oldGates.has(name)) errs.push(forbidden(child(index('spec.schedulingGates', i), 'name'), `only deletion is allowed, but found new scheduling gate '${name}'`));
  }
  if (semanticEqual(spec, oldSpec)) return errs;
  const munged: Obj = { ...spec };
  for (const list of ['containers', 'initContainers']) {
    const before = objs(oldSpec[list]);
    if (Array.isArray(spec[list])) munged[list] = objs(spec[list]).map((c, i) => ({ ...c, image: before[i]?.image }));
  }
  munged.activeDeadlineSeconds = oldSpec.activeDeadlineSeconds;
  munged.schedulingGates = oldSpec.schedulingGates;
  munged.tolerations = oldSpec.tolerations;
  const oldGrace = optNum(oldSpec.terminationGracePeriodSeconds);
  if (oldGrace !== undefined && oldGrace < 0 && optNum(munged.terminationGracePeriodSeconds) === 1) munged.terminationGracePeriodSeconds = oldGrace;
  if (oldGates.size > 0) {
    // A gated pod may gain node selector entries (never lose or change them).
    const now = optStrMap(munged.nodeSelector) ?? {};
    const before = optStrMap(oldSpec.nodeSelector) ?? {};
    if (!semanticEqual(now, before)) {
      if (Object.entries(before).some(([k, v]) => now[k] !== v)) {
        errs.push(invalid('spec.nodeSelector', now, 'only additions to spec.nodeSelector are allowed (no mutations or deletions)'));
      }
      munged.nodeSelector = oldSpec.nodeSelector;
    }
  }
  if (!semanticEqual(munged, oldSpec)) {
    errs.push(
      forbidden('spec', `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(',')}\n${specDiff('core.PodSpec', oldSpec, munged)}`),
    );
  }
  return errs;
}

/** ValidatePodTemplateSpec: labels, annotations and the spec of an embedded template. */
export function validatePodTemplateSpec(template: unknown, field: string): FieldError[] {
  const t = obj(template);
  const meta = obj(t.metadata);
  const spec = obj(t.spec);
  const errs = [...validateLabels(optStrMap(meta.labels), child(field, 'labels')), ...validateAnnotations(meta.annotations, child(field, 'annotations'))];
  errs.push(...validatePodSpecificAnnotations(meta.annotations, spec, child(field, 'annotations')));
  errs.push(...validatePodSpec(spec, child(field, 'spec'), { resourceIsPod: false }));
  if (arr(spec.ephemeralContainers).length > 0) errs.push(forbidden(child(field, 'spec', 'ephemeralContainers'), 'ephemeral containers not allowed in pod template'));
  return errs;
}

export function validatePodTemplate(obj_: Obj): FieldError[] {
  return [...validateObjectMeta(obj_.metadata, true, nameIsDNSSubdomain), ...validatePodTemplateSpec(obj_.template, 'template')];
}

export function validatePodTemplateUpdate(obj_: Obj, old: Obj): FieldError[] {
  return [...validateObjectMetaUpdate(obj_.metadata, old.metadata), ...validatePodTemplateSpec(obj_.template, 'template')];
}

/** ValidatePodBinding (pods/binding): the target is a Node, named. */
export function validatePodBinding(binding: Obj): FieldError[] {
  const target = obj(binding.target);
  const errs: FieldError[] = [];
  const kind = str(target.kind);
  if (kind !== '' && kind !== 'Node') errs.push(notSupported('target.kind', kind, ['Node', '<empty>']));
  if (str(target.name) === '') errs.push(required('target.name'));
  return errs;
}

export { checkHostPortConflicts };
