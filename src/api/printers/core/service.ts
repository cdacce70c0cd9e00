// The services table as Kubernetes 1.32 prints it: TYPE, CLUSTER-IP, EXTERNAL-IP (external IPs,
// load-balancer ingress, '<pending>' or the external name, by type), PORT(S) as
// "port[:nodePort]/protocol" and, wide, the pod SELECTOR.

import type { KubeObject } from '../../meta.js';
import type { TableCell, TablePrinter } from '../../resource.js';
import { AGE_COLUMN, NAME_COLUMN, age, column, formatLabels } from '../../registry/common.js';
import { int, present, records, strings, text } from './read.js';

interface ServicePort {
  port?: number;
  nodePort?: number;
  protocol?: string;
}

interface Service extends KubeObject {
  spec?: {
    type?: string;
    clusterIP?: string;
    clusterIPs?: string[];
    externalIPs?: string[];
    externalName?: string;
    ports?: ServicePort[];
    selector?: Record<string, string>;
  };
  status?: {
    loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] };
  };
}

/** Load-balancer ingress points, IP preferred over hostname, deduplicated and sorted. The
 *  server always prints tables wide, so the 16-character clipping of kubectl's own printer
 *  never applies here. */
function ingressPoints(svc: Service): string[] {
  const points = new Set<string>();
  for (const ing of records(svc.status?.loadBalancer?.ingress)) {
    const point = text(ing.ip) || text(ing.hostname);
    if (point) points.add(point);
  }
  return [...points].sort();
}

function externalIP(svc: Service): string {
  const externalIPs = strings(svc.spec?.externalIPs);
  switch (text(svc.spec?.type)) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const points = ingressPoints(svc);
      if (externalIPs.length > 0) return [...points, ...externalIPs].join(',');
      return points.length > 0 ? points.join(',') : '<pending>';
    }
    case 'ExternalName':
      return text(svc.spec?.externalName);
    default:
      return '<unknown>';
  }
}

function portsCell(ports: ServicePort[]): string {
  const pieces = ports.map((p) => {
    // Defaulting always stores a protocol; TCP is what it would have stored.
    const protocol = text(p.protocol) || 'TCP';
    const nodePort = int(p.nodePort);
    return nodePort > 0 ? `${int(p.port)}:${nodePort}/${protocol}` : `${int(p.port)}/${protocol}`;
  });
  return pieces.length > 0 ? pieces.join(',') : '<none>';
}

function serviceRow(obj: KubeObject, now: Date): TableCell[] {
  const svc = obj as Service;
  const spec = present(svc.spec) ? svc.spec : undefined;
  // Go reads clusterIPs, which the v1 conversion fills from clusterIP when only that is set.
  const clusterIPs = strings(spec?.clusterIPs);
  const clusterIP = clusterIPs.length > 0 ? clusterIPs[0]! : text(spec?.clusterIP) || '<none>';
  return [
    text(svc.metadata?.name),
    text(spec?.type),
    clusterIP,
    externalIP(svc),
    portsCell(records(spec?.ports)),
    age(svc, now),
    formatLabels(spec?.selector),
  ];
}

export const SERVICE_TABLE: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('Type', 'string', 'How the service is exposed: ClusterIP, NodePort, LoadBalancer or ExternalName.'),
    column('Cluster-IP', 'string', 'The virtual IP address of the service inside the cluster.'),
    column('External-IP', 'string', 'Addresses the service is reachable at from outside the cluster.'),
    column('Port(s)', 'string', 'Service ports, with node ports where allocated, and their protocols.'),
    AGE_COLUMN,
    column('Selector', 'string', 'Labels of the pods the service sends traffic to.', 1),
  ],
  row: serviceRow,
};
