// apps/v1 defaults, as Kubernetes 1.32 fills them: Deployment (replicas 1, RollingUpdate with
// 25% / 25%, revisionHistoryLimit 10, progressDeadlineSeconds 600), ReplicaSet (replicas 1),
// StatefulSet (OrderedReady, RollingUpdate with partition 0, PVC retention Retain/Retain —
// StatefulSetAutoDeletePVC is on in 1.32 — replicas 1, revisionHistoryLimit 10, and claim
// templates defaulted as claims and written with apiVersion v1 / kind PersistentVolumeClaim,
// as Kubernetes' conversion writes them), DaemonSet (RollingUpdate with maxUnavailable 1 and
// maxSurge 0, revisionHistoryLimit 10), and every pod template. A strategy type that is set
// to something else leaves its rollingUpdate alone. ControllerRevision has no defaults.
// Status counters Go always writes (no omitempty) read back as 0 until a controller sets
// them: a ReplicaSet's and StatefulSet's replicas (and a StatefulSet's availableReplicas), a
// DaemonSet's currentNumberScheduled, numberMisscheduled, desiredNumberScheduled and numberReady.

import { defaultPodTemplateSpec } from './pod.js';
import { defaultPointer, defaultString, embeddedMeta, isNil, items, pointer, struct, type Obj } from './values.js';
import { defaultClaim } from './volumes.js';

export const APPS_DEFAULTERS: Readonly<Record<string, (obj: Obj) => void>> = {
  Deployment: defaultDeployment,
  ReplicaSet: (rs) => {
    zeroCounters(rs, REPLICA_SET_COUNTERS);
    const spec = struct(rs, 'spec');
    if (!spec) return;
    defaultPointer(spec, 'replicas', 1);
    template(spec);
  },
  StatefulSet: (ss) => {
    zeroCounters(ss, STATEFUL_SET_COUNTERS);
    defaultStatefulSet(ss);
  },
  DaemonSet: (ds) => {
    zeroCounters(ds, DAEMON_SET_COUNTERS);
    defaultDaemonSet(ds);
  },
};

export const REPLICA_SET_COUNTERS = ['replicas'];
const STATEFUL_SET_COUNTERS = ['replicas', 'availableReplicas'];
const DAEMON_SET_COUNTERS = ['currentNumberScheduled', 'numberMisscheduled', 'desiredNumberScheduled', 'numberReady'];

/** The status int32 fields without omitempty: Go writes their zero value. */
export function zeroCounters(obj: Obj, counters: readonly string[]): void {
  const status = struct(obj, 'status');
  if (status) for (const c of counters) defaultPointer(status, c, 0);
}

function template(spec: Obj): void {
  const t = struct(spec, 'template');
  if (t) defaultPodTemplateSpec(t);
}

function defaultDeployment(d: Obj): void {
  const spec = struct(d, 'spec');
  if (!spec) return;
  defaultPointer(spec, 'replicas', 1);
  const strategy = struct(spec, 'strategy');
  if (strategy) {
    defaultString(strategy, 'type', 'RollingUpdate');
    if (strategy.type === 'RollingUpdate') {
      defaultPointer(strategy, 'rollingUpdate', {});
      const rollingUpdate = pointer(strategy, 'rollingUpdate');
      if (rollingUpdate) {
        defaultPointer(rollingUpdate, 'maxUnavailable', '25%');
        defaultPointer(rollingUpdate, 'maxSurge', '25%');
      }
    }
  }
  defaultPointer(spec, 'revisionHistoryLimit', 10);
  defaultPointer(spec, 'progressDeadlineSeconds', 600);
  template(spec);
}

function defaultStatefulSet(ss: Obj): void {
  const spec = struct(ss, 'spec');
  if (!spec) return;
  defaultString(spec, 'podManagementPolicy', 'OrderedReady');
  const strategy = struct(spec, 'updateStrategy');
  if (strategy) {
    if (isNil(strategy.type) || strategy.type === '') {
      strategy.type = 'RollingUpdate';
      defaultPointer(strategy, 'rollingUpdate', {});
    }
    // Only a rollingUpdate that exists gets a partition: an explicit RollingUpdate without one
    // stays without one.
    const rollingUpdate = pointer(strategy, 'rollingUpdate');
    if (strategy.type === 'RollingUpdate' && rollingUpdate) defaultPointer(rollingUpdate, 'partition', 0);
  }
  defaultPointer(spec, 'persistentVolumeClaimRetentionPolicy', {});
  const retention = pointer(spec, 'persistentVolumeClaimRetentionPolicy');
  if (retention) {
    defaultString(retention, 'whenDeleted', 'Retain');
    defaultString(retention, 'whenScaled', 'Retain');
  }
  defaultPointer(spec, 'replicas', 1);
  defaultPointer(spec, 'revisionHistoryLimit', 10);
  template(spec);
  for (const claim of items(spec, 'volumeClaimTemplates')) {
    // Kubernetes' conversion writes these on every claim template it returns.
    if (isNil(claim.apiVersion) || typeof claim.apiVersion === 'string') claim.apiVersion = 'v1';
    if (isNil(claim.kind) || typeof claim.kind === 'string') claim.kind = 'PersistentVolumeClaim';
    embeddedMeta(claim);
    defaultClaim(claim);
  }
}

function defaultDaemonSet(ds: Obj): void {
  const spec = struct(ds, 'spec');
  if (!spec) return;
  const strategy = struct(spec, 'updateStrategy');
  if (strategy) {
    defaultString(strategy, 'type', 'RollingUpdate');
    if (strategy.type === 'RollingUpdate') {
      defaultPointer(strategy, 'rollingUpdate', {});
      const rollingUpdate = pointer(strategy, 'rollingUpdate');
      if (rollingUpdate) {
        defaultPointer(rollingUpdate, 'maxUnavailable', 1);
        defaultPointer(rollingUpdate, 'maxSurge', 0);
      }
    }
  }
  defaultPointer(spec, 'revisionHistoryLimit', 10);
  template(spec);
}
