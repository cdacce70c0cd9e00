// The 409 an apply conflict returns, exactly as Kubernetes words it:
//   Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas
//   Apply failed with 2 conflicts: conflicts with "a" using apps/v1:\n- .spec.replicas\n...
// with one StatusCause per conflicting field (reason FieldManagerConflict, message
// `conflict with "<manager>"[ with subresource "<s>"][ using <apiVersion>]`, field = the path).
// Managers are named as Kubernetes' printManager names them: Update managers with their
// apiVersion, Apply managers by name alone.

import { StatusError } from '../errors.js';
import { goQuote } from '../labels/go-format.js';
import type { StatusCause } from '../meta.js';
import { parseManagerIdentifier, UPDATE } from './managed.js';
import { pathString } from './path-element.js';
import type { Conflict } from './updater.js';
import { compareStrings } from './value.js';

/** Kubernetes' printManager. */
export function printManager(id: string): string {
  const info = parseManagerIdentifier(id);
  if (!info.operation && !info.manager) return goQuote(id);
  let s = goQuote(info.manager ?? '');
  if (info.subresource) s += ` with subresource ${goQuote(info.subresource)}`;
  if (info.operation === UPDATE) return `${s} using ${info.apiVersion ?? ''}`;
  return s;
}

/** Kubernetes' NewConflictError. */
export function conflictError(conflicts: readonly Conflict[]): StatusError {
  const causes: StatusCause[] = conflicts.map((c) => ({
    reason: 'FieldManagerConflict',
    message: `conflict with ${printManager(c.manager)}`,
    field: pathString(c.path),
  }));
  return new StatusError(409, 'Conflict', conflictMessage(conflicts), { causes });
}

function conflictMessage(conflicts: readonly Conflict[]): string {
  if (conflicts.length === 1) {
    const c = conflicts[0]!;
    return `Apply failed with 1 conflict: conflict with ${printManager(c.manager)}: ${pathString(c.path)}`;
  }
  const byManager = new Map<string, string[]>();
  for (const c of conflicts) {
    const paths = byManager.get(c.manager) ?? [];
    paths.push(pathString(c.path));
    byManager.set(c.manager, paths);
  }
  const lines: string[] = [];
  for (const manager of [...byManager.keys()].sort(compareStrings)) {
    lines.push(`conflicts with ${printManager(manager)}:`);
    for (const p of byManager.get(manager)!) lines.push(`- ${p}`);
  }
  return `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
}
