// The strategy of each built-in resource: the generic one shaped by the ResourceDef, with
// the kinds that differ overriding it.

import type { ResourceDef } from '../resource.js';
import { genericStrategy } from './generic.js';
import { namespaceStrategy } from './namespaces.js';
import { podStrategy } from './pods.js';
import { secretStrategy } from './secrets.js';
import { serviceStrategy } from './services.js';
import { persistentVolumeStrategy } from './volumes.js';
import { daemonSetStrategy, jobStrategy } from './workloads.js';
import type { Strategy } from './strategy.js';

export type { Strategy } from './strategy.js';

type Factory = (def: ResourceDef) => Strategy;

const CREATE_ON_UPDATE = { allowCreateOnUpdate: true };

const SPECIAL: Record<string, Factory> = {
  '/pods': podStrategy,
  '/namespaces': namespaceStrategy,
  '/secrets': secretStrategy,
  '/services': serviceStrategy,
  '/persistentvolumes': persistentVolumeStrategy,
  'batch/jobs': jobStrategy,
  'apps/daemonsets': daemonSetStrategy,
  'apps/deployments': (def) => genericStrategy(def, { statusKeepsMetadata: ['labels'] }),
  '/nodes': (def) => genericStrategy(def, { keepStatusOnCreate: true }),
  '/serviceaccounts': (def) => genericStrategy(def, { returnDeletedObject: true }),
  '/endpoints': (def) => genericStrategy(def, CREATE_ON_UPDATE),
  '/events': (def) => genericStrategy(def, CREATE_ON_UPDATE),
  '/limitranges': (def) => genericStrategy(def, CREATE_ON_UPDATE),
  'events.k8s.io/events': (def) => genericStrategy(def, CREATE_ON_UPDATE),
  'coordination.k8s.io/leases': (def) => genericStrategy(def, CREATE_ON_UPDATE),
  'rbac.authorization.k8s.io/roles': (def) => genericStrategy(def, CREATE_ON_UPDATE),
  'rbac.authorization.k8s.io/rolebindings': (def) => genericStrategy(def, CREATE_ON_UPDATE),
  'rbac.authorization.k8s.io/clusterroles': (def) => genericStrategy(def, CREATE_ON_UPDATE),
  'rbac.authorization.k8s.io/clusterrolebindings': (def) => genericStrategy(def, CREATE_ON_UPDATE),
  'storage.k8s.io/storageclasses': (def) => genericStrategy(def, { returnDeletedObject: true }),
  'apiextensions.k8s.io/customresourcedefinitions': (def) => genericStrategy(def, { returnDeletedObject: true }),
};

export function strategyFor(def: ResourceDef): Strategy {
  const factory = SPECIAL[`${def.group}/${def.plural}`] ?? genericStrategy;
  return factory(def);
}
