// The endpointslices table as Kubernetes 1.32 prints it: ADDRESSTYPE, then the first three
// PORTS (number, else name, else '*') and the first three ENDPOINTS addresses, each followed by
// "+ N more..." when there are more and '<unset>' when there are none.

import type { KubeObject } from '../../meta.js';
import type { TableCell, TablePrinter } from '../../resource.js';
import { AGE_COLUMN, NAME_COLUMN, age, column } from '../../registry/common.js';
import { records, strings, text } from '../core/read.js';

interface EndpointSlice extends KubeObject {
  addressType?: string;
  ports?: { port?: number | null; name?: string | null }[];
  endpoints?: { addresses?: string[] }[];
}

const MAX_SHOWN = 3;

function listWithMore(items: string[]): string {
  if (items.length > MAX_SHOWN) return `${items.slice(0, MAX_SHOWN).join(',')} + ${items.length - MAX_SHOWN} more...`;
  return items.length === 0 ? '<unset>' : items.join(',');
}

function portLabel(port: { port?: number | null; name?: string | null }): string {
  if (typeof port.port === 'number') return String(Math.trunc(port.port));
  if (typeof port.name === 'string') return port.name;
  return '*';
}

function endpointSliceRow(obj: KubeObject, now: Date): TableCell[] {
  const eps = obj as EndpointSlice;
  const ports = records(eps.ports).map(portLabel);
  const addresses = records(eps.endpoints).flatMap((e) => strings(e.addresses));
  return [text(eps.metadata?.name), text(eps.addressType), listWithMore(ports), listWithMore(addresses), age(eps, now)];
}

export const ENDPOINTSLICE_TABLE: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('AddressType', 'string', 'The kind of address the slice holds: IPv4, IPv6 or FQDN.'),
    column('Ports', 'string', 'The ports every endpoint in the slice serves.'),
    column('Endpoints', 'string', 'The addresses of the endpoints in the slice.'),
    AGE_COLUMN,
  ],
  row: endpointSliceRow,
};
