// Containers of a pod spec (regular, init and ephemeral): names unique DNS labels, image
// present, ports, environment, mounts and devices matching the pod's volumes, pull and
// termination message policies, resources, probes and lifecycle handlers, and the security
// context. Paths and messages are Kubernetes 1.32's, including where it reports a mount's
// subPath at the list rather than the item. Privileged containers are allowed, as on a
// cluster started with --allow-privileged (kubeadm, kind, k3s).

import type { FieldError } from '../errors.js';
import { arr, isSet, num, obj, objs, optNum, optObj, optStr, str, strs, type Obj } from './access.js';
import { child, duplicate, forbidden, index, invalid, notFound, notSupported, required, tooLong, nonNegative } from './field.js';
import {
  isConfigMapKey,
  isHTTPHeaderName,
  isRelaxedEnvVarName,
  isValidGroupID,
  isValidPortName,
  isValidPortNum,
  isValidUserID,
  nameIsDNSLabel,
  nameIsDNSSubdomain,
} from './names.js';
import { validateResourceRequirements } from './resources.js';
import { ENV_FIELD_PATHS, validateLocalDescendingPath, validateObjectFieldSelector, validateResourceFieldSelector } from './volume-sources.js';
import { goStruct } from './go-value.js';
import { goQuote } from '../labels/index.js';

export interface ContainerContext {
  /** Pod volumes by name (those that validated). */
  readonly volumes: ReadonlyMap<string, Obj>;
  readonly podClaimNames: ReadonlySet<string>;
  /** spec.terminationGracePeriodSeconds, when set. */
  readonly gracePeriod: number | undefined;
  readonly podRestartPolicy: string;
  /** spec.securityContext.hostUsers is not false. */
  readonly hostUsers: boolean;
}

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

function validateContainerPorts(ports: unknown, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  objs(ports).forEach((port, i) => {
    const p = index(field, i);
    const name = str(port.name);
    if (name.length > 0) {
      const msgs = isValidPortName(name);
      if (msgs.length > 0) for (const m of msgs) errs.push(invalid(child(p, 'name'), name, m));
      else if (names.has(name)) errs.push(duplicate(child(p, 'name'), name));
      else names.add(name);
    }
    const containerPort = num(port.containerPort);
    if (containerPort === 0) errs.push(required(child(p, 'containerPort')));
    else for (const m of isValidPortNum(containerPort)) errs.push(invalid(child(p, 'containerPort'), containerPort, m));
    const hostPort = num(port.hostPort);
    if (hostPort !== 0) for (const m of isValidPortNum(hostPort)) errs.push(invalid(child(p, 'hostPort'), hostPort, m));
    const protocol = str(port.protocol);
    if (protocol === '') errs.push(required(child(p, 'protocol')));
    else if (!PROTOCOLS.includes(protocol)) errs.push(notSupported(child(p, 'protocol'), protocol, PROTOCOLS));
  });
  return errs;
}

function validateKeySelector(s: Obj, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(s.name);
  for (const m of nameIsDNSSubdomain(name, false)) errs.push(invalid(child(field, 'name'), name, m));
  const k = str(s.key);
  if (k === '') errs.push(required(child(field, 'key')));
  else for (const m of isConfigMapKey(k)) errs.push(invalid(child(field, 'key'), k, m));
  return errs;
}

