// The nodes table as Kubernetes 1.32 prints it: STATUS from the Ready condition (plus
// SchedulingDisabled when cordoned), ROLES from node-role labels, the kubelet VERSION and,
// wide, addresses and system info.

import type { KubeObject } from '../../meta.js';
import type { TableCell, TablePrinter } from '../../resource.js';
import { AGE_COLUMN, NAME_COLUMN, age, column } from '../../registry/common.js';
import { present, records, stringMap, text } from './read.js';

interface Node extends KubeObject {
  spec?: { unschedulable?: boolean };
  status?: {
    conditions?: { type?: string; status?: string }[];
    addresses?: { type?: string; address?: string }[];
    nodeInfo?: {
      kubeletVersion?: string;
      osImage?: string;
      kernelVersion?: string;
      containerRuntimeVersion?: string;
    };
  };
}

const ROLE_LABEL_PREFIX = 'node-role.kubernetes.io/';
const LEGACY_ROLE_LABEL = 'kubernetes.io/role';

function nodeStatus(node: Node): string {
  // Only the Ready condition is summarized; when listed twice the last one counts.
  let ready: string | undefined;
  for (const c of records(node.status?.conditions)) {
    if (text(c.type) === 'Ready') ready = text(c.status) === 'True' ? 'Ready' : 'NotReady';
  }
  const parts = [ready ?? 'Unknown'];
  if (present(node.spec) && node.spec?.unschedulable === true) parts.push('SchedulingDisabled');
  return parts.join(',');
}

/** Roles from "node-role.kubernetes.io/<role>" label keys and the older "kubernetes.io/role"
 *  label's value, deduplicated and sorted. */
export function nodeRoles(labels: unknown): string {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(stringMap(labels))) {
    if (key.startsWith(ROLE_LABEL_PREFIX)) {
      const role = key.slice(ROLE_LABEL_PREFIX.length);
      if (role) roles.add(role);
    } else if (key === LEGACY_ROLE_LABEL && value) {
      roles.add(value);
    }
  }
  return roles.size > 0 ? [...roles].sort().join(',') : '<none>';
}

function address(node: Node, type: string): string {
  const a = records(node.status?.addresses).find((x) => text(x.type) === type);
  return a === undefined ? '<none>' : text(a.address);
}

function nodeRow(obj: KubeObject, now: Date): TableCell[] {
  const node = obj as Node;
  const info = present(node.status?.nodeInfo) ? node.status?.nodeInfo : undefined;
  return [
    text(node.metadata?.name),
    nodeStatus(node),
    nodeRoles(node.metadata?.labels),
    age(node, now),
    text(info?.kubeletVersion),
    address(node, 'InternalIP'),
    address(node, 'ExternalIP'),
    text(info?.osImage) || '<unknown>',
    text(info?.kernelVersion) || '<unknown>',
    text(info?.containerRuntimeVersion) || '<unknown>',
  ];
}

export const NODE_TABLE: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('Status', 'string', 'Whether the node is ready, and whether it is cordoned.'),
    column('Roles', 'string', 'The roles the node carries labels for.'),
    AGE_COLUMN,
    column('Version', 'string', 'The version of the kubelet on the node.'),
    column('Internal-IP', 'string', 'The first internal address of the node.', 1),
    column('External-IP', 'string', 'The first external address of the node.', 1),
    column('OS-Image', 'string', 'The operating system the node reports.', 1),
    column('Kernel-Version', 'string', 'The kernel version the node reports.', 1),
    column('Container-Runtime', 'string', 'The container runtime and its version on the node.', 1),
  ],
  row: nodeRow,
};
