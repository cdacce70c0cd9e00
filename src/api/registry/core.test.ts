import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '../meta.js';
import { ALL_VERBS, type ResourceDef } from '../resource.js';
import { NOW, ODD_OBJECTS, ago } from '../printers/core/testing.js';
import { CORE_RESOURCES } from './core.js';

function def(plural: string): ResourceDef {
  const d = CORE_RESOURCES.find((r) => r.plural === plural);
  assert.ok(d, `no resource ${plural}`);
  return d;
}

describe('core/v1 registry', () => {
  it('declares the fifteen core/v1 resources, all in the core group at v1', () => {
    assert.deepEqual(CORE_RESOURCES.map((r) => r.plural).sort(), [
      'configmaps', 'endpoints', 'events', 'limitranges', 'namespaces', 'nodes', 'persistentvolumeclaims', 'persistentvolumes',
      'pods', 'podtemplates', 'replicationcontrollers', 'resourcequotas', 'secrets', 'serviceaccounts', 'services',
    ]);
    for (const r of CORE_RESOURCES) {
      assert.equal(r.group, '', r.plural);
      assert.deepEqual(r.versions, ['v1'], r.plural);
      assert.equal(r.listKind, `${r.kind}List`, r.plural);
    }
  });

  it('has unique plurals, singulars and short names', () => {
    const names = CORE_RESOURCES.flatMap((r) => [r.plural, ...r.shortNames]);
    assert.equal(new Set(names).size, names.length);
    const singulars = CORE_RESOURCES.map((r) => r.singular);
    assert.equal(new Set(singulars).size, singulars.length);
  });

  it('uses the short names, categories and scopes of Kubernetes', () => {
    const want: Record<string, [shortNames: string[], categories: string[], namespaced: boolean]> = {
      namespaces: [['ns'], [], false],
      pods: [['po'], ['all'], true],
      services: [['svc'], ['all'], true],
      endpoints: [['ep'], [], true],
      configmaps: [['cm'], [], true],
      secrets: [[], [], true],
      serviceaccounts: [['sa'], [], true],
      nodes: [['no'], [], false],
      events: [['ev'], [], true],
      persistentvolumes: [['pv'], [], false],
      persistentvolumeclaims: [['pvc'], [], true],
      resourcequotas: [['quota'], [], true],
      limitranges: [['limits'], [], true],
      podtemplates: [[], [], true],
      replicationcontrollers: [['rc'], ['all'], true],
    };
    for (const [plural, [shortNames, categories, namespaced]] of Object.entries(want)) {
      const r = def(plural);
      assert.deepEqual([r.shortNames, r.categories, r.namespaced], [shortNames, categories, namespaced], plural);
    }
  });

  it('serves every verb, except deletecollection on namespaces', () => {
    for (const r of CORE_RESOURCES) {
      const want = r.plural === 'namespaces' ? ALL_VERBS.filter((v) => v !== 'deletecollection') : ALL_VERBS;
      assert.deepEqual([...r.verbs].sort(), [...want].sort(), r.plural);
    }
  });

  it('declares the implemented subresources', () => {
    const summary = (r: ResourceDef) => r.subresources.map((s) => `${s.name}:${s.kind || r.kind}:${s.verbs.join(',')}`).sort();
    assert.deepEqual(summary(def('pods')), ['binding:Binding:create', 'status:Pod:get,patch,update']);
    assert.deepEqual(summary(def('namespaces')), ['finalize:Namespace:update', 'status:Namespace:get,patch,update']);
    assert.deepEqual(summary(def('replicationcontrollers')), ['scale:Scale:get,patch,update', 'status:ReplicationController:get,patch,update']);
    assert.equal(def('replicationcontrollers').subresources.find((s) => s.name === 'scale')?.group, 'autoscaling');
    for (const plural of ['services', 'nodes', 'persistentvolumes', 'persistentvolumeclaims', 'resourcequotas']) {
      assert.deepEqual(def(plural).subresources.map((s) => s.name), ['status'], plural);
    }
    for (const plural of ['endpoints', 'configmaps', 'secrets', 'serviceaccounts', 'events', 'limitranges', 'podtemplates']) {
      assert.deepEqual(def(plural).subresources, [], plural);
    }
  });

  it('bumps generation only for replication controllers, on spec changes', () => {
    for (const r of CORE_RESOURCES) {
      assert.deepEqual(r.generationFields, r.plural === 'replicationcontrollers' ? ['spec'] : undefined, r.plural);
    }
  });

  it('starts every table with NAME, except events, which keep it last and wide', () => {
    for (const r of CORE_RESOURCES) {
      const names = r.table.columns.filter((c) => c.format === 'name');
      assert.equal(names.length, 1, r.plural);
      const index = r.table.columns.indexOf(names[0]!);
      if (r.plural === 'events') {
        assert.deepEqual([index, names[0]!.priority], [r.table.columns.length - 1, 1]);
      } else {
        assert.deepEqual([index, names[0]!.name, names[0]!.priority], [0, 'Name', 0], r.plural);
      }
      for (const c of r.table.columns) {
        assert.ok(c.description.length > 0, `${r.plural}: ${c.name} has no description`);
        assert.ok(c.priority === 0 || c.priority === 1, `${r.plural}: ${c.name}`);
      }
    }
  });

  it('prints one plain cell per column, and never throws, for odd objects', () => {
    for (const r of CORE_RESOURCES) {
      for (const obj of ODD_OBJECTS) {
        const row = r.table.row(obj, NOW);
        assert.equal(row.length, r.table.columns.length, r.plural);
        for (const cell of row) assert.ok(cell === null || ['string', 'number', 'boolean'].includes(typeof cell), r.plural);
        for (const [field, value] of Object.entries(r.fieldSelectors)) assert.equal(typeof value(obj), 'string', `${r.plural} ${field}`);
      }
    }
  });

  it('prints limit ranges as Kubernetes does without a printer: NAME and CREATED AT', () => {
    const table = def('limitranges').table;
    assert.deepEqual(table.columns.map((c) => [c.name, c.type]), [['Name', 'string'], ['Created At', 'date']]);
    assert.deepEqual(table.row({ metadata: { name: 'lr', creationTimestamp: '2025-01-15T11:00:00.250+01:00' } }, NOW), ['lr', '2025-01-15T10:00:00Z']);
    assert.deepEqual(table.row({ metadata: { name: 'lr' } }, NOW), ['lr', '0001-01-01T00:00:00Z']);
  });

  describe('field selectors', () => {
    const select = (plural: string, obj: KubeObject) =>
      Object.fromEntries(Object.entries(def(plural).fieldSelectors).map(([field, value]) => [field, value(obj)]));

    it('reads pods', () => {
      const pod = {
        metadata: { name: 'p', creationTimestamp: ago(1) },
        spec: { nodeName: 'n1', restartPolicy: 'Always', schedulerName: 'default-scheduler', serviceAccountName: 'default', hostNetwork: true },
        status: { phase: 'Running', podIP: '10.42.0.5', podIPs: [{ ip: '10.42.0.5' }, { ip: 'fd00::5' }], nominatedNodeName: 'n2' },
      };
      assert.deepEqual(select('pods', pod), {
        'spec.nodeName': 'n1',
        'spec.host': 'n1',
        'spec.restartPolicy': 'Always',
        'spec.schedulerName': 'default-scheduler',
        'spec.serviceAccountName': 'default',
        'spec.hostNetwork': 'true',
        'status.phase': 'Running',
        'status.podIP': '10.42.0.5',
        'status.podIPs': '',
        'status.nominatedNodeName': 'n2',
      });
      assert.deepEqual(select('pods', { metadata: {}, status: { podIP: '10.42.0.9' } })['status.podIP'], '10.42.0.9');
      assert.equal(select('pods', { metadata: {} })['spec.hostNetwork'], 'false');
    });

    it('reads events, with the reporter standing in for a missing source', () => {
      const ev = {
        metadata: { name: 'e' },
        involvedObject: { kind: 'Pod', namespace: 'default', name: 'p', uid: 'u1', apiVersion: 'v1', resourceVersion: '42', fieldPath: 'spec.containers{a}' },
        reason: 'Started',
        reportingComponent: 'kubelet',
        type: 'Normal',
      };
      assert.deepEqual(select('events', ev), {
        'involvedObject.kind': 'Pod',
        'involvedObject.namespace': 'default',
        'involvedObject.name': 'p',
        'involvedObject.uid': 'u1',
        'involvedObject.apiVersion': 'v1',
        'involvedObject.resourceVersion': '42',
        'involvedObject.fieldPath': 'spec.containers{a}',
        reason: 'Started',
        reportingComponent: 'kubelet',
        source: 'kubelet',
        type: 'Normal',
      });
      assert.equal(select('events', { ...ev, source: { component: 'scheduler' } })['source'], 'scheduler');
    });

    it('reads the other kinds that have selectors of their own', () => {
      assert.deepEqual(select('namespaces', { metadata: {}, status: { phase: 'Terminating' } }), { 'status.phase': 'Terminating' });
      assert.deepEqual(select('secrets', { metadata: {}, type: 'kubernetes.io/tls' }), { type: 'kubernetes.io/tls' });
      assert.deepEqual(select('nodes', { metadata: {}, spec: { unschedulable: true } }), { 'spec.unschedulable': 'true' });
      assert.deepEqual(select('nodes', { metadata: {} }), { 'spec.unschedulable': 'false' });
      assert.deepEqual(select('replicationcontrollers', { metadata: {}, status: { replicas: 3 } }), { 'status.replicas': '3' });
      assert.deepEqual(select('replicationcontrollers', { metadata: {} }), { 'status.replicas': '0' });
      assert.deepEqual(select('services', { metadata: {}, spec: { type: 'ClusterIP', clusterIP: 'None' } }), { 'spec.clusterIP': 'None', 'spec.type': 'ClusterIP' });
      assert.deepEqual(select('services', { metadata: {}, spec: { clusterIPs: ['10.43.0.1'] } }), { 'spec.clusterIP': '10.43.0.1', 'spec.type': '' });
    });

    it('has none beyond metadata for the other kinds', () => {
      for (const plural of ['endpoints', 'configmaps', 'serviceaccounts', 'persistentvolumes', 'persistentvolumeclaims', 'resourcequotas', 'limitranges', 'podtemplates']) {
        assert.deepEqual(def(plural).fieldSelectors, {}, plural);
      }
    });
  });
});
