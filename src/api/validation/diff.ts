// The diff Kubernetes appends to "immutable after creation" messages (pod spec, PVC spec, PV
// source). Kubernetes prints go-cmp's report of its internal Go structs, which go-cmp
// deliberately varies from run to run (it randomizes its spacing) so that nobody parses it;
// kite prints the same shape over JSON field names: the struct type, one "-"/"+" pair per
// changed field, nested structs expanded, and a count of the identical fields.

import { goQuote } from '../labels/index.js';
import { isObj, semanticEqual } from './access.js';

function goFieldName(k: string): string {
  return k.charAt(0).toUpperCase() + k.slice(1);
}

function literal(v: unknown): string {
  if (v === undefined || v === null) return 'nil';
  if (typeof v === 'string') return goQuote(v);
  return JSON.stringify(v);
}

function lines(a: Record<string, unknown>, b: Record<string, unknown>, depth: number): string[] {
  const out: string[] = [];
  const tabs = '\t'.repeat(depth);
  let identical = 0;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  for (const k of keys) {
    const x = a[k];
    const y = b[k];
    if (semanticEqual(x, y)) {
      identical++;
      continue;
    }
    const name = goFieldName(k);
    if (isObj(x) && isObj(y)) {
      out.push(`  ${tabs}${name}: {`);
      out.push(...lines(x, y, depth + 1));
      out.push(`  ${tabs}},`);
    } else {
      out.push(`- ${tabs}${name}: ${literal(x)},`);
      out.push(`+ ${tabs}${name}: ${literal(y)},`);
    }
  }
  if (identical > 0) out.push(`  ${tabs}... // ${identical} identical ${identical === 1 ? 'field' : 'fields'}`);
  return out;
}

/** The diff between two objects of the named Go type, ending in a newline as go-cmp's does. */
export function specDiff(typeName: string, oldValue: unknown, newValue: unknown): string {
  const a = isObj(oldValue) ? oldValue : {};
  const b = isObj(newValue) ? newValue : {};
  return [`  ${typeName}{`, ...lines(a, b, 1), '  }', ''].join('\n');
}
