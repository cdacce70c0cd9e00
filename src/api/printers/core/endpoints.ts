// The endpoints table as Kubernetes 1.32 prints it: the first three "ip:port" pairs across all
// subsets (bare IPs for subsets without ports), then "+ N more..." for the rest.

import type { KubeObject } from '../../meta.js';
import type { TableCell, TablePrinter } from '../../resource.js';
import { AGE_COLUMN, NAME_COLUMN, age, column } from '../../registry/common.js';
import { int, records, text } from './read.js';

interface EndpointSubset {
  addresses?: { ip?: string }[];
  ports?: { port?: number }[];
}

interface Endpoints extends KubeObject {
  subsets?: EndpointSubset[];
}

const SHOWN = 3;

/** host:port, with IPv6 hosts in brackets as Go's net.JoinHostPort writes them. */
function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

export function formatEndpoints(subsets: EndpointSubset[]): string {
  if (subsets.length === 0) return '<none>';
  const shown: string[] = [];
  let total = 0;
  let more = false;
  for (const subset of subsets) {
    const addresses = records(subset.addresses);
    const ports = records(subset.ports);
    // Headless services may have no ports: list the addresses alone.
    const targets = ports.length === 0 ? [undefined] : ports;
    for (const port of targets) {
      total += addresses.length;
      for (const address of addresses) {
        if (shown.length === SHOWN) {
          more = true;
          break;
        }
        const ip = text(address.ip);
        shown.push(port === undefined ? ip : joinHostPort(ip, int(port.port)));
      }
    }
  }
  const list = shown.join(',');
  return more ? `${list} + ${total - SHOWN} more...` : list;
}

function endpointsRow(obj: KubeObject, now: Date): TableCell[] {
  const ep = obj as Endpoints;
  return [text(ep.metadata?.name), formatEndpoints(records(ep.subsets)), age(ep, now)];
}

export const ENDPOINTS_TABLE: TablePrinter = {
  columns: [NAME_COLUMN, column('Endpoints', 'string', 'Addresses and ports the service currently routes to.'), AGE_COLUMN],
  row: endpointsRow,
};
