import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '../../meta.js';
import type { TablePrinter } from '../../resource.js';
import { CONFIG_MAP_TABLE, SECRET_TABLE, SERVICE_ACCOUNT_TABLE } from './config.js';
import { NAMESPACE_TABLE } from './namespace.js';
import { ODD_OBJECTS, NOW, ago, cells } from './testing.js';

const meta = { name: 'x', creationTimestamp: ago(45) };

describe('namespace and configuration tables', () => {
  const cases: { name: string; printer: TablePrinter; obj: KubeObject; columns: string[]; want: unknown[] }[] = [
    { name: 'namespace', printer: NAMESPACE_TABLE, obj: { metadata: meta, status: { phase: 'Active' } }, columns: ['Name', 'Status', 'Age'], want: ['x', 'Active', '45s'] },
    { name: 'namespace, only metadata', printer: NAMESPACE_TABLE, obj: { metadata: meta }, columns: ['Name', 'Status', 'Age'], want: ['x', '', '45s'] },
    {
      name: 'secret',
      printer: SECRET_TABLE,
      obj: { metadata: meta, type: 'kubernetes.io/tls', data: { 'tls.crt': 'Y3J0', 'tls.key': 'a2V5' } },
      columns: ['Name', 'Type', 'Data', 'Age'],
      want: ['x', 'kubernetes.io/tls', 2, '45s'],
    },
    {
      name: 'secret with stringData folded into data',
      printer: SECRET_TABLE,
      obj: { metadata: meta, type: 'Opaque', data: { a: 'YQ==' }, stringData: { a: 'a', b: 'b' } },
      columns: ['Name', 'Type', 'Data', 'Age'],
      want: ['x', 'Opaque', 2, '45s'],
    },
    { name: 'secret, only metadata', printer: SECRET_TABLE, obj: { metadata: meta }, columns: ['Name', 'Type', 'Data', 'Age'], want: ['x', '', 0, '45s'] },
    {
      name: 'config map counts text and binary entries',
      printer: CONFIG_MAP_TABLE,
      obj: { metadata: meta, data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } },
      columns: ['Name', 'Data', 'Age'],
      want: ['x', 3, '45s'],
    },
    { name: 'config map, only metadata', printer: CONFIG_MAP_TABLE, obj: { metadata: meta }, columns: ['Name', 'Data', 'Age'], want: ['x', 0, '45s'] },
    {
      name: 'service account',
      printer: SERVICE_ACCOUNT_TABLE,
      obj: { metadata: meta, secrets: [{ name: 'token-a' }, { name: 'token-b' }] },
      columns: ['Name', 'Secrets', 'Age'],
      want: ['x', 2, '45s'],
    },
    { name: 'service account, only metadata', printer: SERVICE_ACCOUNT_TABLE, obj: { metadata: meta }, columns: ['Name', 'Secrets', 'Age'], want: ['x', 0, '45s'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(c.printer.columns.map((col) => col.name), c.columns);
      assert.deepEqual(c.printer.row(c.obj, NOW), c.want);
    });
  }

  it('never throws on odd objects', () => {
    for (const printer of [NAMESPACE_TABLE, SECRET_TABLE, CONFIG_MAP_TABLE, SERVICE_ACCOUNT_TABLE]) {
      for (const obj of ODD_OBJECTS) assert.doesNotThrow(() => cells(printer, obj));
    }
  });
});
