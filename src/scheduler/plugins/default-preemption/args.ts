// DefaultPreemptionArgs (kubescheduler.config.k8s.io/v1): how many nodes preemption's dry
// run must find candidates on before it stops looking, with kube-scheduler 1.32's defaults
// and validation (apis/config/v1 defaults.go, validation_pluginargs.go).
//
// Contract:
//  - defaulted(raw): an absent field takes its default (percentage 10, absolute 100); a
//    field given as 0 stays 0. Anything but an object (or null/undefined) is refused.
//  - validate(args): the percentage in [0, 100], the absolute number >= 0, not both 0; the
//    failures are reported together, worded as Kubernetes' field errors
//    ("minCandidateNodesPercentage: Invalid value: 101: not in valid range [0, 100]"), as an
//    InvalidDefaultPreemptionArgsError.

import { fieldErrorString, type FieldError } from '../../../api/errors.js';

export const DEFAULT_MIN_CANDIDATE_NODES_PERCENTAGE = 10;
export const DEFAULT_MIN_CANDIDATE_NODES_ABSOLUTE = 100;

export interface DefaultPreemptionArgs {
  /** The share of all nodes (in %) to find candidates on, at least. */
  readonly minCandidateNodesPercentage: number;
  /** The number of nodes to find candidates on, at least (when the percentage gives fewer). */
  readonly minCandidateNodesAbsolute: number;
}

export class InvalidDefaultPreemptionArgsError extends Error {
  constructor(readonly fieldErrors: readonly FieldError[]) {
    // utilerrors.Aggregate: one error as itself, several as "[a, b]".
    const parts = fieldErrors.map(fieldErrorString);
    super(parts.length === 1 ? parts[0]! : `[${parts.join(', ')}]`);
    this.name = 'InvalidDefaultPreemptionArgsError';
  }
}

function field(raw: Record<string, unknown>, name: keyof DefaultPreemptionArgs, fallback: number): number {
  const v = raw[name];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    throw new InvalidDefaultPreemptionArgsError([{ type: 'FieldValueTypeInvalid', field: name, value: v, detail: 'must be an integer' }]);
  }
  return v;
}

/** The args with their defaults filled in (SetDefaults_DefaultPreemptionArgs). */
export function defaulted(raw: unknown): DefaultPreemptionArgs {
  if (raw === undefined || raw === null) return { minCandidateNodesPercentage: DEFAULT_MIN_CANDIDATE_NODES_PERCENTAGE, minCandidateNodesAbsolute: DEFAULT_MIN_CANDIDATE_NODES_ABSOLUTE };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new InvalidDefaultPreemptionArgsError([{ type: 'FieldValueTypeInvalid', field: 'args', value: raw, detail: 'must be an object' }]);
  }
  const r = raw as Record<string, unknown>;
  return {
    minCandidateNodesPercentage: field(r, 'minCandidateNodesPercentage', DEFAULT_MIN_CANDIDATE_NODES_PERCENTAGE),
    minCandidateNodesAbsolute: field(r, 'minCandidateNodesAbsolute', DEFAULT_MIN_CANDIDATE_NODES_ABSOLUTE),
  };
}

/** ValidateDefaultPreemptionArgs: throws when the args are out of range. */
export function validate(args: DefaultPreemptionArgs): DefaultPreemptionArgs {
  const errs: FieldError[] = [];
  const pct = args.minCandidateNodesPercentage;
  const abs = args.minCandidateNodesAbsolute;
  if (pct < 0 || pct > 100) errs.push({ type: 'FieldValueInvalid', field: 'minCandidateNodesPercentage', value: pct, detail: 'not in valid range [0, 100]' });
  if (abs < 0) errs.push({ type: 'FieldValueInvalid', field: 'minCandidateNodesAbsolute', value: abs, detail: 'not in valid range [0, inf)' });
  if (pct === 0 && abs === 0) {
    errs.push(
      { type: 'FieldValueInvalid', field: 'minCandidateNodesPercentage', value: pct, detail: 'cannot be zero at the same time as minCandidateNodesAbsolute' },
      { type: 'FieldValueInvalid', field: 'minCandidateNodesAbsolute', value: abs, detail: 'cannot be zero at the same time as minCandidateNodesPercentage' },
    );
  }
  if (errs.length > 0) throw new InvalidDefaultPreemptionArgsError(errs);
  return args;
}

/** How many candidates the dry run must find among numNodes (calculateNumCandidates). */
export function numCandidates(args: DefaultPreemptionArgs, numNodes: number): number {
  let n = Math.trunc((numNodes * args.minCandidateNodesPercentage) / 100);
  if (n < args.minCandidateNodesAbsolute) n = args.minCandidateNodesAbsolute;
  return n > numNodes ? numNodes : n;
}
