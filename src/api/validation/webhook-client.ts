// Webhook client configuration shared by admission webhooks and CRD conversion webhooks
// (k8s.io/apiserver/pkg/util/webhook): exactly one of url or service; a url must parse as Go's
// net/url parses it, be https, name a host and carry no user info, query or fragment; a
// service needs name and namespace, a valid port and a path of DNS-subdomain segments. Also
// the AdmissionReview/ConversionReview version list rules.

import type { FieldError } from '../errors.js';
import { goQuote, isDNS1123Subdomain } from '../labels/index.js';
import { isSet, num, optObj, optStr, str, strs, type Obj } from './access.js';
import { child, index, invalid, required } from './field.js';
import { isDNS1035Label, isValidPortNum } from './names.js';

interface GoURL {
  scheme: string;
  host: string;
  user?: string;
  rawQuery: string;
  fragment: string;
}

/** Enough of Go's url.Parse to reach the same verdicts on webhook URLs: the parts, or the error text. */
export function parseGoURL(raw: string): GoURL | string {
  const hash = raw.indexOf('#');
  const u = hash < 0 ? raw : raw.slice(0, hash);
  const fragment = hash < 0 ? '' : raw.slice(hash + 1);
  const fail = (msg: string) => `parse ${goQuote(u)}: ${msg}`;
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(u)) return fail('net/url: invalid control character in URL');
  let scheme = '';
  let rest = u;
  for (let i = 0; i < u.length; i++) {
    const c = u[i]!;
    if (/[a-zA-Z]/.test(c)) continue;
    if (/[0-9+\-.]/.test(c)) {
      if (i === 0) break;
      continue;
    }
    if (c === ':') {
      if (i === 0) return fail('missing protocol scheme');
      scheme = u.slice(0, i).toLowerCase();
      rest = u.slice(i + 1);
    }
    break;
  }
  let rawQuery = '';
  if (rest.endsWith('?') && rest.split('?').length === 2) rest = rest.slice(0, -1);
  else {
    const q = rest.indexOf('?');
    if (q >= 0) [rest, rawQuery] = [rest.slice(0, q), rest.slice(q + 1)];
  }
  if (!rest.startsWith('/')) {
    if (scheme !== '') return { scheme, host: '', rawQuery, fragment };
    const first = rest.split('/')[0]!;
    if (first.includes(':')) return fail('first path segment in URL cannot contain colon');
  }
  let host = '';
  let user: string | undefined;
  if ((scheme !== '' || !rest.startsWith('///')) && rest.startsWith('//')) {
    const afterSlashes = rest.slice(2);
    const slash = afterSlashes.indexOf('/');
    const authority = slash < 0 ? afterSlashes : afterSlashes.slice(0, slash);
    const at = authority.lastIndexOf('@');
    host = at < 0 ? authority : authority.slice(at + 1);
    if (at >= 0) user = authority.slice(0, at);
    if (host.startsWith('[')) {
      const close = host.indexOf(']');
      if (close < 0) return fail("missing ']' in host");
      const port = host.slice(close + 1);
      if (port !== '' && !/^:\d*$/.test(port)) return fail(`invalid port ${goQuote(port)} after host`);
    } else {
      const colon = host.lastIndexOf(':');
      if (colon >= 0 && !/^:\d*$/.test(host.slice(colon))) return fail(`invalid port ${goQuote(host.slice(colon))} after host`);
    }
  }
  return { scheme, host, user, rawQuery, fragment };
}

const URL_FORM = '; desired format: https://host[/path]';