export function validateEnv(vars: unknown, field: string): FieldError[] {
  const errs: FieldError[] = [];
  objs(vars).forEach((ev, i) => {
    const p = index(field, i);
    const name = str(ev.name);
    if (name === '') errs.push(required(child(p, 'name')));
    else for (const m of isRelaxedEnvVarName(name)) errs.push(invalid(child(p, 'name'), name, m));
    const from = optObj(ev.valueFrom);
    if (!from) return;
    const vp = child(p, 'valueFrom');
    let sources = 0;
    const fieldRef = optObj(from.fieldRef);
    if (fieldRef) {
      sources++;
      errs.push(...validateObjectFieldSelector(fieldRef, ENV_FIELD_PATHS, child(vp, 'fieldRef')));
    }
    const resourceRef = optObj(from.resourceFieldRef);
    if (resourceRef) {
      sources++;
      errs.push(...validateResourceFieldSelector(resourceRef, child(vp, 'resourceFieldRef'), false));
    }
    for (const kind of ['configMapKeyRef', 'secretKeyRef']) {
      const ref = optObj(from[kind]);
      if (!ref) continue;
      sources++;
      errs.push(...validateKeySelector(ref, child(vp, kind)));
    }
    if (sources === 0) errs.push(invalid(vp, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
    else if (str(ev.value).length !== 0) errs.push(invalid(vp, '', 'may not be specified when `value` is not empty'));
    else if (sources > 1) errs.push(invalid(vp, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}

export function validateEnvFrom(vars: unknown, field: string): FieldError[] {
  const errs: FieldError[] = [];
  objs(vars).forEach((ev, i) => {
    const p = index(field, i);
    const prefix = str(ev.prefix);
    if (prefix.length > 0) for (const m of isRelaxedEnvVarName(prefix)) errs.push(invalid(child(p, 'prefix'), prefix, m));
    let sources = 0;
    for (const kind of ['configMapRef', 'secretRef']) {
      const ref = optObj(ev[kind]);
      if (!ref) continue;
      sources++;
      const name = str(ref.name);
      if (name === '') errs.push(required(child(p, kind, 'name')));
      else for (const m of nameIsDNSSubdomain(name, true)) errs.push(invalid(child(p, kind, 'name'), name, m));
    }
    // Reported at the list, not the entry, as Kubernetes does.
    if (sources === 0) errs.push(invalid(field, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (sources > 1) errs.push(invalid(field, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}

const PROPAGATIONS = ['Bidirectional', 'HostToContainer', 'None'];
const RECURSIVE_READ_ONLY = ['Disabled', 'Enabled', 'IfPossible'];

function isPrivileged(container: Obj): boolean {
  return obj(container.securityContext).privileged === true;
}

function validateVolumeMounts(container: Obj, ctx: ContainerContext, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const devices = new Map(objs(container.volumeDevices).map((d) => [str(d.name), str(d.devicePath)] as const));
  const devicePaths = new Set(devices.values());
  const mountpoints = new Set<string>();
  objs(container.volumeMounts).forEach((mnt, i) => {
    const p = index(field, i);
    const name = str(mnt.name);
    const mountPath = str(mnt.mountPath);
    if (name === '') errs.push(required(child(p, 'name')));
    if (!ctx.volumes.has(name)) errs.push(notFound(child(p, 'name'), name));
    if (mountPath === '') errs.push(required(child(p, 'mountPath')));
    if (mountpoints.has(mountPath)) errs.push(invalid(child(p, 'mountPath'), mountPath, 'must be unique'));
    mountpoints.add(mountPath);
    if (devices.has(name)) errs.push(invalid(child(p, 'name'), name, 'must not already exist in volumeDevices'));
    if (devicePaths.has(mountPath)) errs.push(invalid(child(p, 'mountPath'), mountPath, 'must not already exist as a path in volumeDevices'));
    const subPath = str(mnt.subPath);
    const subPathExpr = str(mnt.subPathExpr);
    if (isSet(ctx.volumes.get(name)?.image)) {
      if (subPath !== '') errs.push(invalid(child(p, 'subPath'), subPath, 'not allowed in image volume sources'));
      if (subPathExpr !== '') errs.push(invalid(child(p, 'subPathExpr'), subPathExpr, 'not allowed in image volume sources'));
    }
    if (subPath.length > 0) errs.push(...validateLocalDescendingPath(subPath, child(field, 'subPath')));
    if (subPathExpr.length > 0) {
      if (subPath.length > 0) errs.push(invalid(child(p, 'subPathExpr'), subPathExpr, 'subPathExpr and subPath are mutually exclusive'));
      errs.push(...validateLocalDescendingPath(subPathExpr, child(field, 'subPathExpr')));
    }
    const propagation = optStr(mnt.mountPropagation);
    if (propagation !== undefined) {
      const pp = child(field, 'mountPropagation');
      if (!PROPAGATIONS.includes(propagation)) errs.push(notSupported(pp, propagation, PROPAGATIONS));
      if (propagation === 'Bidirectional' && !isPrivileged(container)) {
        errs.push(forbidden(pp, 'Bidirectional mount propagation is available only to privileged containers'));
      }
    }
    const rro = optStr(mnt.recursiveReadOnly);
    if (rro !== undefined) {
      const rp = child(field, 'recursiveReadOnly');
      if (rro === 'Enabled' || rro === 'IfPossible') {
        if (mnt.readOnly !== true) errs.push(forbidden(rp, 'may only be specified when readOnly is true'));
        if (propagation !== undefined && propagation !== 'None') {
          errs.push(forbidden(rp, 'may only be specified when mountPropagation is None or not specified'));
        }
      } else if (rro !== 'Disabled') {
        errs.push(notSupported(rp, rro, RECURSIVE_READ_ONLY));
      }
    }
  });
  return errs;
}

function validateVolumeDevices(container: Obj, ctx: ContainerContext, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const mounts = new Map(objs(container.volumeMounts).map((m) => [str(m.name), str(m.mountPath)] as const));
  const mountPaths = new Set(mounts.values());
  const paths = new Set<string>();
  const names = new Set<string>();
  objs(container.volumeDevices).forEach((dev, i) => {
    const p = index(field, i);
    const name = str(dev.name);
    const devicePath = str(dev.devicePath);
    const volume = ctx.volumes.get(name);
    const isPVC = !!volume && (isSet(volume.persistentVolumeClaim) || isSet(volume.ephemeral));
    if (name === '') errs.push(required(child(p, 'name')));
    if (names.has(name)) errs.push(invalid(child(p, 'name'), name, 'must be unique'));
    if (volume && !isPVC) {
      errs.push(invalid(child(p, 'name'), name, 'can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode'));
    }
    if (!volume) errs.push(notFound(child(p, 'name'), name));
    if (devicePath === '') errs.push(required(child(p, 'devicePath')));
    if (paths.has(devicePath)) errs.push(invalid(child(p, 'devicePath'), devicePath, 'must be unique'));
    if (devicePath.length > 0 && devicePath.split('/').includes('..')) {
      errs.push(invalid(child(p, 'devicePath'), devicePath, "can not contain backsteps ('..')"));
    } else {
      paths.add(devicePath);
    }
    if (mounts.has(name)) errs.push(invalid(child(p, 'name'), name, 'must not already exist in volumeMounts'));
    if (mountPaths.has(devicePath)) errs.push(invalid(child(p, 'devicePath'), devicePath, 'must not already exist as a path in volumeMounts'));
    if (name.length > 0) names.add(name);
  });
  return errs;
}

const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];

export function validatePullPolicy(policy: string, field: string): FieldError[] {
  if (PULL_POLICIES.includes(policy)) return [];
  if (policy === '') return [required(field)];
  return [notSupported(field, policy, PULL_POLICIES)];
}

function validateResizePolicy(list: unknown, podRestartPolicy: string, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  objs(list).forEach((p, i) => {
    const name = str(p.resourceName);
    const policy = str(p.restartPolicy);
    if (seen.has(name)) errs.push(duplicate(index(field, i), name));
    seen.add(name);
    if (name === '') errs.push(required(field));
    else if (name !== 'cpu' && name !== 'memory') errs.push(notSupported(field, name, ['cpu', 'memory']));
    if (policy === '') errs.push(required(field));
    else if (policy !== 'NotRequired' && policy !== 'RestartContainer') errs.push(notSupported(field, policy, ['NotRequired', 'RestartContainer']));
    if (podRestartPolicy === 'Never' && policy !== 'NotRequired') {
      errs.push(invalid(field, policy, "must be 'NotRequired' when `restartPolicy` is 'Never'"));
    }
  });
  return errs;
}

const SECCOMP_TYPES = ['Localhost', 'RuntimeDefault', 'Unconfined'];

export function validateSeccompProfile(profile: unknown, field: string): FieldError[] {
  const sp = optObj(profile);
  if (!sp) return [];
  const errs: FieldError[] = [];
  const t = str(sp.type);
  if (t === '') errs.push(required(child(field, 'type'), 'type is required when seccompProfile is set'));
  else if (!SECCOMP_TYPES.includes(t)) errs.push(notSupported(child(field, 'type'), t, SECCOMP_TYPES));
  const local = optStr(sp.localhostProfile);
  if (t === 'Localhost') {
    if (local === undefined) errs.push(required(child(field, 'localhostProfile'), 'must be set when seccomp type is Localhost'));
    else errs.push(...validateLocalDescendingPath(local, child(field, 'localhostProfile')));
  } else if (local !== undefined) {
    const shown = goStruct('core.SeccompProfile', [
      ['Type', goQuote(t)],
      ['LocalhostProfile', '(*string)(0xc000000000)'],
    ]);
    errs.push(invalid(child(field, 'localhostProfile'), shown, 'can only be set when seccomp type is Localhost'));
  }
  return errs;
}

export function validateAppArmorProfile(profile: unknown, field: string): FieldError[] {
  const ap = optObj(profile);
  if (!ap) return [];
  const errs: FieldError[] = [];
  const t = str(ap.type);
  const local = optStr(ap.localhostProfile);
  switch (t) {
    case 'Localhost':
      if (local === undefined) errs.push(required(child(field, 'localhostProfile'), 'must be set when AppArmor type is Localhost'));
      else {
        if (local.trim() !== local) errs.push(invalid(child(field, 'localhostProfile'), local, 'must not be padded with whitespace'));
        else if (local === '') errs.push(required(child(field, 'localhostProfile'), 'must be set when AppArmor type is Localhost'));
        if (Buffer.byteLength(local, 'utf8') > 4095) errs.push(tooLong(child(field, 'localhostProfile'), 4095));
      }
      break;
    case 'RuntimeDefault':
    case 'Unconfined':
      if (local !== undefined) errs.push(invalid(child(field, 'localhostProfile'), local, 'can only be set when AppArmor type is Localhost'));
      break;
    case '':
      errs.push(required(child(field, 'type'), 'type is required when appArmorProfile is set'));
      break;
    default:
      errs.push(notSupported(child(field, 'type'), t, ['Localhost', 'RuntimeDefault', 'Unconfined']));
  }
  return errs;
}

export function validateSecurityContext(value: unknown, hostUsers: boolean, field: string): FieldError[] {
  const sc = optObj(value);
  if (!sc) return [];
  const errs: FieldError[] = [];
  const runAsUser = optNum(sc.runAsUser);
  if (runAsUser !== undefined) for (const m of isValidUserID(runAsUser)) errs.push(invalid(child(field, 'runAsUser'), runAsUser, m));
  const runAsGroup = optNum(sc.runAsGroup);
  if (runAsGroup !== undefined) for (const m of isValidGroupID(runAsGroup)) errs.push(invalid(child(field, 'runAsGroup'), runAsGroup, m));
  const procMount = optStr(sc.procMount);
  if (procMount !== undefined) {
    if (procMount !== 'Default' && procMount !== 'Unmasked') errs.push(notSupported(child(field, 'procMount'), procMount, ['Default', 'Unmasked']));
    if (hostUsers && procMount === 'Unmasked') errs.push(invalid(child(field, 'procMount'), procMount, '`hostUsers` must be false to use `Unmasked`'));
  }
  errs.push(...validateSeccompProfile(sc.seccompProfile, child(field, 'seccompProfile')));
  if (sc.allowPrivilegeEscalation === false) {
    const shown = securityContextLiteral(sc);
    if (sc.privileged === true) errs.push(invalid(field, shown, 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true'));
    for (const cap of strs(obj(sc.capabilities).add)) {
      if (cap === 'CAP_SYS_ADMIN') errs.push(invalid(field, shown, 'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN'));
    }
  }
  errs.push(...validateAppArmorProfile(sc.appArmorProfile, child(field, 'appArmorProfile')));
  return errs;
}

/** %#v of a dereferenced *core.SecurityContext (pointers as placeholders). */
function securityContextLiteral(sc: Obj) {
  const p = (t: string, v: unknown) => (isSet(v) ? `(*${t})(0xc000000000)` : `(*${t})(nil)`);
  return goStruct('core.SecurityContext', [
    ['Capabilities', p('core.Capabilities', sc.capabilities)],
    ['Privileged', p('bool', sc.privileged)],
    ['SELinuxOptions', p('core.SELinuxOptions', sc.seLinuxOptions)],
    ['WindowsOptions', p('core.WindowsSecurityContextOptions', sc.windowsOptions)],
    ['RunAsUser', p('int64', sc.runAsUser)],
    ['RunAsGroup', p('int64', sc.runAsGroup)],
    ['RunAsNonRoot', p('bool', sc.runAsNonRoot)],
    ['ReadOnlyRootFilesystem', p('bool', sc.readOnlyRootFilesystem)],
    ['AllowPrivilegeEscalation', p('bool', sc.allowPrivilegeEscalation)],
    ['ProcMount', p('core.ProcMountType', sc.procMount)],
    ['SeccompProfile', p('core.SeccompProfile', sc.seccompProfile)],
    ['AppArmorProfile', p('core.AppArmorProfile', sc.appArmorProfile)],
  ]);
}

function validatePortNumOrName(port: unknown, field: string): FieldError[] {
  if (typeof port === 'string') return isValidPortName(port).map((m) => invalid(field, port, m));
  const n = typeof port === 'number' ? Math.trunc(port) : 0;
  return isValidPortNum(n).map((m) => invalid(field, n, m));
}

type HandlerKind = 'exec' | 'httpGet' | 'tcpSocket' | 'grpc' | 'sleep';

function validateHandler(handler: Obj, kinds: readonly HandlerKind[], gracePeriod: number | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  let count = 0;
  for (const kind of kinds) {
    const h = optObj(handler[kind]);
    if (!h) continue;
    const p = child(field, kind);
    if (count > 0) {
      errs.push(forbidden(p, 'may not specify more than 1 handler type'));
      continue;
    }
    count++;
    switch (kind) {
      case 'exec':
        if (arr(h.command).length === 0) errs.push(required(child(p, 'command')));
        break;
      case 'httpGet': {
        if (str(h.path) === '') errs.push(required(child(p, 'path')));
        errs.push(...validatePortNumOrName(h.port, child(p, 'port')));
        const scheme = str(h.scheme);
        if (scheme !== 'HTTP' && scheme !== 'HTTPS') errs.push(notSupported(child(p, 'scheme'), scheme, ['HTTP', 'HTTPS']));
        for (const header of objs(h.httpHeaders)) {
          for (const m of isHTTPHeaderName(str(header.name))) errs.push(invalid(child(p, 'httpHeaders'), str(header.name), m));
        }
        break;
      }
      case 'tcpSocket':
        errs.push(...validatePortNumOrName(h.port, child(p, 'port')));
        break;
      case 'grpc':
        errs.push(...validatePortNumOrName(num(h.port), child(p, 'port')));
        break;
      case 'sleep': {
        const seconds = num(h.seconds);
        if (gracePeriod !== undefined && (seconds <= 0 || seconds > gracePeriod)) {
          errs.push(
            invalid(
              p,
              seconds,
              `must be greater than 0 and less than terminationGracePeriodSeconds (${gracePeriod}). Enable AllowPodLifecycleSleepActionZeroValue feature gate for zero sleep.`,
            ),
          );
        }
        break;
      }
    }
  }
  if (count === 0) errs.push(required(field, 'must specify a handler type'));
  return errs;
}

const PROBE_HANDLERS: readonly HandlerKind[] = ['exec', 'httpGet', 'tcpSocket', 'grpc'];
const LIFECYCLE_HANDLERS: readonly HandlerKind[] = ['exec', 'httpGet', 'tcpSocket', 'sleep'];

function validateProbe(probe: Obj, gracePeriod: number | undefined, field: string): FieldError[] {
  const errs = validateHandler(probe, PROBE_HANDLERS, gracePeriod, field);
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    errs.push(...nonNegative(num(probe[f]), child(field, f)));
  }
  const tgps = optNum(probe.terminationGracePeriodSeconds);
  if (tgps !== undefined && tgps <= 0) errs.push(invalid(child(field, 'terminationGracePeriodSeconds'), tgps, 'must be greater than 0'));
  return errs;
}

export function validateProbes(c: Obj, gracePeriod: number | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const kind of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    const probe = optObj(c[kind]);
    if (!probe) continue;
    const p = child(field, kind);
    errs.push(...validateProbe(probe, gracePeriod, p));
    if (kind === 'readinessProbe') {
      const tgps = optNum(probe.terminationGracePeriodSeconds);
      if (tgps !== undefined) errs.push(invalid(child(p, 'terminationGracePeriodSeconds'), tgps, 'must not be set for readinessProbes'));
    } else if (num(probe.successThreshold) !== 1) {
      errs.push(invalid(child(p, 'successThreshold'), num(probe.successThreshold), 'must be 1'));
    }
  }
  return errs;
}

export function validateLifecycle(lifecycle: Obj, gracePeriod: number | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const hook of ['postStart', 'preStop']) {
    const h = optObj(lifecycle[hook]);
    if (h) errs.push(...validateHandler(h, LIFECYCLE_HANDLERS, gracePeriod, child(field, hook)));
  }
  return errs;
}

const TERMINATION_MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'];

/** validateContainerCommon: what every kind of container must satisfy. */
export function validateContainerCommon(c: Obj, ctx: ContainerContext, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(c.name);
  if (name === '') errs.push(required(child(field, 'name')));
  else for (const m of nameIsDNSLabel(name, false)) errs.push(invalid(child(field, 'name'), name, m));
  if (str(c.image) === '') errs.push(required(child(field, 'image')));
  const tmp = str(c.terminationMessagePolicy);
  if (tmp === '') errs.push(required(child(field, 'terminationMessagePolicy')));
  else if (!TERMINATION_MESSAGE_POLICIES.includes(tmp)) {
    errs.push(notSupported(child(field, 'terminationMessagePolicy'), tmp, TERMINATION_MESSAGE_POLICIES));
  }
  errs.push(...validateContainerPorts(c.ports, child(field, 'ports')));
  errs.push(...validateEnv(c.env, child(field, 'env')));
  errs.push(...validateEnvFrom(c.envFrom, child(field, 'envFrom')));
  errs.push(...validateVolumeMounts(c, ctx, child(field, 'volumeMounts')));
  errs.push(...validateVolumeDevices(c, ctx, child(field, 'volumeDevices')));
  errs.push(...validatePullPolicy(str(c.imagePullPolicy), child(field, 'imagePullPolicy')));
  errs.push(...validateResourceRequirements(c.resources, ctx.podClaimNames, child(field, 'resources')));
  errs.push(...validateResizePolicy(c.resizePolicy, ctx.podRestartPolicy, child(field, 'resizePolicy')));
  errs.push(...validateSecurityContext(c.securityContext, ctx.hostUsers, child(field, 'securityContext')));
  return errs;
}

/** AccumulateUniqueHostPorts over some containers. */
export function checkHostPortConflicts(containers: Obj[], field: string, offset = 0): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  containers.forEach((c, ci) => {
    objs(c.ports).forEach((port, pi) => {
      const hostPort = num(port.hostPort);
      if (hostPort === 0) return;
      const k = `${str(port.protocol)}/${str(port.hostIP)}/${hostPort}`;
      const p = child(index(child(index(field, ci + offset), 'ports'), pi), 'hostPort');
      if (seen.has(k)) errs.push(duplicate(p, k));
      else seen.add(k);
    });
  });
  return errs;
}

export function validateContainers(containers: unknown, ctx: ContainerContext, field: string): FieldError[] {
  const list = objs(containers);
  if (list.length === 0) return [required(field)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  list.forEach((c, i) => {
    const p = index(field, i);
    errs.push(...validateContainerCommon(c, ctx, p));
    const name = str(c.name);
    if (names.has(name)) errs.push(duplicate(child(p, 'name'), name));
    else names.add(name);
    const lifecycle = optObj(c.lifecycle);
    if (lifecycle) errs.push(...validateLifecycle(lifecycle, ctx.gracePeriod, child(p, 'lifecycle')));
    errs.push(...validateProbes(c, ctx.gracePeriod, p));
    if (isSet(c.restartPolicy)) errs.push(forbidden(child(p, 'restartPolicy'), 'may not be set for non-init containers'));
  });
  errs.push(...checkHostPortConflicts(list, field));
  return errs;
}

export function validateInitContainers(initContainers: unknown, containers: unknown, ctx: ContainerContext, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set(objs(containers).map((c) => str(c.name)));
  objs(initContainers).forEach((c, i) => {
    const p = index(field, i);
    errs.push(...validateContainerCommon(c, ctx, p));
    let restartAlways = false;
    const rp = optStr(c.restartPolicy);
    if (rp !== undefined) {
      if (rp !== 'Always') errs.push(notSupported(child(p, 'restartPolicy'), rp, ['Always']));
      restartAlways = rp === 'Always';
    }
    const name = str(c.name);
    if (names.has(name)) errs.push(duplicate(child(p, 'name'), name));
    else if (name.length > 0) names.add(name);
    errs.push(...checkHostPortConflicts([c], field, i));
    const lifecycle = optObj(c.lifecycle);
    if (restartAlways) {
      if (lifecycle) errs.push(...validateLifecycle(lifecycle, ctx.gracePeriod, child(p, 'lifecycle')));
      errs.push(...validateProbes(c, ctx.gracePeriod, p));
    } else {
      for (const f of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe']) {
        if (isSet(c[f])) errs.push(forbidden(child(p, f), 'may not be set for init containers without restartPolicy=Always'));
      }
    }
  });
  return errs;
}

const EPHEMERAL_FORBIDDEN = ['ports', 'resources', 'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle'];

export function validateEphemeralContainers(ephemeral: unknown, spec: Obj, ctx: ContainerContext, field: string): FieldError[] {
  const list = objs(ephemeral);
  if (list.length === 0) return [];
  const errs: FieldError[] = [];
  const other = new Set([...objs(spec.containers), ...objs(spec.initContainers)].map((c) => str(c.name)));
  const all = new Set(other);
  list.forEach((ec, i) => {
    const p = index(field, i);
    errs.push(...validateContainerCommon(ec, ctx, p));
    const image = str(ec.image);
    if (image.length !== image.trim().length) errs.push(invalid(child(p, 'image'), image, 'must not have leading or trailing whitespace'));
    const name = str(ec.name);
    if (all.has(name)) errs.push(duplicate(child(p, 'name'), name));
    else all.add(name);
    const target = str(ec.targetContainerName);
    if (target !== '' && !other.has(target)) errs.push(notFound(child(p, 'targetContainerName'), target));
    for (const f of EPHEMERAL_FORBIDDEN) {
      const v = ec[f];
      const empty = v === undefined || v === null || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && Object.keys(v as object).length === 0);
      if (!empty) errs.push(forbidden(child(p, f), 'cannot be set for an Ephemeral Container'));
    }
    objs(ec.volumeMounts).forEach((vm, j) => {
      const vp = index(child(p, 'volumeMounts'), j);
      if (str(vm.subPath) !== '') errs.push(forbidden(child(vp, 'subPath'), 'cannot be set for an Ephemeral Container'));
      if (str(vm.subPathExpr) !== '') errs.push(forbidden(child(vp, 'subPathExpr'), 'cannot be set for an Ephemeral Container'));
    });
  });
  return errs;
}
