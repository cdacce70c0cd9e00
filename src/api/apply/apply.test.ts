import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StatusError } from '../errors.js';
import type { KubeObject } from '../meta.js';
import { serverSideApply, type ServerSideApplyOptions } from './apply.js';
import { FieldSet } from './field-set.js';
import { buildLastApplied, LAST_APPLIED_ANNOTATION } from './last-applied.js';
import { updateManagedFields } from './managed-fields.js';
import { CONFIGMAP, DEPLOYMENT, T0, T1, T2, deployment, entryOf, managers, owned, stored } from './testing.js';

function apply(live: KubeObject | undefined, config: KubeObject, manager: string, time: string, extra: Partial<ServerSideApplyOptions> = {}): KubeObject {
  const schema = config.kind === 'ConfigMap' ? CONFIGMAP : DEPLOYMENT;
  const out = serverSideApply(live, config, { manager, force: false, time, schema, ...extra });
  return live ? { ...out, metadata: { ...out.metadata, uid: live.metadata.uid, resourceVersion: live.metadata.resourceVersion } } : stored(out);
}

function rejects(fn: () => unknown, code: number, message: string | RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof StatusError, String(err));
    assert.equal(err.code, code);
    if (typeof message === 'string') assert.equal(err.message, message);
    else assert.match(err.message, message);
    return true;
  });
}

const spec = (o: KubeObject) => o.spec as Record<string, unknown> & { template: { spec: { containers: Record<string, unknown>[] } } };

test('applying to a missing object creates it, owned by the applier', () => {
  const got = apply(undefined, deployment({ replicas: 2 }), 'kubectl', T0);
  assert.equal(spec(got).replicas, 2);
  assert.deepEqual(got.metadata.managedFields, [
    {
      manager: 'kubectl',
      operation: 'Apply',
      apiVersion: 'apps/v1',
      time: T0,
      fieldsType: 'FieldsV1',
      fieldsV1: {
        'f:metadata': { 'f:labels': { 'f:app': {} } },
        'f:spec': {
          'f:replicas': {},
          'f:selector': {},
          'f:template': {
            'f:metadata': { 'f:labels': { 'f:app': {} } },
            'f:spec': { 'f:containers': { 'k:{"name":"nginx"}': { '.': {}, 'f:image': {}, 'f:name': {} } } },
          },
        },
      },
    },
  ]);
});

test('re-applying the same configuration changes nothing, not even the time', () => {
  const first = apply(undefined, deployment({ replicas: 2 }), 'kubectl', T0);
  const again = apply(first, deployment({ replicas: 2 }), 'kubectl', T1);
  assert.deepEqual(again, first);
});

test('a changed value is applied and the entry gets the new time', () => {
  const first = apply(undefined, deployment({ replicas: 2 }), 'kubectl', T0);
  const got = apply(first, deployment({ replicas: 4 }), 'kubectl', T1);
  assert.equal(spec(got).replicas, 4);
  assert.equal(entryOf(got, 'kubectl')!.time, T1);
});

test('a field dropped from the configuration is removed from the object', () => {
  const first = apply(undefined, deployment({ replicas: 2, labels: { app: 'web', tier: 'front' } }), 'kubectl', T0);
  const got = apply(first, deployment({ labels: { app: 'web' } }), 'kubectl', T1);
  assert.deepEqual(got.metadata.labels, { app: 'web' });
  assert.equal(spec(got).replicas, undefined);
  assert.ok(!owned(got, 'kubectl').includes('.spec.replicas'));
});

test('a dropped field another applier also applies stays', () => {
  const first = apply(undefined, deployment({ replicas: 2 }), 'a', T0);
  const shared = apply(first, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 2 } }, 'b', T1);
  assert.deepEqual(owned(shared, 'b'), ['.spec.replicas']);
  assert.ok(owned(shared, 'a').includes('.spec.replicas'), 'same value: shared ownership, no conflict');
  const got = apply(shared, deployment(), 'a', T2);
  assert.equal(spec(got).replicas, 2);
  assert.deepEqual(owned(got, 'b'), ['.spec.replicas']);
});

