// The ingresses table as Kubernetes 1.32 prints it: CLASS ('<none>' when unset), HOSTS (the
// first three rule hosts, '*' when no rule names one), ADDRESS (the load balancer's IPs or
// hostnames, sorted and deduplicated, never truncated since the server prints wide) and PORTS
// ('80', or '80, 443' when TLS is configured).

import type { KubeObject } from '../../meta.js';
import type { TableCell, TablePrinter } from '../../resource.js';
import { AGE_COLUMN, NAME_COLUMN, age, column } from '../../registry/common.js';
import { present, records, text } from '../core/read.js';

interface Ingress extends KubeObject {
  spec?: { ingressClassName?: string | null; rules?: { host?: string }[]; tls?: unknown[] };
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
}

const MAX_HOSTS = 3;

function formatHosts(rules: { host?: string }[]): string {
  const hosts: string[] = [];
  let more = false;
  for (const rule of rules) {
    if (hosts.length === MAX_HOSTS) more = true;
    if (!more && text(rule.host) !== '') hosts.push(text(rule.host));
  }
  if (hosts.length === 0) return '*';
  // The overflow counts rules, hostless ones included, as Kubernetes does.
  return more ? `${hosts.join(',')} + ${rules.length - MAX_HOSTS} more...` : hosts.join(',');
}

function formatAddress(status: Ingress['status']): string {
  const lb = present(status?.loadBalancer) ? status?.loadBalancer : undefined;
  const seen = new Set<string>();
  for (const point of records(lb?.ingress)) {
    const ip = text(point.ip);
    const hostname = text(point.hostname);
    if (ip) seen.add(ip);
    else if (hostname) seen.add(hostname);
  }
  return [...seen].sort().join(',');
}

function ingressRow(obj: KubeObject, now: Date): TableCell[] {
  const ing = obj as Ingress;
  const spec = present(ing.spec) ? ing.spec : undefined;
  const className = spec?.ingressClassName;
  const tls = Array.isArray(spec?.tls) ? spec.tls : [];
  return [
    text(ing.metadata?.name),
    typeof className === 'string' ? className : '<none>',
    formatHosts(records(spec?.rules)),
    formatAddress(present(ing.status) ? ing.status : undefined),
    tls.length > 0 ? '80, 443' : '80',
    age(ing, now),
  ];
}

export const INGRESS_TABLE: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('Class', 'string', 'The ingress class that implements the ingress.'),
    column('Hosts', 'string', 'The hosts requests must name to match a rule.'),
    column('Address', 'string', 'Where the load balancer receives traffic for the ingress.'),
    column('Ports', 'string', 'The ports the ingress serves on.'),
    AGE_COLUMN,
  ],
  row: ingressRow,
};