/** ValidateWebhookURL with forceHttps. */
export function validateWebhookURL(field: string, url: string): FieldError[] {
  const u = parseGoURL(url);
  if (typeof u === 'string') return [required(field, `url must be a valid URL: ${u}${URL_FORM}`)];
  const errs: FieldError[] = [];
  if (u.scheme !== 'https') errs.push(invalid(field, u.scheme, `'https' is the only allowed URL scheme${URL_FORM}`));
  if (u.host === '') errs.push(invalid(field, u.host, `host must be specified${URL_FORM}`));
  if (u.user !== undefined) errs.push(invalid(field, u.user, 'user information is not permitted in the URL'));
  if (u.fragment !== '') errs.push(invalid(field, u.fragment, 'fragments are not permitted in the URL'));
  if (u.rawQuery !== '') errs.push(invalid(field, u.rawQuery, 'query parameters are not permitted in the URL'));
  return errs;
}

/**
 * ValidateWebhookService. Kubernetes declares its parameters as (namespace, name) but its
 * callers pass (name, namespace), so a missing name is reported at "namespace" and a missing
 * namespace at "name"; kite reproduces the paths clients actually see.
 */
export function validateWebhookService(field: string, svc: Obj): FieldError[] {
  const errs: FieldError[] = [];
  if (str(svc.namespace) === '') errs.push(required(child(field, 'name')));
  if (str(svc.name) === '') errs.push(required(child(field, 'namespace')));
  const port = num(svc.port ?? 443);
  const portErrs = isValidPortNum(port);
  if (portErrs.length > 0) errs.push(invalid(child(field, 'port'), port, `port is not valid: ${portErrs.join(', ')}`));
  const path = optStr(svc.path);
  if (path === undefined || path === '' || path === '/') return errs;
  const p = child(field, 'path');
  if (path === '//') return [...errs, invalid(p, path, 'segment[0] may not be empty')];
  if (!path.startsWith('/')) errs.push(invalid(p, path, "must start with a '/'"));
  let toCheck = path.slice(1);
  if (toCheck.endsWith('/')) toCheck = toCheck.slice(0, -1);
  toCheck.split('/').forEach((step, i) => {
    if (step === '') {
      errs.push(invalid(p, path, `segment[${i}] may not be empty`));
      return;
    }
    for (const m of isDNS1123Subdomain(step)) errs.push(invalid(p, path, `segment[${i}]: ${m}`));
  });
  return errs;
}

/** The clientConfig switch: exactly one of url or service. */
export function validateClientConfig(cc: Obj, field: string): FieldError[] {
  const hasURL = isSet(cc.url);
  const svc = optObj(cc.service);
  if (hasURL === (svc !== undefined)) return [required(field, 'exactly one of url or service is required')];
  if (hasURL) return validateWebhookURL(child(field, 'url'), str(cc.url));
  return validateWebhookService(child(field, 'service'), svc!);
}

export const ACCEPTED_REVIEW_VERSIONS = ['v1', 'v1beta1'];

/** validateAdmissionReviewVersions / validateConversionReviewVersions. */
export function validateReviewVersions(versionsValue: unknown, requireRecognized: boolean, field: string): FieldError[] {
  const versions = strs(versionsValue);
  if (versions.length < 1) return [required(field, `must specify one of ${ACCEPTED_REVIEW_VERSIONS.join(', ')}`)];
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  let hasAccepted = false;
  versions.forEach((v, i) => {
    if (seen.has(v)) {
      errs.push(invalid(index(field, i), v, 'duplicate version'));
      return;
    }
    seen.add(v);
    for (const m of isDNS1035Label(v)) errs.push(invalid(index(field, i), v, m));
    if (ACCEPTED_REVIEW_VERSIONS.includes(v)) hasAccepted = true;
  });
  if (requireRecognized && !hasAccepted) {
    errs.push(invalid(field, versions, `must include at least one of ${ACCEPTED_REVIEW_VERSIONS.join(', ')}`));
  }
  return errs;
}

/** Whether every entry that lists versions lists one this server accepts. */
export function allHaveAcceptedVersions(lists: readonly string[][]): boolean {
  return lists.every((vs) => vs.length === 0 || vs.some((v) => ACCEPTED_REVIEW_VERSIONS.includes(v)));
}