test('a dropped field an updater changed since stays', () => {
  const first = apply(undefined, deployment({ replicas: 2 }), 'kubectl', T0);
  const scaled = structuredClone(first);
  spec(scaled).replicas = 5;
  updateManagedFields(first, scaled, { manager: 'kubectl-scale', operation: 'Update', time: T1, schema: DEPLOYMENT });
  const got = apply(scaled, deployment(), 'kubectl', T2);
  assert.equal(spec(got).replicas, 5);
});

test('a dropped list element is removed; another applier\'s element stays', () => {
  const nginx = { name: 'nginx', image: 'nginx' };
  const sidecar = { name: 'sidecar', image: 'envoy' };
  const first = apply(undefined, deployment({ containers: [nginx] }), 'a', T0);
  const both = apply(first, { ...deployment({ containers: [sidecar] }), metadata: { name: 'web', namespace: 'default' } }, 'b', T1);
  assert.deepEqual(spec(both).template.spec.containers.map((c) => c.name), ['nginx', 'sidecar']);
  const got = apply(both, deployment({ containers: [{ name: 'other', image: 'x' }] }), 'a', T2);
  assert.deepEqual(spec(got).template.spec.containers.map((c) => c.name), ['sidecar', 'other']);
});

test('a conflict with an Update manager is a 409 naming it; force takes the field', () => {
  const created = deployment({ replicas: 1 });
  updateManagedFields(undefined, created, { manager: 'kubectl-create', operation: 'Update', time: T0, schema: DEPLOYMENT });
  const live = stored(created);
  rejects(() => apply(live, deployment({ replicas: 3 }), 'kubectl', T1), 409, 'Apply failed with 1 conflict: conflict with "kubectl-create" using apps/v1: .spec.replicas');
  const forced = apply(live, deployment({ replicas: 3 }), 'kubectl', T1, { force: true });
  assert.equal(spec(forced).replicas, 3);
  assert.ok(!owned(forced, 'kubectl-create').includes('.spec.replicas'));
  assert.ok(owned(forced, 'kubectl').includes('.spec.replicas'));
});

test('conflicts between appliers name every field', () => {
  const live = apply(undefined, deployment({ replicas: 1, labels: { app: 'web', team: 'a' } }), 'manager-a', T0);
  const config = deployment({ replicas: 2, labels: { app: 'web', team: 'b' }, image: 'nginx:2' });
  try {
    apply(live, config, 'manager-b', T1);
    assert.fail('expected a conflict');
  } catch (err) {
    assert.ok(err instanceof StatusError);
    assert.equal(err.code, 409);
    assert.equal(
      err.message,
      'Apply failed with 3 conflicts: conflicts with "manager-a":\n- .metadata.labels.team\n- .spec.replicas\n' +
        '- .spec.template.spec.containers[name="nginx"].image',
    );
    assert.deepEqual(
      err.details!.causes!.map((c) => [c.reason, c.message, c.field]),
      [
        ['FieldManagerConflict', 'conflict with "manager-a"', '.metadata.labels.team'],
        ['FieldManagerConflict', 'conflict with "manager-a"', '.spec.replicas'],
        ['FieldManagerConflict', 'conflict with "manager-a"', '.spec.template.spec.containers[name="nginx"].image'],
      ],
    );
  }
});

test('sets merge by value across appliers', () => {
  const cm = (manager: string, finalizers: string[]): KubeObject => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'c', finalizers },
    data: manager === 'a' ? { k: 'v' } : undefined,
  });
  const first = apply(undefined, cm('a', ['x/a', 'shared']), 'a', T0);
  const both = apply(first, cm('b', ['x/b', 'shared']), 'b', T1);
  // b's new element goes before the element it precedes in b's configuration.
  assert.deepEqual(both.metadata.finalizers, ['x/a', 'x/b', 'shared']);
  const got = apply(both, cm('a', []), 'a', T2);
  assert.deepEqual(got.metadata.finalizers, ['x/b', 'shared']);
});

