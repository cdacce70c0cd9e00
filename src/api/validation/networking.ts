// Ingresses, IngressClasses and NetworkPolicies (pkg/apis/networking/validation, 1.32):
// an Ingress needs rules or a default backend, DNS hosts (wildcards only as "*.domain"),
// typed absolute paths, and backends naming a service port or a resource; an IngressClass a
// domain-prefixed controller that never changes; a NetworkPolicy valid selectors, ports and
// exactly one kind of peer, ipBlock excepts strictly inside the cidr.

import type { FieldError } from '../errors.js';
import { goValue } from '../errors.js';
import { goQuote, validateLabelSelector } from '../labels/index.js';
import { isSet, num, obj, objs, optObj, optStr, optStrMap, str, strs, type Obj } from './access.js';
import { child, forbidden, index, invalid, notSupported, required, tooLong } from './field.js';
import { immutableField, validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import {
  isDNS1123Subdomain,
  isValidPathSegmentName,
  isValidPortName,
  isValidPortNum,
  isWildcardDNS1123Subdomain,
  nameIsDNS1035Label,
  nameIsDNSLabel,
  nameIsDNSSubdomain,
} from './names.js';
import { cidrStrictSubset, isValidCIDR, parseCIDR, parseIP } from './net.js';

const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];
const INVALID_PATH_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_PATH_SUFFIXES = ['/..', '/.'];

function validateTypedLocalObjectReference(ref: Obj, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const apiGroup = optStr(ref.apiGroup);
  if (apiGroup !== undefined) for (const m of isDNS1123Subdomain(apiGroup)) errs.push(invalid(child(field, 'apiGroup'), apiGroup, m));
  for (const f of ['kind', 'name']) {
    const v = str(ref[f]);
    if (v === '') errs.push(required(child(field, f)));
    else for (const m of isValidPathSegmentName(v)) errs.push(invalid(child(field, f), v, m));
  }
  return errs;
}

function validateBackend(backend: Obj, field: string): FieldError[] {
  const resource = optObj(backend.resource);
  const service = optObj(backend.service);
  if (resource && service) return [invalid(field, '', 'cannot set both resource and service backends')];
  if (resource) return validateTypedLocalObjectReference(resource, child(field, 'resource'));
  if (!service) return [invalid(field, '', 'resource or service backend is required')];
  const errs: FieldError[] = [];
  const name = str(service.name);
  if (name === '') errs.push(required(child(field, 'service', 'name')));
  else for (const m of nameIsDNS1035Label(name, false)) errs.push(invalid(child(field, 'service', 'name'), name, m));
  const port = obj(service.port);
  const portName = str(port.name);
  const portNumber = num(port.number);
  if (portName.length > 0 && portNumber !== 0) errs.push(invalid(field, '', 'cannot set both port name & port number'));
  else if (portName.length > 0) for (const m of isValidPortName(portName)) errs.push(invalid(child(field, 'service', 'port', 'name'), portName, m));
  else if (portNumber !== 0) for (const m of isValidPortNum(portNumber)) errs.push(invalid(child(field, 'service', 'port', 'number'), portNumber, m));
  else errs.push(required(field, 'port name or number is required'));
  return errs;
}

function validateHTTPPath(path: Obj, field: string): FieldError[] {
  const type = optStr(path.pathType);
  if (type === undefined) return [required(child(field, 'pathType'), 'pathType must be specified')];
  const errs: FieldError[] = [];
  const p = str(path.path);
  switch (type) {
    case 'Exact':
    case 'Prefix':
      if (!p.startsWith('/')) errs.push(invalid(child(field, 'path'), p, 'must be an absolute path'));
      if (p.length > 0) {
        for (const seq of INVALID_PATH_SEQUENCES) if (p.includes(seq)) errs.push(invalid(child(field, 'path'), p, `must not contain '${seq}'`));
        for (const suf of INVALID_PATH_SUFFIXES) if (p.endsWith(suf)) errs.push(invalid(child(field, 'path'), p, `cannot end with '${suf}'`));
      }
      break;
    case 'ImplementationSpecific':
      if (p.length > 0 && !p.startsWith('/')) errs.push(invalid(child(field, 'path'), p, 'must be an absolute path'));
      break;
    default:
      errs.push(notSupported(child(field, 'pathType'), type, PATH_TYPES));
  }
  errs.push(...validateBackend(obj(path.backend), child(field, 'backend')));
  return errs;
}

function validateHost(host: string, field: string): FieldError[] {
  if (host.includes('*')) return isWildcardDNS1123Subdomain(host).map((m) => invalid(field, host, m));
  return isDNS1123Subdomain(host).map((m) => invalid(field, host, m));
}

