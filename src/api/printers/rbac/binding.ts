// The rolebindings and clusterrolebindings table as Kubernetes 1.32 prints it: ROLE as
// Kind/name; wide adds the bound USERS, GROUPS and SERVICEACCOUNTS (as namespace/name), each
// list joined by ", ". Subjects of other kinds are left out.

import type { KubeObject } from '../../meta.js';
import type { TableCell, TablePrinter } from '../../resource.js';
import { AGE_COLUMN, NAME_COLUMN, age, column } from '../../registry/common.js';
import { present, records, text } from '../core/read.js';

interface Subject {
  kind?: string;
  name?: string;
  namespace?: string;
}

interface Binding extends KubeObject {
  roleRef?: { kind?: string; name?: string };
  subjects?: Subject[];
}

function bindingRow(obj: KubeObject, now: Date): TableCell[] {
  const b = obj as Binding;
  const ref = present(b.roleRef) ? b.roleRef : undefined;
  const users: string[] = [];
  const groups: string[] = [];
  const serviceAccounts: string[] = [];
  for (const s of records(b.subjects)) {
    if (s.kind === 'ServiceAccount') serviceAccounts.push(`${text(s.namespace)}/${text(s.name)}`);
    else if (s.kind === 'User') users.push(text(s.name));
    else if (s.kind === 'Group') groups.push(text(s.name));
  }
  return [
    text(b.metadata?.name),
    `${text(ref?.kind)}/${text(ref?.name)}`,
    age(b, now),
    users.join(', '),
    groups.join(', '),
    serviceAccounts.join(', '),
  ];
}

/** ROLE, then wide USERS, GROUPS, SERVICEACCOUNTS; `scope` names the kind in descriptions. */
function bindingTable(scope: string): TablePrinter {
  return {
    columns: [
      NAME_COLUMN,
      column('Role', 'string', `The role the ${scope} grants.`),
      AGE_COLUMN,
      column('Users', 'string', `The users the ${scope} grants the role to.`, 1),
      column('Groups', 'string', `The groups the ${scope} grants the role to.`, 1),
      column('ServiceAccounts', 'string', `The service accounts the ${scope} grants the role to.`, 1),
    ],
    row: bindingRow,
  };
}

export const ROLEBINDING_TABLE: TablePrinter = bindingTable('role binding');

export const CLUSTERROLEBINDING_TABLE: TablePrinter = bindingTable('cluster role binding');
