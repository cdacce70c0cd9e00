// Core events as the v1 API validates them (legacyValidateEvent; events.k8s.io requests are
// stored as core events and kite cannot tell which API wrote them, so the v1 rules apply):
// the event's namespace must agree with its involved object's, and an event with an eventTime
// (the "new" kind) needs reportingComponent, reportingInstance, action and reason within
// their length limits. Events get no metadata validation beyond the registry's.

import type { FieldError } from '../errors.js';
import { isQualifiedName } from '../labels/index.js';
import { isSet, obj, str, type Obj } from './access.js';
import { invalid, required } from './field.js';
import { isDNS1123Subdomain } from './names.js';

const REPORTING_INSTANCE_LIMIT = 128;
const ACTION_LIMIT = 128;
const REASON_LIMIT = 128;
const NOTE_LIMIT = 1024;

export function validateEvent(event: Obj): FieldError[] {
  const errs: FieldError[] = [];
  const ns = str(obj(event.metadata).namespace);
  const involvedNs = str(obj(event.involvedObject).namespace);
  if (!isSet(event.eventTime)) {
    if (involvedNs === '') {
      if (ns !== '' && ns !== 'default') errs.push(invalid('involvedObject.namespace', involvedNs, 'does not match event.namespace'));
    } else if (ns !== involvedNs) {
      errs.push(invalid('involvedObject.namespace', involvedNs, 'does not match event.namespace'));
    }
  } else {
    if (involvedNs === '' && ns !== 'default' && ns !== 'kube-system') {
      errs.push(invalid('involvedObject.namespace', involvedNs, 'does not match event.namespace'));
    }
    const controller = str(event.reportingComponent);
    if (controller === '') errs.push(required('reportingComponent'));
    for (const m of isQualifiedName(controller)) errs.push(invalid('reportingComponent', controller, m));
    const instance = str(event.reportingInstance);
    if (instance === '') errs.push(required('reportingInstance'));
    if (instance.length > REPORTING_INSTANCE_LIMIT) errs.push(invalid('reportingInstance', '', `can have at most ${REPORTING_INSTANCE_LIMIT} characters`));
    const action = str(event.action);
    if (action === '') errs.push(required('action'));
    if (action.length > ACTION_LIMIT) errs.push(invalid('action', '', `can have at most ${ACTION_LIMIT} characters`));
    const reason = str(event.reason);
    if (reason === '') errs.push(required('reason'));
    if (reason.length > REASON_LIMIT) errs.push(invalid('reason', '', `can have at most ${REASON_LIMIT} characters`));
    if (str(event.message).length > NOTE_LIMIT) errs.push(invalid('message', '', `can have at most ${NOTE_LIMIT} characters`));
  }
  for (const m of isDNS1123Subdomain(ns)) errs.push(invalid('namespace', ns, m));
  return errs;
}
