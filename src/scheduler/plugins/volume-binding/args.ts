// VolumeBindingArgs (kubescheduler.config.k8s.io/v1): how long PreBind waits for the pod's
// claims to be bound, with kube-scheduler 1.32's default and validation
// (ValidateVolumeBindingArgsWithOptions).
//
// Contract:
//  - bindTimeoutSeconds defaults to 600; it must be an integer >= 0 (0 gives up at once).
//  - shape (the capacity scoring function) needs the VolumeCapacityPriority feature gate,
//    alpha and off in 1.32: any shape is refused, as kube-scheduler refuses it.
//  - resolveArgs throws an Error listing every problem, worded as Kubernetes' field errors.

import { fieldErrorString, type FieldError } from '../../../api/errors.js';
import { goAggregate } from '../../../api/labels/index.js';

export const DEFAULT_BIND_TIMEOUT_SECONDS = 600;

export interface VolumeBindingArgs {
  readonly bindTimeoutSeconds?: number;
  readonly shape?: unknown;
}

export interface ResolvedVolumeBindingArgs {
  readonly bindTimeoutSeconds: number;
}

export function validateArgs(args: VolumeBindingArgs): FieldError[] {
  const errs: FieldError[] = [];
  const t = args.bindTimeoutSeconds;
  if (t !== undefined && (typeof t !== 'number' || !Number.isInteger(t))) {
    errs.push({ type: 'FieldValueTypeInvalid', field: 'bindTimeoutSeconds', value: t, detail: 'must be an integer' });
  } else if (t !== undefined && t < 0) {
    errs.push({ type: 'FieldValueInvalid', field: 'bindTimeoutSeconds', value: t, detail: 'invalid BindTimeoutSeconds, should not be a negative value' });
  }
  if (args.shape !== undefined && args.shape !== null) {
    errs.push({ type: 'FieldValueInvalid', field: 'shape', value: null, detail: 'unexpected field `shape`, remove it or turn on the feature gate VolumeCapacityPriority' });
  }
  return errs;
}

/** The validated, defaulted args; throws on anything kube-scheduler would refuse. */
export function resolveArgs(raw: unknown): ResolvedVolumeBindingArgs {
  if (raw === undefined || raw === null) return { bindTimeoutSeconds: DEFAULT_BIND_TIMEOUT_SECONDS };
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new Error(`want args to be of type VolumeBindingArgs, got ${Array.isArray(raw) ? 'array' : typeof raw}`);
  const args = raw as VolumeBindingArgs;
  const errs = validateArgs(args);
  if (errs.length > 0) throw new Error(`invalid VolumeBinding args: ${goAggregate(errs.map(fieldErrorString))}`);
  return { bindTimeoutSeconds: args.bindTimeoutSeconds ?? DEFAULT_BIND_TIMEOUT_SECONDS };
}
