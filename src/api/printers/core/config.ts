// The tables of the configuration kinds, which all count entries: secrets (TYPE, DATA),
// config maps (DATA, binary entries included) and service accounts (SECRETS).

import { isPlainObject, type KubeObject } from '../../meta.js';
import type { TableCell, TablePrinter } from '../../resource.js';
import { AGE_COLUMN, NAME_COLUMN, age, column } from '../../registry/common.js';
import { records, size, text } from './read.js';

interface Secret extends KubeObject {
  type?: string;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

interface ConfigMap extends KubeObject {
  data?: Record<string, string>;
  binaryData?: Record<string, string>;
}

interface ServiceAccount extends KubeObject {
  secrets?: object[];
}

/** Keys of data and stringData together: Kubernetes folds stringData into data before
 *  printing, so a key in both counts once. */
function secretKeys(secret: Secret): number {
  const keys = new Set<string>();
  for (const m of [secret.data, secret.stringData]) {
    if (isPlainObject(m)) for (const k of Object.keys(m)) keys.add(k);
  }
  return keys.size;
}

function secretRow(obj: KubeObject, now: Date): TableCell[] {
  const secret = obj as Secret;
  return [text(secret.metadata?.name), text(secret.type), secretKeys(secret), age(secret, now)];
}

function configMapRow(obj: KubeObject, now: Date): TableCell[] {
  const cm = obj as ConfigMap;
  return [text(cm.metadata?.name), size(cm.data) + size(cm.binaryData), age(cm, now)];
}

function serviceAccountRow(obj: KubeObject, now: Date): TableCell[] {
  const sa = obj as ServiceAccount;
  return [text(sa.metadata?.name), records(sa.secrets).length, age(sa, now)];
}

export const SECRET_TABLE: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('Type', 'string', 'What the secret holds, such as Opaque or kubernetes.io/tls.'),
    column('Data', 'string', 'The number of entries in the secret.'),
    AGE_COLUMN,
  ],
  row: secretRow,
};

export const CONFIG_MAP_TABLE: TablePrinter = {
  columns: [NAME_COLUMN, column('Data', 'string', 'The number of entries, text and binary.'), AGE_COLUMN],
  row: configMapRow,
};

export const SERVICE_ACCOUNT_TABLE: TablePrinter = {
  columns: [NAME_COLUMN, column('Secrets', 'string', 'The number of secrets listed for the account.'), AGE_COLUMN],
  row: serviceAccountRow,
};
