// The metav1 LabelSelector object ({matchLabels, matchExpressions}) that workload specs carry:
// converting it to a LabelSelector as Kubernetes' LabelSelectorAsSelector does (a missing
// selector matches nothing, an empty one everything), and validating it as the apiserver's
// ValidateLabelSelector does, with Kubernetes' field errors.

import type { FieldError } from '../errors.js';
import { LabelSelectorError } from './errors.js';
import { goQuote } from './go-format.js';
import { newRequirement, type Operator, type Requirement } from './requirement.js';
import { LabelSelector } from './selector.js';
import { isValidLabelValue, validateLabelName, validateLabels } from './validation.js';

export type LabelSelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface LabelSelectorRequirementObject {
  key: string;
  operator: LabelSelectorOperator | string;
  values?: string[] | null;
}

export interface LabelSelectorObject {
  matchLabels?: Record<string, string> | null;
  matchExpressions?: LabelSelectorRequirementObject[] | null;
}

const OPERATORS: Readonly<Record<LabelSelectorOperator, Operator>> = {
  In: 'in',
  NotIn: 'notin',
  Exists: 'exists',
  DoesNotExist: '!',
};

/**
 * LabelSelectorAsSelector. Throws LabelSelectorError with Kubernetes' text for an unknown
 * operator or an invalid requirement; the first bad term wins, labels before expressions.
 */
export function selectorFromObject(ps: LabelSelectorObject | null | undefined): LabelSelector {
  if (ps == null) return LabelSelector.NOTHING;
  const matchLabels = ps.matchLabels ?? {};
  const matchExpressions = ps.matchExpressions ?? [];
  const labelKeys = Object.keys(matchLabels);
  if (labelKeys.length + matchExpressions.length === 0) return LabelSelector.EVERYTHING;
  const reqs: Requirement[] = [];
  // Go walks matchLabels in random order; sorting makes the reported error deterministic.
  for (const k of labelKeys.sort()) reqs.push(newRequirement(k, '=', [matchLabels[k]!]));
  for (const expr of matchExpressions) {
    const op = Object.prototype.hasOwnProperty.call(OPERATORS, expr.operator)
      ? OPERATORS[expr.operator as LabelSelectorOperator]
      : undefined;
    if (op === undefined) throw new LabelSelectorError(`${goQuote(String(expr.operator))} is not a valid label selector operator`);
    // Go copies the values with append([]string(nil), ...), so an empty list prints as nil.
    const values = expr.values && expr.values.length > 0 ? expr.values : null;
    reqs.push(newRequirement(expr.key, op, values));
  }
  return LabelSelector.of(reqs);
}

export interface LabelSelectorValidationOptions {
  /** Skip value syntax checks, for selectors stored before Kubernetes enforced them. */
  allowInvalidLabelValueInSelector?: boolean;
}

/** ValidateLabelSelector: the field errors for `ps` at `path` (e.g. "spec.selector"). */
export function validateLabelSelector(
  ps: LabelSelectorObject | null | undefined,
  path: string,
  opts: LabelSelectorValidationOptions = {},
): FieldError[] {
  const errs: FieldError[] = [];
  if (ps == null) return errs;
  errs.push(...validateLabels(ps.matchLabels ?? undefined, `${path}.matchLabels`));
  (ps.matchExpressions ?? []).forEach((expr, i) => {
    errs.push(...validateLabelSelectorRequirement(expr, `${path}.matchExpressions[${i}]`, opts));
  });
  return errs;
}

export function validateLabelSelectorRequirement(
  sr: LabelSelectorRequirementObject,
  path: string,
  opts: LabelSelectorValidationOptions = {},
): FieldError[] {
  const errs: FieldError[] = [];
  const values = sr.values ?? [];
  switch (sr.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) {
        errs.push({ type: 'FieldValueRequired', field: `${path}.values`, detail: "must be specified when `operator` is 'In' or 'NotIn'" });
      }
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) {
        errs.push({
          type: 'FieldValueForbidden',
          field: `${path}.values`,
          detail: "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
        });
      }
      break;
    default:
      errs.push({ type: 'FieldValueInvalid', field: `${path}.operator`, value: sr.operator, detail: 'not a valid selector operator' });
  }
  errs.push(...validateLabelName(sr.key, `${path}.key`));
  if (!opts.allowInvalidLabelValueInSelector) {
    values.forEach((v, i) => {
      for (const detail of isValidLabelValue(v)) {
        errs.push({ type: 'FieldValueInvalid', field: `${path}.values[${i}]`, value: v, detail });
      }
    });
  }
  return errs;
}
