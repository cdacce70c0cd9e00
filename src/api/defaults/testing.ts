// Test helpers for the defaulting tables: each case is an object as a client sends it and the
// object Kubernetes 1.32 stores and returns for it; every case is also checked for idempotence
// (defaulting the expected object changes nothing) and for not depending on shared state.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KubeObject } from '../meta.js';
import { applyDefaults } from './index.js';

export interface DefaultingCase {
  name: string;
  in: Record<string, unknown>;
  out: Record<string, unknown>;
}

export function defaulted(obj: Record<string, unknown>): KubeObject {
  const copy = structuredClone(obj) as KubeObject;
  applyDefaults(copy);
  return copy;
}

export function runDefaultingCases(suite: string, cases: readonly DefaultingCase[]): void {
  for (const c of cases) {
    test(`${suite}: ${c.name}`, () => {
      const once = defaulted(c.in);
      assert.deepEqual(once, c.out);
      assert.deepEqual(defaulted(once), c.out, 'idempotent');
      // Defaults are fresh values, never shared with another object.
      const other = defaulted(c.in);
      assert.deepEqual(JSON.parse(JSON.stringify(once)), JSON.parse(JSON.stringify(other)));
    });
  }
}

/** The PodSpec defaults every template and pod gets, for building expected objects. */
export const POD_SPEC_DEFAULTS = {
  dnsPolicy: 'ClusterFirst',
  restartPolicy: 'Always',
  schedulerName: 'default-scheduler',
  securityContext: {},
  terminationGracePeriodSeconds: 30,
};

/** A defaulted container with the given fields (name, image, ...). */
export function container(fields: Record<string, unknown>, pullPolicy = 'Always'): Record<string, unknown> {
  return {
    imagePullPolicy: pullPolicy,
    resources: {},
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    ...fields,
  };
}
