import { test } from 'node:test';
import assert from 'node:assert/strict';
import { conflictError, printManager } from './conflict.js';
import { managerIdentifier } from './managed.js';

const csa = managerIdentifier({ manager: 'kubectl-client-side-apply', operation: 'Update', apiVersion: 'apps/v1' });
const other = managerIdentifier({ manager: 'other', operation: 'Apply' });
const kcm = managerIdentifier({ manager: 'kube-controller-manager', operation: 'Update', apiVersion: 'apps/v1', subresource: 'status' });

const managers: { id: string; want: string }[] = [
  { id: csa, want: '"kubectl-client-side-apply" using apps/v1' },
  { id: other, want: '"other"' },
  { id: kcm, want: '"kube-controller-manager" with subresource "status" using apps/v1' },
  { id: 'not json', want: '"not json"' },
];
for (const c of managers) test(`printManager ${c.want}`, () => assert.equal(printManager(c.id), c.want));

test('one conflict', () => {
  const err = conflictError([{ manager: csa, path: ['f:spec', 'f:replicas'] }]);
  assert.equal(err.code, 409);
  assert.equal(err.reason, 'Conflict');
  assert.equal(err.message, 'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas');
  assert.deepEqual(err.toStatus().details, {
    causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "kubectl-client-side-apply" using apps/v1', field: '.spec.replicas' }],
  });
});

test('several conflicts are grouped by manager', () => {
  const err = conflictError([
    { manager: other, path: ['f:spec', 'f:replicas'] },
    { manager: csa, path: ['f:spec', 'f:template', 'f:spec', 'f:containers', 'k:{"name":"nginx"}', 'f:image'] },
    { manager: other, path: ['f:metadata', 'f:labels', 'f:app'] },
  ]);
  // Groups are ordered by manager identifier, paths keep their order.
  assert.equal(
    err.message,
    'Apply failed with 3 conflicts: conflicts with "kubectl-client-side-apply" using apps/v1:\n' +
      '- .spec.template.spec.containers[name="nginx"].image\n' +
      'conflicts with "other":\n- .spec.replicas\n- .metadata.labels.app',
  );
  assert.equal(err.details!.causes!.length, 3);
  assert.equal(err.details!.causes![1]!.field, '.spec.template.spec.containers[name="nginx"].image');
});