function validateIngressSpec(specValue: unknown): FieldError[] {
  const spec = obj(specValue);
  const errs: FieldError[] = [];
  const rules = objs(spec.rules);
  const defaultBackend = optObj(spec.defaultBackend);
  if (rules.length === 0 && !defaultBackend) {
    errs.push(invalid('spec', goValue('[]networking.IngressRule(nil)'), 'either `defaultBackend` or `rules` must be specified'));
  }
  if (defaultBackend) errs.push(...validateBackend(defaultBackend, 'spec.defaultBackend'));
  rules.forEach((rule, i) => {
    const rp = index('spec.rules', i);
    const host = str(rule.host);
    if (host.length > 0) {
      if (parseIP(host)) errs.push(invalid(child(rp, 'host'), host, 'must be a DNS name, not an IP address'));
      errs.push(...validateHost(host, child(rp, 'host')));
    }
    const http = optObj(rule.http);
    if (http) {
      const paths = objs(http.paths);
      if (paths.length === 0) errs.push(required(child(rp, 'http', 'paths')));
      paths.forEach((p, j) => errs.push(...validateHTTPPath(p, index(child(rp, 'http', 'paths'), j))));
    }
  });
  objs(spec.tls).forEach((tls, i) => {
    const tp = index('spec.tls', i);
    strs(tls.hosts).forEach((h, j) => errs.push(...validateHost(h, index(child(tp, 'hosts'), j))));
    const secretName = str(tls.secretName);
    if (secretName.length > 0) for (const m of nameIsDNSSubdomain(secretName, false)) errs.push(invalid(child(tp, 'secretName'), secretName, m));
  });
  const className = optStr(spec.ingressClassName);
  if (className !== undefined) for (const m of nameIsDNSSubdomain(className, false)) errs.push(invalid('spec.ingressClassName', className, m));
  return errs;
}

export function validateIngress(ing: Obj): FieldError[] {
  const errs = [...validateObjectMeta(ing.metadata, true, nameIsDNSSubdomain), ...validateIngressSpec(ing.spec)];
  const annotation = (optStrMap(obj(ing.metadata).annotations) ?? {})['kubernetes.io/ingress.class'];
  const className = optStr(obj(ing.spec).ingressClassName);
  if (annotation !== undefined && className !== undefined && annotation !== className) {
    errs.push(invalid('annotations.kubernetes.io/ingress.class', annotation, 'must match `ingressClassName` when both are specified'));
  }
  return errs;
}

export function validateIngressUpdate(ing: Obj, old: Obj): FieldError[] {
  return [...validateObjectMetaUpdate(ing.metadata, old.metadata), ...validateObjectMeta(ing.metadata, true, nameIsDNSSubdomain), ...validateIngressSpec(ing.spec)];
}

