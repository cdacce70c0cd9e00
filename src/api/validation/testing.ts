// Helpers shared by the validation tests: field errors as the strings Kubernetes prints
// (`field: body`) and table runners that apply one edit to a valid object.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { fieldErrorString, type FieldError } from '../errors.js';
import type { KubeObject } from '../meta.js';
import { build } from './fixtures.js';
import { validateObject, validateObjectUpdate } from './index.js';

export type Doc = KubeObject & Record<string, unknown>;
export type Edit = (o: Doc) => void;
export type Case = [name: string, edit: Edit, want: string[]];

export const msgs = (errs: readonly FieldError[]): string[] => errs.map(fieldErrorString);

/** Distinct messages: update checks often report the same metadata error twice. */
export const uniq = (xs: string[]): string[] => [...new Set(xs)];

/** A deep path getter for edits: at(o, 'spec', 'template', 'spec'). */
export function at(o: unknown, ...path: (string | number)[]): Record<string, unknown> {
  let cur = o as Record<string | number, unknown>;
  for (const p of path) cur = cur[p] as Record<string | number, unknown>;
  return cur as Record<string, unknown>;
}

/** One test per case: create-validates `edit(base())`. */
export function createCases(base: () => Doc, cases: readonly Case[]): void {
  for (const [name, edit, want] of cases) {
    test(name, () => assert.deepEqual(msgs(validateObject(build(base(), edit))), want));
  }
}

/** One test per case: update-validates `edit(base())` against `base()`; distinct messages. */
export function updateCases(base: () => Doc, cases: readonly Case[]): void {
  for (const [name, edit, want] of cases) {
    test(name, () => {
      const old = base();
      assert.deepEqual(uniq(msgs(validateObjectUpdate(build(old, edit), old))), want);
    });
  }
}
