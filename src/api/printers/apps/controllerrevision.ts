// The controllerrevisions table as Kubernetes 1.32 prints it: CONTROLLER names the owner that
// is the revision's controller as "kind.group/name" in lower case, REVISION its number.

import type { KubeObject } from '../../meta.js';
import type { TableCell, TablePrinter } from '../../resource.js';
import { AGE_COLUMN, NAME_COLUMN, age, column } from '../../registry/common.js';
import { int, records, text } from '../core/read.js';

interface OwnerRef {
  apiVersion?: string;
  kind?: string;
  name?: string;
  controller?: boolean;
}

interface ControllerRevision extends KubeObject {
  revision?: number;
}

/** The controller owner as Kubernetes writes a group-qualified resource name. */
function controllerName(obj: KubeObject): string {
  const owners = records((obj.metadata?.ownerReferences ?? []) as OwnerRef[]);
  const ref = owners.find((o) => o.controller === true);
  if (!ref) return '<none>';
  const apiVersion = text(ref.apiVersion);
  // A group version is "group/version", or just "version" for the core group.
  const slash = apiVersion.indexOf('/');
  const group = slash >= 0 ? apiVersion.slice(0, slash) : '';
  const kind = text(ref.kind);
  const name = text(ref.name);
  if (kind === '' && group === '') return name;
  const groupKind = group === '' ? kind : `${kind}.${group}`;
  return `${groupKind.toLowerCase()}/${name}`;
}

function controllerRevisionRow(obj: KubeObject, now: Date): TableCell[] {
  const cr = obj as ControllerRevision;
  return [text(cr.metadata?.name), controllerName(cr), int(cr.revision), age(cr, now)];
}

export const CONTROLLERREVISION_TABLE: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('Controller', 'string', 'The workload that owns the revision.'),
    column('Revision', 'string', 'The revision number.'),
    AGE_COLUMN,
  ],
  row: controllerRevisionRow,
};
