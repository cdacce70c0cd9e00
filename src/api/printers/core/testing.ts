// Helpers for the printer tests: a fixed clock, timestamps relative to it, and rows keyed by
// column name so a case can assert only the cells it is about.

import type { KubeObject } from '../../meta.js';
import type { TableCell, TablePrinter } from '../../resource.js';

export const NOW = new Date('2025-01-15T12:00:00Z');

/** The RFC 3339 time the given number of seconds before NOW. */
export function ago(seconds: number): string {
  return new Date(NOW.getTime() - seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** obj's row at NOW, keyed by column name; also checks there is one cell per column. */
export function cells(printer: TablePrinter, obj: KubeObject): Record<string, TableCell> {
  const row = printer.row(obj, NOW);
  if (row.length !== printer.columns.length) {
    throw new Error(`row has ${row.length} cells for ${printer.columns.length} columns`);
  }
  return Object.fromEntries(printer.columns.map((c, i) => [c.name, row[i]!]));
}

/** The cells of the named columns only, in the order asked for. */
export function pick(printer: TablePrinter, obj: KubeObject, ...names: string[]): TableCell[] {
  const all = cells(printer, obj);
  return names.map((n) => {
    if (!(n in all)) throw new Error(`no column ${n}`);
    return all[n]!;
  });
}

/** Objects of the odd shapes a printer must survive: only metadata, and wrong JSON types. */
export const ODD_OBJECTS: readonly KubeObject[] = [
  { metadata: { name: 'bare' } },
  { metadata: {} },
  { metadata: { name: 'odd' }, spec: 'x', status: 5, data: [1], subsets: 'y', template: null, type: 7 },
  {
    metadata: { name: 'odder', labels: 3 as unknown as Record<string, string>, deletionTimestamp: 'soon' },
    spec: { containers: 'abc', initContainers: [null, 4], ports: {}, selector: [], capacity: 'big', claimRef: 'c', template: { spec: { containers: [null] } } },
    status: { conditions: [null, 'x'], containerStatuses: [{ state: 'on', lastState: { terminated: 'yes' } }], podIPs: [null], hard: [], used: 'u', loadBalancer: { ingress: 'x' }, nodeInfo: 1, addresses: {} },
    involvedObject: 'x',
    series: { count: 'many' },
    secrets: 'many',
  },
];
