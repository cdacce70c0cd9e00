// structured-merge-diff's merge.Updater: given the live object, the new object (Update) or the
// applied configuration (Apply), and the managers' field sets, computes the managers' new sets
// and, for Apply, the new object.
//
// Update: every field that was added or modified becomes the updater's and is taken from
// everyone else (an update never conflicts); removed fields leave every set.
// Apply: the configuration is merged into the live object; the applier owns exactly the fields
// of its configuration; fields it owned before and no longer applies are pruned from the object
// unless some manager (itself included) still owns them; every other manager that owns a field
// whose value the apply *changes* is in conflict — same value, shared ownership — unless
// force moves the field to the applier.
//
// Ignored fields (the strategy's reset fields, e.g. status on the main resource) are left out
// of every comparison and of the writer's set. kite keeps one version per kind, so the
// per-version conversions SMD does for managers of other versions are identities here.

import { compare, type Comparison } from './compare.js';
import { FieldSet } from './field-set.js';
import type { VersionedSet } from './managed.js';
import { merge } from './merge.js';
import type { PathKey } from './path-element.js';
import { removeItems } from './remove.js';
import type { Atom } from './schema-types.js';
import { ensureNamedFieldsAreMembers, toFieldSet } from './to-field-set.js';
import { compareStrings, valueEquals } from './value.js';

export type Managers = Map<string, VersionedSet>;

export interface Conflict {
  /** Manager identifier. */
  readonly manager: string;
  readonly path: readonly PathKey[];
}

/** SMD's merge.Conflicts. */
export class Conflicts extends Error {
  override name = 'Conflicts';
  constructor(readonly conflicts: readonly Conflict[]) {
    super(`${conflicts.length} conflicts`);
  }

  toSet(): FieldSet {
    return FieldSet.fromPaths(this.conflicts.map((c) => c.path));
  }
}

interface UpdateOptions {
  readonly atom: Atom;
  readonly version: string;
  readonly ignored: FieldSet;
}

function excludeIgnored(c: Comparison, ignored: FieldSet): Comparison {
  if (ignored.empty) return c;
  return {
    added: c.added.recursiveDifference(ignored),
    modified: c.modified.recursiveDifference(ignored),
    removed: c.removed.recursiveDifference(ignored),
  };
}

/** SMD's Updater.update: takes changed fields from every manager but `workflow`. */
function takeChanged(
  live: unknown,
  next: unknown,
  managers: Managers,
  workflow: string,
  force: boolean,
  o: UpdateOptions,
): { managers: Managers; comparison: Comparison } {
  const comparison = excludeIgnored(compare(live, next, o.atom), o.ignored);
  const changed = comparison.modified.union(comparison.added);
  const conflicts = new Map<string, FieldSet>();
  for (const [manager, vs] of managers) {
    if (manager === workflow) continue;
    const c = vs.set.intersection(changed);
    if (!c.empty) conflicts.set(manager, c);
  }
  if (!force && conflicts.size > 0) {
    const list: Conflict[] = [];
    for (const manager of [...conflicts.keys()].sort(compareStrings)) {
      conflicts.get(manager)!.iterate((path) => list.push({ manager, path: [...path] }));
    }
    throw new Conflicts(list);
  }
  const out: Managers = new Map();
  for (const [manager, vs] of managers) {
    let set = vs.set;
    if (manager !== workflow) {
      const c = conflicts.get(manager);
      if (c) set = set.difference(c);
      set = set.difference(comparison.removed);
    }
    if (set.empty) continue;
    out.set(manager, set === vs.set ? vs : { set, apiVersion: vs.apiVersion, applied: vs.applied });
  }
  return { managers: out, comparison };
}

/** SMD's Updater.Update: the managers after `manager` wrote `next` over `live`. */
export function updaterUpdate(live: unknown, next: unknown, managers: Managers, manager: string, o: UpdateOptions): Managers {
  const { managers: out, comparison } = takeChanged(live, next, managers, manager, true, o);
  const prev = out.get(manager)?.set ?? FieldSet.EMPTY;
  const set = prev
    .union(comparison.modified)
    .union(comparison.added)
    .difference(comparison.removed)
    .recursiveDifference(o.ignored);
  if (set.empty) out.delete(manager);
  else out.set(manager, { set, apiVersion: o.version, applied: false });
  return out;
}

export interface ApplyResult {
  /** The new object; undefined when applying changed nothing. */
  readonly object: unknown;
  readonly managers: Managers;
}

/** SMD's Updater.Apply. Throws Conflicts. */
export function updaterApply(
  live: unknown,
  config: unknown,
  managers: Managers,
  manager: string,
  force: boolean,
  o: UpdateOptions,
): ApplyResult {
  let next = merge(live, config, o.atom);
  const lastSet = managers.get(manager);
  const set = toFieldSet(config, o.atom).recursiveDifference(o.ignored);
  const withApplier: Managers = new Map(managers);
  withApplier.set(manager, { set, apiVersion: o.version, applied: true });
  next = prune(next, withApplier, lastSet?.set, o.atom);
  const { managers: out } = takeChanged(live, next, withApplier, manager, force, o);
  return { object: valueEquals(live, next) ? undefined : next, managers: out };
}

/**
 * SMD's prune: removes what the applier applied last time and not this time, unless a manager
 * (the applier's new configuration included) owns it.
 */
function prune(merged: unknown, managers: Managers, lastSet: FieldSet | undefined, atom: Atom): unknown {
  if (!lastSet || lastSet.empty) return merged;
  const named = (s: FieldSet) => ensureNamedFieldsAreMembers(s, atom);
  const last = named(lastSet);
  let pruned = removeItems(merged, last.root, atom);

  // Add back whatever someone owns.
  let managed = FieldSet.EMPTY;
  for (const vs of managers.values()) managed = managed.union(vs.set);
  const mergedSet = named(toFieldSet(merged, atom));
  pruned = removeItems(merged, mergedSet.difference(named(toFieldSet(pruned, atom)).union(named(managed))).root, atom);

  // Only remove what the applier owned: fields nobody owned, or owned by updaters, stay.
  const prunedSet = named(toFieldSet(pruned, atom));
  return removeItems(merged, mergedSet.difference(prunedSet).intersection(last).root, atom);
}
