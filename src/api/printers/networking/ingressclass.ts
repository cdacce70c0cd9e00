// The ingressclasses table as Kubernetes 1.32 prints it: the CONTROLLER that implements the
// class and its PARAMETERS reference as "Kind.apiGroup/name" ('<none>' when unset).

import type { KubeObject } from '../../meta.js';
import type { TableCell, TablePrinter } from '../../resource.js';
import { AGE_COLUMN, NAME_COLUMN, age, column } from '../../registry/common.js';
import { present, text } from '../core/read.js';

interface IngressClass extends KubeObject {
  spec?: { controller?: string; parameters?: { apiGroup?: string | null; kind?: string; name?: string } | null };
}

function parameters(ic: IngressClass): string {
  const p = present(ic.spec) && present(ic.spec?.parameters) ? ic.spec?.parameters : undefined;
  if (!p) return '<none>';
  // A set apiGroup is appended even when empty, as Kubernetes does.
  const kind = typeof p.apiGroup === 'string' ? `${text(p.kind)}.${p.apiGroup}` : text(p.kind);
  return `${kind}/${text(p.name)}`;
}

function ingressClassRow(obj: KubeObject, now: Date): TableCell[] {
  const ic = obj as IngressClass;
  const spec = present(ic.spec) ? ic.spec : undefined;
  return [text(ic.metadata?.name), text(spec?.controller), parameters(ic), age(ic, now)];
}

export const INGRESSCLASS_TABLE: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('Controller', 'string', 'The controller that implements ingresses of this class.'),
    column('Parameters', 'string', 'The object holding the class configuration.'),
    AGE_COLUMN,
  ],
  row: ingressClassRow,
};