test('atomic lists are replaced and owned whole', () => {
  const withTolerations = (keys: string[]): KubeObject => {
    const d = deployment();
    (spec(d).template.spec as Record<string, unknown>).tolerations = keys.map((key) => ({ key, operator: 'Exists' }));
    return d;
  };
  const first = apply(undefined, withTolerations(['one']), 'a', T0);
  rejects(
    () => apply(first, withTolerations(['two']), 'b', T1),
    409,
    'Apply failed with 1 conflict: conflict with "a": .spec.template.spec.tolerations',
  );
});

test('metadata.managedFields in the configuration is a 400', () => {
  const config = deployment();
  config.metadata.managedFields = [];
  rejects(() => apply(undefined, config, 'kubectl', T0), 400, 'metadata.managedFields must be nil');
});

test('a configuration of another kind is a 400', () => {
  const live = apply(undefined, deployment(), 'kubectl', T0);
  rejects(() => apply(live, { ...deployment(), kind: 'StatefulSet' }, 'kubectl', T1), 400, 'invalid object type: apps/v1, Kind=StatefulSet');
  rejects(() => serverSideApply(undefined, { ...deployment(), apiVersion: 'v1' }, { manager: 'k', force: false, time: T0, schema: DEPLOYMENT, apiVersion: 'apps/v1', kind: 'Deployment' }), 400, 'invalid object type: /v1, Kind=Deployment');
});

test('a configuration the schema rejects fails as Kubernetes 1.32 does', () => {
  const config = deployment();
  (config.spec as Record<string, unknown>).bogus = true;
  rejects(
    () => apply(undefined, config, 'kubectl', T0),
    500,
    'failed to create typed patch object (default/web; apps/v1, Kind=Deployment): .spec.bogus: field not declared in schema',
  );
});

test('an object nobody manages yet belongs to before-first-apply', () => {
  const live = stored(deployment({ replicas: 1 }));
  rejects(() => apply(live, deployment({ replicas: 3 }), 'kubectl', T1), 409, 'Apply failed with 1 conflict: conflict with "before-first-apply" using apps/v1: .spec.replicas');
  const got = apply(live, deployment({ replicas: 1, labels: { app: 'web', x: 'y' } }), 'kubectl', T1);
  assert.deepEqual(managers(got), ['kubectl/Apply', 'before-first-apply/Update']);
});

test('status is nobody\'s when the endpoint resets it', () => {
  const config = deployment({ replicas: 1 });
  config.status = { replicas: 7 };
  const got = apply(undefined, config, 'kubectl', T0, { ignoredFields: FieldSet.fromFieldNames(['status']) });
  assert.ok(!owned(got, 'kubectl').some((p) => p.startsWith('.status')));
});

test('applying to a subresource records it', () => {
  const live = apply(undefined, deployment({ replicas: 1 }), 'kubectl', T0);
  const config: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' }, status: { replicas: 1 } };
  const got = apply(live, config, 'controller', T1, {
    subresource: 'status',
    ignoredFields: FieldSet.fromFieldNames(['spec'], ['metadata', 'labels']),
  });
  assert.deepEqual(managers(got), ['kubectl/Apply', 'controller/Apply/status']);
  assert.deepEqual(owned(got, 'controller'), ['.status.replicas']);
});

test('a configuration null clears the field and is owned', () => {
  const live = apply(undefined, deployment({ replicas: 3 }), 'kubectl', T0);
  const config = deployment();
  (config.spec as Record<string, unknown>).replicas = null;
  const got = apply(live, config, 'kubectl', T1);
  assert.ok(!('replicas' in (got.spec as object)));
  assert.ok(owned(got, 'kubectl').includes('.spec.replicas'));
});

// ---- kubectl client-side apply ⇄ server-side apply ----

