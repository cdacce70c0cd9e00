// The ServiceAccount admission plugin (not defaulting: Kubernetes does this in admission, on
// pod create only, and never for mirror pods): a pod runs as the "default" service account
// unless it names one; the account must exist; unless the pod or the account opts out, every
// init and regular container mounts the account's API credentials — a projected
// "kube-api-access-<5 random characters>" volume holding a bound token, the cluster CA and the
// namespace — at /var/run/secrets/kubernetes.io/serviceaccount; and a pod without image pull
// secrets takes the account's.

import { randomInt } from 'node:crypto';
import type { KubeObject } from '../meta.js';
import { DEFAULT_FILE_MODE } from './volumes.js';
import { isNil, isObj, items, str, struct, type Obj } from './values.js';

export const DEFAULT_SERVICE_ACCOUNT = 'default';
export const TOKEN_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
export const TOKEN_VOLUME_PREFIX = 'kube-api-access-';
const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';
/** A bound token's lifetime as projected: just over an hour, which marks tokens kubelets refresh. */
const TOKEN_EXPIRATION_SECONDS = 3607;
/** The characters Kubernetes' generated names use (no vowels, no look-alikes). */
const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** Five random characters, as Kubernetes generates the suffix of a generateName. */
export function randomSuffix(): string {
  let s = '';
  for (let i = 0; i < 5; i++) s += NAME_ALPHABET[randomInt(NAME_ALPHABET.length)];
  return s;
}

/**
 * The service account the pod runs as, filling in "default" (and its deprecated alias) when it
 * names none. Call first, look the account up in the pod's namespace, then admitServiceAccount.
 */
export function defaultServiceAccountName(pod: KubeObject): string {
  const spec = struct(pod, 'spec');
  if (!spec) return DEFAULT_SERVICE_ACCOUNT;
  if (isMirrorPod(pod)) return str(spec, 'serviceAccountName');
  if (str(spec, 'serviceAccountName') === '') {
    spec.serviceAccountName = DEFAULT_SERVICE_ACCOUNT;
    spec.serviceAccount = DEFAULT_SERVICE_ACCOUNT;
  }
  return str(spec, 'serviceAccountName');
}

/**
 * Admits a pod being created against its service account (undefined when it does not exist),
 * in place. Returns the reason the pod is forbidden (wrapped as `pods "<name>" is forbidden:
 * <reason>`), or undefined when admitted.
 */
export function admitServiceAccount(
  pod: KubeObject,
  serviceAccount: KubeObject | undefined,
  suffix: () => string = randomSuffix,
): string | undefined {
  const spec = struct(pod, 'spec');
  if (!spec || isMirrorPod(pod)) return undefined;
  const name = defaultServiceAccountName(pod);
  if (!serviceAccount) {
    return `error looking up service account ${pod.metadata.namespace ?? ''}/${name}: serviceaccount "${name}" not found`;
  }
  if (automounts(spec, serviceAccount)) mountToken(spec, suffix);
  const pullSecrets = items(serviceAccount, 'imagePullSecrets');
  const own = spec.imagePullSecrets;
  if ((isNil(own) || (Array.isArray(own) && own.length === 0)) && pullSecrets.length > 0) {
    spec.imagePullSecrets = pullSecrets.map((s) => ({ name: str(s, 'name') }));
  }
  return undefined;
}

function isMirrorPod(pod: KubeObject): boolean {
  const annotations = pod.metadata?.annotations;
  return isObj(annotations) && Object.hasOwn(annotations, MIRROR_POD_ANNOTATION);
}

/** The pod's own setting wins, then the account's; both unset means mount. */
function automounts(spec: Obj, serviceAccount: KubeObject): boolean {
  if (typeof spec.automountServiceAccountToken === 'boolean') return spec.automountServiceAccountToken;
  if (typeof serviceAccount.automountServiceAccountToken === 'boolean') return serviceAccount.automountServiceAccountToken;
  return true;
}

function mountToken(spec: Obj, suffix: () => string): void {
  if (!isNil(spec.volumes) && !Array.isArray(spec.volumes)) return;
  const volumes = items(spec, 'volumes');
  const existing = volumes.find((v) => str(v, 'name').startsWith(TOKEN_VOLUME_PREFIX));
  const volumeName = existing ? str(existing, 'name') : TOKEN_VOLUME_PREFIX + suffix();
  let needsVolume = false;
  for (const list of ['initContainers', 'containers']) {
    for (const c of items(spec, list)) {
      if (!isNil(c.volumeMounts) && !Array.isArray(c.volumeMounts)) continue;
      // A container that already mounts something at the path keeps it.
      if (items(c, 'volumeMounts').some((m) => m.mountPath === TOKEN_MOUNT_PATH)) continue;
      const mount = { name: volumeName, readOnly: true, mountPath: TOKEN_MOUNT_PATH };
      c.volumeMounts = [...((c.volumeMounts as unknown[] | null | undefined) ?? []), mount];
      needsVolume = true;
    }
  }
  if (!existing && needsVolume) {
    const volume = { name: volumeName, projected: tokenVolumeSource() };
    spec.volumes = [...((spec.volumes as unknown[] | null | undefined) ?? []), volume];
  }
}

/** The projected source of the API credentials volume. */
export function tokenVolumeSource(): Obj {
  return {
    defaultMode: DEFAULT_FILE_MODE,
    sources: [
      { serviceAccountToken: { path: 'token', expirationSeconds: TOKEN_EXPIRATION_SECONDS } },
      { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
      {
        downwardAPI: {
          items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }],
        },
      },
    ],
  };
}

