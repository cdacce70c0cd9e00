// PodTopologySpreadArgs (kube-scheduler config): the constraints given to pods that have
// none of their own, and their validation (ValidatePodTopologySpreadArgs).
//
// Contract:
//  - defaultingType System (the default) uses the system defaults below and requires
//    defaultConstraints to be empty; List uses defaultConstraints as given (an empty list:
//    no default spreading).
//  - Each default constraint needs maxSkew > 0, a valid label name as topologyKey,
//    whenUnsatisfiable DoNotSchedule or ScheduleAnyway, no labelSelector (it is deduced per
//    pod), and no other constraint with the same topologyKey and whenUnsatisfiable.
//  - resolveArgs throws an Error listing every problem, worded as Kubernetes' field errors.

import { fieldErrorString, type FieldError } from '../../../api/errors.js';
import { goAggregate, goQuote, validateLabelName } from '../../../api/labels/index.js';
import type { TopologySpreadConstraint } from '../../../api/types/core-v1.js';
import { DO_NOT_SCHEDULE, LABEL_HOSTNAME, LABEL_TOPOLOGY_ZONE, SCHEDULE_ANYWAY } from './constraints.js';

export const SYSTEM_DEFAULTING = 'System';
export const LIST_DEFAULTING = 'List';

export interface PodTopologySpreadArgs {
  readonly defaultConstraints?: readonly TopologySpreadConstraint[];
  readonly defaultingType?: typeof SYSTEM_DEFAULTING | typeof LIST_DEFAULTING;
}

/** Spread every workload over hosts and zones, gently (ScheduleAnyway). */
export const SYSTEM_DEFAULT_CONSTRAINTS: readonly TopologySpreadConstraint[] = Object.freeze([
  Object.freeze({ maxSkew: 3, topologyKey: LABEL_HOSTNAME, whenUnsatisfiable: SCHEDULE_ANYWAY }),
  Object.freeze({ maxSkew: 5, topologyKey: LABEL_TOPOLOGY_ZONE, whenUnsatisfiable: SCHEDULE_ANYWAY }),
]);

export interface ResolvedArgs {
  readonly defaultConstraints: readonly TopologySpreadConstraint[];
  /** The system defaults are in use: nodes missing a zone label still get host spreading. */
  readonly systemDefaulted: boolean;
}

/** The validated args; throws on anything Kubernetes would reject. */
export function resolveArgs(raw: unknown): ResolvedArgs {
  const args = asArgs(raw);
  const errs = validateArgs(args);
  if (errs.length > 0) throw new Error(`invalid PodTopologySpread args: ${goAggregate(errs.map(fieldErrorString))}`);
  const system = (args.defaultingType ?? SYSTEM_DEFAULTING) === SYSTEM_DEFAULTING;
  return { defaultConstraints: system ? SYSTEM_DEFAULT_CONSTRAINTS : (args.defaultConstraints ?? []), systemDefaulted: system };
}

function asArgs(raw: unknown): PodTopologySpreadArgs {
  if (raw == null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new Error(`want args to be of type PodTopologySpreadArgs, got ${Array.isArray(raw) ? 'array' : typeof raw}`);
  const args = raw as PodTopologySpreadArgs;
  if (args.defaultConstraints != null && !Array.isArray(args.defaultConstraints)) {
    throw new Error('invalid PodTopologySpread args: defaultConstraints: must be a list');
  }
  return args;
}

export function validateArgs(args: PodTopologySpreadArgs): FieldError[] {
  const errs: FieldError[] = [];
  const constraints = args.defaultConstraints ?? [];
  const typeErr = validateDefaultingType(args.defaultingType ?? SYSTEM_DEFAULTING, constraints);
  if (typeErr) errs.push(typeErr);
  constraints.forEach((c, i) => errs.push(...validateConstraint(c, i, constraints)));
  return errs;
}

function validateDefaultingType(v: string, constraints: readonly TopologySpreadConstraint[]): FieldError | undefined {
  const path = 'defaultingType';
  if (v !== SYSTEM_DEFAULTING && v !== LIST_DEFAULTING) {
    return { type: 'FieldValueNotSupported', field: path, value: v, detail: `supported values: ${[LIST_DEFAULTING, SYSTEM_DEFAULTING].map(goQuote).join(', ')}` };
  }
  if (v === SYSTEM_DEFAULTING && constraints.length > 0) {
    return { type: 'FieldValueInvalid', field: path, value: v, detail: 'when .defaultConstraints are not empty' };
  }
  return undefined;
}

function validateConstraint(c: TopologySpreadConstraint, i: number, all: readonly TopologySpreadConstraint[]): FieldError[] {
  const p = `defaultConstraints[${i}]`;
  const errs: FieldError[] = [];
  if (!(typeof c.maxSkew === 'number' && c.maxSkew > 0)) {
    errs.push({ type: 'FieldValueInvalid', field: `${p}.maxSkew`, value: c.maxSkew, detail: 'not in valid range' });
  }
  if (!c.topologyKey) errs.push({ type: 'FieldValueRequired', field: `${p}.topologyKey`, detail: 'can not be empty' });
  else errs.push(...validateLabelName(c.topologyKey, `${p}.topologyKey`));
  const whenErr = validateWhenUnsatisfiable(`${p}.whenUnsatisfiable`, c.whenUnsatisfiable);
  if (whenErr) errs.push(whenErr);
  if (c.labelSelector != null) {
    errs.push({ type: 'FieldValueForbidden', field: `${p}.labelSelector`, detail: 'constraint must not define a selector, as they deduced for each pod' });
  }
  for (let j = 0; j < i; j++) {
    const other = all[j]!;
    if (other.topologyKey === c.topologyKey && other.whenUnsatisfiable === c.whenUnsatisfiable) {
      errs.push({ type: 'FieldValueDuplicate', field: `defaultConstraints[${i}]`, value: `{${c.topologyKey}, ${c.whenUnsatisfiable}}` });
      break;
    }
  }
  return errs;
}

function validateWhenUnsatisfiable(path: string, v: string | undefined): FieldError | undefined {
  if (!v) return { type: 'FieldValueRequired', field: path, detail: 'can not be empty' };
  if (v !== DO_NOT_SCHEDULE && v !== SCHEDULE_ANYWAY) {
    return { type: 'FieldValueNotSupported', field: path, value: v, detail: `supported values: ${[DO_NOT_SCHEDULE, SCHEDULE_ANYWAY].map(goQuote).join(', ')}` };
  }
  return undefined;
}
