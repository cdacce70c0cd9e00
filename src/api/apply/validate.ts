// Checking an applied configuration against the schema before merging it, as
// structured-merge-diff does when it converts the patch to a typed value: fields the schema
// does not declare, list elements without their keys, duplicate keys, and scalars of the wrong
// type. Errors carry SMD's paths and texts (`.spec.ports: element 0: associative list with keys
// has an element that omits key field "port" (and doesn't have default value)`), which
// Kubernetes returns verbatim inside "failed to create typed patch object (...)".

import { ListItemError, listItemKey } from './list-item.js';
import { parsePathElement, pathElementString } from './path-element.js';
import { pick, type Atom, type ScalarKind } from './schema-types.js';
import { isMap } from './value.js';

export interface SchemaError {
  readonly path: string;
  readonly message: string;
}

export function validateApplied(value: unknown, atom: Atom): SchemaError[] {
  const errs: SchemaError[] = [];
  check(value, atom, '', errs);
  return errs;
}

/** SMD's ValidationErrors.Error(). */
export function schemaErrorsString(errs: readonly SchemaError[]): string {
  const one = (e: SchemaError) => (e.path ? `${e.path}: ${e.message}` : e.message);
  if (errs.length === 1) return one(errs[0]!);
  return ['errors:', ...errs.map((e) => '  ' + one(e))].join('\n');
}

/** Go's %T of a decoded JSON value. */
function goType(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  if (Array.isArray(v)) return '[]interface {}';
  if (isMap(v)) return 'map[string]interface {}';
  return '<nil>';
}

/** Go's %v of a decoded JSON value. */
function goValue(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  if (isMap(v)) {
    return `map[${Object.keys(v)
      .sort()
      .map((k) => `${k}:${goValue(v[k])}`)
      .join(' ')}]`;
  }
  return v === null || v === undefined ? '<nil>' : String(v);
}

function checkScalar(kind: ScalarKind, v: unknown, path: string, errs: SchemaError[]): void {
  if (v === null || v === undefined) return;
  switch (kind) {
    case 'numeric':
      if (typeof v !== 'number') errs.push({ path, message: `expected numeric (int or float), got ${goType(v)}` });
      return;
    case 'string':
      if (typeof v !== 'string') errs.push({ path, message: `expected string, got &value.valueUnstructured{Value:${goValue(v)}}` });
      return;
    case 'boolean':
      if (typeof v !== 'boolean') errs.push({ path, message: `expected boolean, got &{${goValue(v)}}` });
      return;
    default:
  }
}

function check(v: unknown, atom: Atom, path: string, errs: SchemaError[]): void {
  switch (pick(atom, v)) {
    case 'map': {
      if (v === null || v === undefined) return;
      if (!isMap(v)) {
        errs.push({ path, message: `expected map, got &{${goValue(v)}}` });
        return;
      }
      const m = atom.map!;
      for (const k in v) {
        const x = v[k];
        if (x === undefined) continue;
        const t = m.fields?.get(k) ?? m.elem;
        if (!t) {
          // SMD stops at the first undeclared field of an object.
          errs.push({ path: `${path}.${k}`, message: 'field not declared in schema' });
          return;
        }
        check(x, t.atom, `${path}.${k}`, errs);
      }
      return;
    }
    case 'list': {
      if (v === null || v === undefined) return;
      if (!Array.isArray(v)) {
        errs.push({ path, message: `expected list, got &{${goValue(v)}}` });
        return;
      }
      const l = atom.list!;
      const seen = new Set<string>();
      for (let i = 0; i < v.length; i++) {
        let itemPath: string;
        if (l.atomic) itemPath = `${path}[${i}]`;
        else {
          const pe = listItemKey(l, i, v[i]);
          if (pe instanceof ListItemError) {
            errs.push({ path, message: `element ${i}: ${pe.message}` });
            return; // without a key SMD cannot say anything about the rest
          }
          const s = pathElementString(parsePathElement(pe)!);
          if (seen.has(pe)) errs.push({ path, message: `duplicate entries for key ${s}` });
          seen.add(pe);
          itemPath = path + s;
        }
        check(v[i], l.elem.atom, itemPath, errs);
      }
      return;
    }
    case 'scalar':
      checkScalar(atom.scalar!, v, path, errs);
      return;
    default:
  }
}
