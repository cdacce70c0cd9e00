// Every table of the non-core built-in resources: a row per column, and no throwing on objects
// that hold only metadata or have fields of the wrong JSON type.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../meta.js';
import type { ResourceDef } from '../resource.js';
import { ADMISSIONREGISTRATION_RESOURCES } from '../registry/admissionregistration.js';
import { APIEXTENSIONS_RESOURCES } from '../registry/apiextensions.js';
import { APPS_RESOURCES } from '../registry/apps.js';
import { AUTOSCALING_RESOURCES } from '../registry/autoscaling.js';
import { BATCH_RESOURCES } from '../registry/batch.js';
import { COORDINATION_RESOURCES } from '../registry/coordination.js';
import { DISCOVERY_RESOURCES } from '../registry/discovery.js';
import { EVENTS_RESOURCES } from '../registry/events.js';
import { NETWORKING_RESOURCES } from '../registry/networking.js';
import { POLICY_RESOURCES } from '../registry/policy.js';
import { RBAC_RESOURCES } from '../registry/rbac.js';
import { SCHEDULING_RESOURCES } from '../registry/scheduling.js';
import { STORAGE_RESOURCES } from '../registry/storage.js';
import { NOW } from './testing.js';

const ALL: readonly ResourceDef[] = [
  ...APPS_RESOURCES,
  ...BATCH_RESOURCES,
  ...AUTOSCALING_RESOURCES,
  ...POLICY_RESOURCES,
  ...NETWORKING_RESOURCES,
  ...DISCOVERY_RESOURCES,
  ...COORDINATION_RESOURCES,
  ...EVENTS_RESOURCES,
  ...RBAC_RESOURCES,
  ...STORAGE_RESOURCES,
  ...SCHEDULING_RESOURCES,
  ...APIEXTENSIONS_RESOURCES,
  ...ADMISSIONREGISTRATION_RESOURCES,
];

const odd: KubeObject[] = [
  { metadata: {} },
  { metadata: { name: 'x' } },
  {
    metadata: { name: 'x', annotations: {}, ownerReferences: [] },
    spec: 'nope',
    status: 7,
    webhooks: {},
    ports: 'p',
    endpoints: [null, 1, { addresses: 'a' }],
    roleRef: [],
    subjects: [null],
    involvedObject: 'o',
    series: [],
  },
  {
    metadata: { name: 'x' },
    spec: { template: { spec: { containers: [null, 'c', {}] } }, selector: 'all', metrics: [null, { type: 'Pods', pods: 'p' }], rules: 'r' },
    status: { conditions: 'c', currentMetrics: {}, loadBalancer: { ingress: [1] }, active: 'a' },
  },
];

for (const def of ALL) {
  const name = `${def.plural}.${def.group}`;
  test(`table of ${name} prints odd objects without throwing`, () => {
    for (const o of odd) {
      const row = def.table.row(o, NOW);
      assert.equal(row.length, def.table.columns.length);
      for (const cell of row) assert.ok(['string', 'number', 'boolean'].includes(typeof cell) || cell === null);
    }
  });

  test(`table of ${name} names its first name-format column Name`, () => {
    const nameColumn = def.table.columns.find((c) => c.format === 'name');
    assert.equal(nameColumn?.name, 'Name');
  });

  test(`field selectors of ${name} read odd objects`, () => {
    for (const o of odd) for (const select of Object.values(def.fieldSelectors)) assert.equal(typeof select(o), 'string');
  });
}

test('every non-core resource is declared once', () => {
  const keys = ALL.map((d) => `${d.group}/${d.plural}`);
  assert.equal(new Set(keys).size, keys.length);
  assert.equal(keys.length, 24);
});
