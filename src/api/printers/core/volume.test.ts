import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '../../meta.js';
import { PERSISTENT_VOLUME_CLAIM_TABLE, PERSISTENT_VOLUME_TABLE, accessModes } from './volume.js';
import { ODD_OBJECTS, ago, cells } from './testing.js';

describe('access modes', () => {
  const cases: { modes: string[]; want: string }[] = [
    { modes: [], want: '' },
    { modes: ['ReadWriteOnce'], want: 'RWO' },
    { modes: ['ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOnce'], want: 'RWO,RWX' },
    { modes: ['ReadWriteOncePod', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce'], want: 'RWO,ROX,RWX,RWOP' },
    { modes: ['Bogus'], want: '' },
  ];
  for (const c of cases) it(`${c.modes.join(',') || 'none'} -> ${c.want || "''"}`, () => assert.equal(accessModes(c.modes), c.want));
});

describe('persistent volume table', () => {
  const pv = (fields: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): KubeObject => ({
    metadata: { name: 'pv1', creationTimestamp: ago(600), ...meta },
    spec: {
      capacity: { storage: '10Gi' },
      accessModes: ['ReadWriteOnce'],
      persistentVolumeReclaimPolicy: 'Retain',
      claimRef: { namespace: 'default', name: 'data' },
      storageClassName: 'local-path',
      volumeMode: 'Filesystem',
      ...fields,
    },
    status: { phase: 'Bound' },
  });

  it('has the Kubernetes 1.32 columns', () => {
    assert.deepEqual(
      PERSISTENT_VOLUME_TABLE.columns.map((c) => [c.name, c.priority]),
      [
        ['Name', 0], ['Capacity', 0], ['Access Modes', 0], ['Reclaim Policy', 0], ['Status', 0], ['Claim', 0],
        ['StorageClass', 0], ['VolumeAttributesClass', 0], ['Reason', 0], ['Age', 0], ['VolumeMode', 1],
      ],
    );
  });

  it('prints a bound volume', () => {
    assert.deepEqual(PERSISTENT_VOLUME_TABLE.row(pv(), new Date(Date.parse(ago(0)))), [
      'pv1', '10Gi', 'RWO', 'Retain', 'Bound', 'default/data', 'local-path', '<unset>', '', '10m', 'Filesystem',
    ]);
  });

  it('prefers the beta class annotation, and prints Terminating while deleting', () => {
    const row = cells(PERSISTENT_VOLUME_TABLE, pv({ volumeAttributesClassName: 'gold' }, { annotations: { 'volume.beta.kubernetes.io/storage-class': 'old' }, deletionTimestamp: ago(1) }));
    assert.deepEqual([row['StorageClass'], row['VolumeAttributesClass'], row['Status']], ['old', 'gold', 'Terminating']);
  });

  it('prints an unclaimed volume', () => {
    const row = cells(PERSISTENT_VOLUME_TABLE, pv({ claimRef: undefined, volumeMode: undefined }));
    assert.deepEqual([row['Claim'], row['VolumeMode']], ['', '<unset>']);
  });

  it('prints placeholders for a volume with only metadata', () => {
    assert.deepEqual(PERSISTENT_VOLUME_TABLE.row({ metadata: { name: 'bare' } }, new Date()), [
      'bare', '0', '', '', '', '', '', '<unset>', '', '<unknown>', '<unset>',
    ]);
  });

  it('never throws on odd objects', () => {
    for (const obj of ODD_OBJECTS) assert.doesNotThrow(() => cells(PERSISTENT_VOLUME_TABLE, obj));
  });
});

describe('persistent volume claim table', () => {
  const pvc = (spec: Record<string, unknown>, status: Record<string, unknown>): KubeObject => ({
    metadata: { name: 'data', creationTimestamp: ago(60) },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...spec },
    status,
  });

  it('has the Kubernetes 1.32 columns', () => {
    assert.deepEqual(
      PERSISTENT_VOLUME_CLAIM_TABLE.columns.map((c) => [c.name, c.priority]),
      [['Name', 0], ['Status', 0], ['Volume', 0], ['Capacity', 0], ['Access Modes', 0], ['StorageClass', 0], ['VolumeAttributesClass', 0], ['Age', 0], ['VolumeMode', 1]],
    );
  });

  it('prints a bound claim from its status', () => {
    const claim = pvc({ volumeName: 'pv1', storageClassName: 'local-path', volumeMode: 'Filesystem' }, { phase: 'Bound', capacity: { storage: '10Gi' }, accessModes: ['ReadWriteOnce', 'ReadOnlyMany'] });
    assert.deepEqual(PERSISTENT_VOLUME_CLAIM_TABLE.row(claim, new Date(Date.parse(ago(0)))), ['data', 'Bound', 'pv1', '10Gi', 'RWO,ROX', 'local-path', '<unset>', '60s', 'Filesystem']);
  });

  it('prints a pending claim without capacity or access modes', () => {
    const claim = pvc({ storageClassName: 'local-path' }, { phase: 'Pending', capacity: { storage: '10Gi' }, accessModes: ['ReadWriteOnce'] });
    const row = cells(PERSISTENT_VOLUME_CLAIM_TABLE, claim);
    assert.deepEqual([row['Status'], row['Volume'], row['Capacity'], row['Access Modes']], ['Pending', '', '', '']);
  });

  it('prints zero capacity for a bound claim whose status has none yet', () => {
    const row = cells(PERSISTENT_VOLUME_CLAIM_TABLE, pvc({ volumeName: 'pv1' }, { phase: 'Bound' }));
    assert.deepEqual([row['Capacity'], row['StorageClass']], ['0', '']);
  });

  it('prints placeholders for a claim with only metadata', () => {
    assert.deepEqual(PERSISTENT_VOLUME_CLAIM_TABLE.row({ metadata: { name: 'bare' } }, new Date()), ['bare', '', '', '', '', '', '<unset>', '<unknown>', '<unset>']);
  });

  it('never throws on odd objects', () => {
    for (const obj of ODD_OBJECTS) assert.doesNotThrow(() => cells(PERSISTENT_VOLUME_CLAIM_TABLE, obj));
  });
});
