// ConfigMaps and Secrets: keys as ValidateConfigMap/ValidateSecret require them
// ([-._a-zA-Z0-9]+, not "." or ".."), at most 1 MiB of data in all, the fields each Secret
// type requires, and once `immutable: true` is stored, data (and binaryData) frozen and the
// flag impossible to unset. A Secret's type never changes. Secret data arrives base64
// encoded; its size is the decoded size, as Kubernetes counts bytes after decoding.

import type { FieldError } from '../errors.js';
import { obj, optStrMap, semanticEqual, str, type Obj } from './access.js';
import { forbidden, invalid, key, required, tooLong } from './field.js';
import { immutableField, validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import { isConfigMapKey, nameIsDNSSubdomain } from './names.js';

export const MAX_SECRET_SIZE = 1024 * 1024;

/** Bytes of a base64 value once decoded (what Go's []byte holds). */
function decodedLength(b64: string): number {
  return Buffer.from(b64, 'base64').length;
}

/** The Secret's data as bytes per key, with any stringData merged as the API merges it. */
function secretData(secret: Obj): Map<string, Buffer> {
  const data = new Map<string, Buffer>();
  for (const [k, v] of Object.entries(obj(secret.data))) data.set(k, Buffer.from(str(v), 'base64'));
  for (const [k, v] of Object.entries(obj(secret.stringData))) data.set(k, Buffer.from(str(v), 'utf8'));
  return data;
}

export function validateSecret(secret: Obj): FieldError[] {
  const errs = validateObjectMeta(secret.metadata, true, nameIsDNSSubdomain);
  const data = secretData(secret);
  let total = 0;
  for (const [k, v] of data) {
    for (const m of isConfigMapKey(k)) errs.push(invalid(key('data', k), k, m));
    total += v.length;
  }
  if (total > MAX_SECRET_SIZE) errs.push(tooLong('data', MAX_SECRET_SIZE));
  const annotations = optStrMap(obj(secret.metadata).annotations) ?? {};
  const json = (k: string) => {
    const v = data.get(k);
    if (!v) return [required(key('data', k))];
    try {
      const parsed: unknown = JSON.parse(v.toString('utf8'));
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('json: cannot unmarshal non-object into Go value of type map[string]interface {}');
      return [];
    } catch (err) {
      return [invalid(key('data', k), '<secret contents redacted>', (err as Error).message)];
    }
  };
  switch (str(secret.type)) {
    case 'kubernetes.io/service-account-token':
      if ((annotations['kubernetes.io/service-account.name'] ?? '') === '') {
        errs.push(required(key('metadata.annotations', 'kubernetes.io/service-account.name')));
      }
      break;
    case 'kubernetes.io/dockercfg':
      errs.push(...json('.dockercfg'));
      break;
    case 'kubernetes.io/dockerconfigjson':
      errs.push(...json('.dockerconfigjson'));
      break;
    case 'kubernetes.io/basic-auth':
      if (!data.has('username') && !data.has('password')) errs.push(required(key('data', 'username')), required(key('data', 'password')));
      break;
    case 'kubernetes.io/ssh-auth':
      if ((data.get('ssh-privatekey')?.length ?? 0) === 0) errs.push(required(key('data', 'ssh-privatekey')));
      break;
    case 'kubernetes.io/tls':
      if (!data.has('tls.crt')) errs.push(required(key('data', 'tls.crt')));
      if (!data.has('tls.key')) errs.push(required(key('data', 'tls.key')));
      break;
  }
  return errs;
}

export function validateSecretUpdate(secret: Obj, old: Obj): FieldError[] {
  const errs = validateObjectMetaUpdate(secret.metadata, old.metadata);
  errs.push(...immutableField(str(secret.type), str(old.type), 'type'));
  if (old.immutable === true) {
    if (secret.immutable !== true) errs.push(forbidden('immutable', 'field is immutable when `immutable` is set'));
    if (!semanticEqual(secret.data, old.data)) errs.push(forbidden('data', 'field is immutable when `immutable` is set'));
  }
  errs.push(...validateSecret(secret));
  return errs;
}

export function validateConfigMap(cm: Obj): FieldError[] {
  const errs = validateObjectMeta(cm.metadata, true, nameIsDNSSubdomain);
  const data = obj(cm.data);
  const binary = obj(cm.binaryData);
  let total = 0;
  for (const [k, v] of Object.entries(data)) {
    for (const m of isConfigMapKey(k)) errs.push(invalid(key('data', k), k, m));
    if (k in binary) errs.push(invalid(key('data', k), k, 'duplicate of key present in binaryData'));
    total += Buffer.byteLength(str(v), 'utf8');
  }
  for (const [k, v] of Object.entries(binary)) {
    for (const m of isConfigMapKey(k)) errs.push(invalid(key('binaryData', k), k, m));
    total += decodedLength(str(v));
  }
  // Reported against the whole object: the path is empty.
  if (total > MAX_SECRET_SIZE) errs.push(tooLong('', MAX_SECRET_SIZE));
  return errs;
}

export function validateConfigMapUpdate(cm: Obj, old: Obj): FieldError[] {
  const errs = validateObjectMetaUpdate(cm.metadata, old.metadata);
  if (old.immutable === true) {
    if (cm.immutable !== true) errs.push(forbidden('immutable', 'field is immutable when `immutable` is set'));
    if (!semanticEqual(cm.data, old.data)) errs.push(forbidden('data', 'field is immutable when `immutable` is set'));
    if (!semanticEqual(cm.binaryData, old.binaryData)) errs.push(forbidden('binaryData', 'field is immutable when `immutable` is set'));
  }
  errs.push(...validateConfigMap(cm));
  return errs;
}