/** What `kubectl apply` (client-side) leaves: the annotation, owned by kubectl-client-side-apply. */
function clientSideApplied(config: KubeObject): KubeObject {
  const obj = structuredClone(config);
  obj.metadata.annotations = { ...(obj.metadata.annotations ?? {}), [LAST_APPLIED_ANNOTATION]: buildLastApplied(config) };
  updateManagedFields(undefined, obj, { manager: 'kubectl-client-side-apply', operation: 'Update', time: T0, schema: DEPLOYMENT });
  return stored(obj);
}

test('CSA → SSA: kubectl may take over what it applied client-side, without force', () => {
  const live = clientSideApplied(deployment({ replicas: 2 }));
  const config = deployment({ replicas: 3, image: 'nginx:2' });
  const got = apply(live, config, 'kubectl', T1);
  assert.equal(spec(got).replicas, 3);
  assert.ok(owned(got, 'kubectl').includes('.spec.replicas'));
  assert.ok(!owned(got, 'kubectl-client-side-apply').includes('.spec.replicas'));
  // The annotation follows the server-side apply, for a later client-side apply.
  assert.equal((got.metadata.annotations as Record<string, string>)[LAST_APPLIED_ANNOTATION], buildLastApplied(config));
});

test('CSA → SSA: another manager still conflicts', () => {
  const live = clientSideApplied(deployment({ replicas: 2 }));
  rejects(
    () => apply(live, deployment({ replicas: 3 }), 'helm', T1),
    409,
    'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas',
  );
});

test('CSA → SSA: fields changed since the client-side apply still conflict', () => {
  const live = clientSideApplied(deployment({ replicas: 2 }));
  const scaled = structuredClone(live);
  spec(scaled).replicas = 5;
  updateManagedFields(live, scaled, { manager: 'kubectl-client-side-apply', operation: 'Update', time: T1, schema: DEPLOYMENT });
  rejects(
    () => apply(scaled, deployment({ replicas: 3 }), 'kubectl', T2),
    409,
    'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas',
  );
});

test('CSA → SSA: kubectl\'s managedFields migration patch is accepted', () => {
  const live = clientSideApplied(deployment({ replicas: 2 }));
  const afterSSA = apply(live, deployment({ replicas: 2 }), 'kubectl', T1);
  // What client-go's csaupgrade sends: the CSA entry folded into kubectl's Apply entry.
  const patched = structuredClone(afterSSA);
  const csa = entryOf(afterSSA, 'kubectl-client-side-apply')!;
  const ssa = entryOf(afterSSA, 'kubectl', 'Apply')!;
  const union = FieldSet.fromFieldsV1(csa.fieldsV1).union(FieldSet.fromFieldsV1(ssa.fieldsV1));
  patched.metadata.managedFields = [{ ...ssa, fieldsV1: union.toFieldsV1() }];
  updateManagedFields(afterSSA, patched, { manager: 'kubectl', operation: 'Update', time: T2, schema: DEPLOYMENT });
  assert.deepEqual(managers(patched), ['kubectl/Apply']);
  // From now on dropping a field server-side removes it, as it would have client-side.
  const got = apply(patched, deployment(), 'kubectl', T2);
  assert.equal(spec(got).replicas, undefined);
});

test('SSA → CSA: a client-side apply afterwards takes the fields it changes', () => {
  const live = apply(undefined, deployment({ replicas: 2 }), 'kubectl', T0);
  const next = structuredClone(live);
  delete next.metadata.managedFields;
  spec(next).replicas = 4;
  next.metadata.annotations = { [LAST_APPLIED_ANNOTATION]: buildLastApplied(deployment({ replicas: 4 })) };
  updateManagedFields(live, next, { manager: 'kubectl-client-side-apply', operation: 'Update', time: T1, schema: DEPLOYMENT });
  assert.ok(owned(next, 'kubectl-client-side-apply').includes('.spec.replicas'));
  assert.ok(!owned(next, 'kubectl', 'Apply').includes('.spec.replicas'));
});