function validateDomainPrefixedPath(field: string, p: string): FieldError[] {
  if (p.length === 0) return [required(field)];
  const slash = p.indexOf('/');
  if (slash <= 0 || slash === p.length - 1) return [invalid(field, p, 'must be a domain-prefixed path (such as "acme.io/foo")')];
  const host = p.slice(0, slash);
  const rest = p.slice(slash + 1);
  const errs = isDNS1123Subdomain(host).map((m) => invalid(field, host, m));
  if (!/^[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/.test(rest)) {
    errs.push(invalid(field, rest, "Invalid path (regex used for validation is '[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+')"));
  }
  return errs;
}

function validateIngressClassSpec(specValue: unknown): FieldError[] {
  const spec = obj(specValue);
  const errs: FieldError[] = [];
  const controller = str(spec.controller);
  if (controller === '') errs.push(required('spec.controller'));
  else {
    if (controller.length > 250) errs.push(tooLong('spec.controller', 250));
    errs.push(...validateDomainPrefixedPath('spec.controller', controller));
  }
  const params = optObj(spec.parameters);
  if (params) {
    const p = 'spec.parameters';
    const apiGroup = optStr(params.apiGroup);
    if (apiGroup !== undefined) for (const m of isDNS1123Subdomain(apiGroup)) errs.push(invalid(child(p, 'apiGroup'), apiGroup, m));
    for (const f of ['kind', 'name']) {
      const v = str(params[f]);
      if (v === '') errs.push(required(child(p, f)));
      else for (const m of isValidPathSegmentName(v)) errs.push(invalid(child(p, f), v, m));
    }
    const scope = optStr(params.scope);
    if (scope === undefined) errs.push(required(child(p, 'scope')));
    else if (scope !== 'Cluster' && scope !== 'Namespace') errs.push(notSupported(child(p, 'scope'), scope, ['Cluster', 'Namespace']));
    else if (scope === 'Namespace') {
      const ns = optStr(params.namespace);
      if (ns === undefined) errs.push(required(child(p, 'namespace'), "`parameters.scope` is set to 'Namespace'"));
      else for (const m of nameIsDNSLabel(ns, false)) errs.push(invalid(child(p, 'namespace'), ns, m));
    } else if (isSet(params.namespace)) {
      errs.push(forbidden(child(p, 'namespace'), "`parameters.scope` is set to 'Cluster'"));
    }
  }
  return errs;
}

export function validateIngressClass(ic: Obj): FieldError[] {
  return [...validateObjectMeta(ic.metadata, false, nameIsDNSSubdomain), ...validateIngressClassSpec(ic.spec)];
}

export function validateIngressClassUpdate(ic: Obj, old: Obj): FieldError[] {
  return [
    ...validateObjectMetaUpdate(ic.metadata, old.metadata),
    ...immutableField(str(obj(ic.spec).controller), str(obj(old.spec).controller), 'spec.controller'),
    ...validateIngressClass(ic),
  ];
}

function validateNetworkPolicyPort(port: Obj, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const protocol = optStr(port.protocol);
  if (protocol !== undefined && !['TCP', 'UDP', 'SCTP'].includes(protocol)) errs.push(notSupported(child(field, 'protocol'), protocol, ['TCP', 'UDP', 'SCTP']));
  const endPort = typeof port.endPort === 'number' ? port.endPort : undefined;
  if (typeof port.port === 'number') {
    for (const m of isValidPortNum(port.port)) errs.push(invalid(child(field, 'port'), port.port, m));
    if (endPort !== undefined) {
      if (endPort < port.port) errs.push(invalid(child(field, 'endPort'), endPort, 'must be greater than or equal to `port`'));
      for (const m of isValidPortNum(endPort)) errs.push(invalid(child(field, 'endPort'), endPort, m));
    }
  } else if (typeof port.port === 'string') {
    if (endPort !== undefined) errs.push(invalid(child(field, 'endPort'), endPort, 'may not be specified when `port` is non-numeric'));
    for (const m of isValidPortName(port.port)) errs.push(invalid(child(field, 'port'), port.port, m));
  } else if (endPort !== undefined) {
    errs.push(invalid(child(field, 'endPort'), endPort, 'may not be specified when `port` is not specified'));
  }
  return errs;
}

function validateIPBlock(block: Obj, field: string): FieldError[] {
  const cidr = str(block.cidr);
  if (cidr === '') return [required(child(field, 'cidr'))];
  const errs = isValidCIDR(child(field, 'cidr'), cidr);
  const outer = parseCIDR(cidr);
  if (!outer) return errs;
  strs(block.except).forEach((e, i) => {
    const p = index(child(field, 'except'), i);
    const ee = isValidCIDR(p, e);
    errs.push(...ee);
    const inner = parseCIDR(e);
    if (inner && !cidrStrictSubset(outer, inner)) errs.push(invalid(p, e, 'must be a strict subset of `cidr`'));
  });
  return errs;
}

function validatePeer(peer: Obj, field: string): FieldError[] {
  const errs: FieldError[] = [];
  let peers = 0;
  for (const s of ['podSelector', 'namespaceSelector']) {
    const sel = optObj(peer[s]);
    if (!sel) continue;
    peers++;
    errs.push(...validateLabelSelector(sel, child(field, s)));
  }
  const block = optObj(peer.ipBlock);
  if (block) {
    peers++;
    errs.push(...validateIPBlock(block, child(field, 'ipBlock')));
  }
  if (peers === 0) errs.push(required(field, 'must specify a peer'));
  else if (peers > 1 && block) errs.push(forbidden(field, 'may not specify both ipBlock and another peer'));
  return errs;
}

function validateNetworkPolicySpec(specValue: unknown): FieldError[] {
  const spec = obj(specValue);
  const errs = validateLabelSelector(obj(spec.podSelector), 'spec.podSelector');
  for (const [dir, peersKey] of [['ingress', 'from'], ['egress', 'to']] as const) {
    objs(spec[dir]).forEach((rule, i) => {
      const rp = index(child('spec', dir), i);
      objs(rule.ports).forEach((port, j) => errs.push(...validateNetworkPolicyPort(port, index(child(rp, 'ports'), j))));
      objs(rule[peersKey]).forEach((peer, j) => errs.push(...validatePeer(peer, index(child(rp, peersKey), j))));
    });
  }
  const types = strs(spec.policyTypes);
  if (types.length > 2) {
    errs.push(invalid('spec.policyTypes', goValue(`[]networking.PolicyType{${types.map(goQuote).join(', ')}}`), 'may not specify more than two policyTypes'));
    return errs;
  }
  types.forEach((t, i) => {
    if (t !== 'Ingress' && t !== 'Egress') errs.push(notSupported(index('spec.policyTypes', i), t, ['Ingress', 'Egress']));
  });
  return errs;
}

export function validateNetworkPolicy(np: Obj): FieldError[] {
  return [...validateObjectMeta(np.metadata, true, nameIsDNSSubdomain), ...validateNetworkPolicySpec(np.spec)];
}

export function validateNetworkPolicyUpdate(np: Obj, old: Obj): FieldError[] {
  return [...validateObjectMetaUpdate(np.metadata, old.metadata), ...validateNetworkPolicySpec(np.spec)];
}
