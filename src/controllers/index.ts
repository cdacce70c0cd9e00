// The controllers `kite server` runs, in kube-controller-manager's order, under
// kube-controller-manager's names. Each folder holds one controller; every one follows
// controller.ts.

import type { ControllerFactory } from './controller.js';
import { deploymentController } from './deployment/index.js';
import { garbageCollectorFactory } from './garbagecollector/index.js';
import { namespaceControllerFactory } from './namespace/index.js';
import { replicaSetController } from './replicaset/index.js';
import { serviceAccountsControllerFactory } from './serviceaccount/index.js';

export type { Controller, ControllerContext, ControllerFactory } from './controller.js';
export { ControllerManager, CONTROLLER_MANAGER, type ControllerManagerOptions } from './manager.js';
export { runWorkers, type WorkerOptions } from './worker.js';

export interface NamedController {
  /** kube-controller-manager's name; `--controllers` also accepts it without `-controller`. */
  readonly name: string;
  readonly factory: ControllerFactory;
}

/** Every controller kite has, in the order they start. */
export const CONTROLLERS: readonly NamedController[] = [
  { name: 'namespace-controller', factory: namespaceControllerFactory },
  { name: 'serviceaccount-controller', factory: serviceAccountsControllerFactory },
  { name: 'garbage-collector-controller', factory: garbageCollectorFactory },
  { name: 'replicaset-controller', factory: replicaSetController },
  { name: 'deployment-controller', factory: deploymentController },
];

/** Every controller kite runs by default. */
export const DEFAULT_CONTROLLERS: readonly ControllerFactory[] = CONTROLLERS.map((c) => c.factory);

export class UnknownControllerError extends Error {}

/**
 * The controllers a kube-controller-manager style `--controllers` list selects: `*` is every
 * controller, `name` adds one, `-name` removes one (removal wins); names may drop the
 * `-controller` suffix. An unknown name is an error.
 */
export function selectControllers(list: string): ControllerFactory[] {
  const canonical = (name: string): string => {
    const found = CONTROLLERS.find((c) => c.name === name || c.name === `${name}-controller`);
    if (!found) throw new UnknownControllerError(`unknown controller "${name}" (known: ${CONTROLLERS.map((c) => c.name).join(', ')})`);
    return found.name;
  };
  const items = list.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const all = items.includes('*');
  const enabled = new Set(items.filter((s) => s !== '*' && !s.startsWith('-')).map(canonical));
  const disabled = new Set(items.filter((s) => s.startsWith('-')).map((s) => canonical(s.slice(1))));
  return CONTROLLERS.filter((c) => !disabled.has(c.name) && (all || enabled.has(c.name))).map((c) => c.factory);
}
