// The poddisruptionbudgets table as Kubernetes 1.32 prints it: MIN AVAILABLE and MAX
// UNAVAILABLE as written (a count or a percentage, 'N/A' when unset) and the ALLOWED
// DISRUPTIONS the disruption controller last computed.

import type { KubeObject } from '../../meta.js';
import type { TableCell, TablePrinter } from '../../resource.js';
import { AGE_COLUMN, NAME_COLUMN, age, column } from '../../registry/common.js';
import { int, present, text } from '../core/read.js';

interface PodDisruptionBudget extends KubeObject {
  spec?: { minAvailable?: number | string | null; maxUnavailable?: number | string | null };
  status?: { disruptionsAllowed?: number };
}

/** An IntOrString as Kubernetes prints it, 'N/A' when unset. */
function intOrString(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(Math.trunc(v));
  return 'N/A';
}

function pdbRow(obj: KubeObject, now: Date): TableCell[] {
  const pdb = obj as PodDisruptionBudget;
  const spec = present(pdb.spec) ? pdb.spec : undefined;
  const status = present(pdb.status) ? pdb.status : undefined;
  return [
    text(pdb.metadata?.name),
    intOrString(spec?.minAvailable),
    intOrString(spec?.maxUnavailable),
    int(status?.disruptionsAllowed),
    age(pdb, now),
  ];
}

export const PDB_TABLE: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('Min Available', 'string', 'The fewest selected pods that must stay available.'),
    column('Max Unavailable', 'string', 'The most selected pods that may be unavailable.'),
    column('Allowed Disruptions', 'integer', 'How many pods may be evicted right now.'),
    AGE_COLUMN,
  ],
  row: pdbRow,
};
