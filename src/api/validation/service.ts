// Services and Endpoints (ValidateService[Update], ValidateEndpoints). A Service needs ports
// unless headless or ExternalName (several ports need unique names), a known type and session
// affinity, clusterIP and clusterIPs in step with ipFamilies, node ports only where the type
// allows them, traffic policies set (defaulting fills them); on update the cluster IPs and IP
// families may only gain or lose a secondary entry. The node port range check belongs to
// Kubernetes' port allocator, which runs before validation; kite reports it here.

import type { FieldError } from '../errors.js';
import { goValue } from '../errors.js';
import { goQuote, validateLabels } from '../labels/index.js';
import { arr, isSet, num, obj, objs, optNum, optObj, optStr, optStrMap, str, strs, type Obj } from './access.js';
import { child, duplicate, forbidden, index, invalid, key, notSupported, required } from './field.js';
import { goIntOrStringStruct } from './go-value.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import { isDNS1123Subdomain, isQualifiedName, isValidPortName, isValidPortNum, nameIsDNS1035Label, nameIsDNSLabel, nameIsDNSSubdomain } from './names.js';
import { isDualStack, isIPv6String, isValidCIDR, isValidIP, validateNonSpecialIP } from './net.js';

export const DEFAULT_NODE_PORT_RANGE = { base: 30000, size: 2768 };

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const TOPOLOGY_HINTS = 'service.kubernetes.io/topology-aware-hints';
const TOPOLOGY_MODE = 'service.kubernetes.io/topology-mode';
const SOURCE_RANGES_ANNOTATION = 'service.beta.kubernetes.io/load-balancer-source-ranges';
const MAX_CLIENT_IP_AFFINITY_SECONDS = 86400;

function isHeadless(spec: Obj): boolean {
  const ips = strs(spec.clusterIPs);
  return ips.length === 1 && ips[0] === 'None';
}

function validatePortNumOrName(port: unknown, field: string): FieldError[] {
  if (typeof port === 'string') return isValidPortName(port).map((m) => invalid(field, port, m));
  const n = typeof port === 'number' ? Math.trunc(port) : 0;
  return isValidPortNum(n).map((m) => invalid(field, n, m));
}

function validateServicePort(sp: Obj, requireName: boolean, names: Set<string>, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(sp.name);
  if (requireName && name === '') errs.push(required(child(field, 'name')));
  else if (name !== '') {
    for (const m of nameIsDNSLabel(name, false)) errs.push(invalid(child(field, 'name'), name, m));
    if (names.has(name)) errs.push(duplicate(child(field, 'name'), name));
    else names.add(name);
  }
  const port = num(sp.port);
  for (const m of isValidPortNum(port)) errs.push(invalid(child(field, 'port'), port, m));
  const protocol = str(sp.protocol);
  if (protocol === '') errs.push(required(child(field, 'protocol')));
  else if (!PROTOCOLS.includes(protocol)) errs.push(notSupported(child(field, 'protocol'), protocol, PROTOCOLS));
  errs.push(...validatePortNumOrName(sp.targetPort, child(field, 'targetPort')));
  const appProtocol = optStr(sp.appProtocol);
  if (appProtocol !== undefined) for (const m of isQualifiedName(appProtocol)) errs.push(invalid(child(field, 'appProtocol'), appProtocol, m));
  return errs;
}

/** %#v of the core.ServicePort Kubernetes builds as the (protocol, port) duplicate key. */
function servicePortKey(protocol: string, port: number) {
  return goValue(
    `core.ServicePort{Name:"", Protocol:${goQuote(protocol)}, AppProtocol:(*string)(nil), Port:${port}, TargetPort:${goIntOrStringStruct(0)}, NodePort:0}`,
  );
}

/** ValidateServiceClusterIPsRelatedFields. */
function validateClusterIPs(spec: Obj): FieldError[] {
  if (str(spec.type) === 'ExternalName') return [];
  const errs: FieldError[] = [];
  const clusterIP = str(spec.clusterIP);
  const ipsSet = Array.isArray(spec.clusterIPs);
  const clusterIPs = strs(spec.clusterIPs);
  const ipsShown = ipsSet ? clusterIPs : goValue('[]string(nil)');
  if (clusterIP !== '') {
    if (clusterIPs.length === 0) errs.push(required('spec.clusterIPs'));
    else if (clusterIPs[0] !== clusterIP) errs.push(invalid('spec.clusterIPs', ipsShown, 'first value must match `clusterIP`'));
  } else if (clusterIPs.length !== 0) {
    errs.push(invalid('spec.clusterIPs', ipsShown, 'must be empty when `clusterIP` is not specified'));
  }
  const families = strs(spec.ipFamilies);
  const seen = new Set<string>();
  families.forEach((f, i) => {
    if (f !== 'IPv4' && f !== 'IPv6') errs.push(notSupported(index('spec.ipFamilies', i), f, ['IPv4', 'IPv6']));
    if (seen.has(f)) errs.push(duplicate(index('spec.ipFamilies', i), f));
    seen.add(f);
  });
  const policy = optStr(spec.ipFamilyPolicy);
  if (policy !== undefined && !['PreferDualStack', 'RequireDualStack', 'SingleStack'].includes(policy)) {
    errs.push(notSupported('spec.ipFamilyPolicy', policy, ['PreferDualStack', 'RequireDualStack', 'SingleStack']));
  }
  let invalidIPs = false;
  clusterIPs.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (clusterIPs.length > 1) {
        invalidIPs = true;
        errs.push(invalid('spec.clusterIPs', ipsShown, "'None' must be the first and only value"));
      }
      return;
    }
    const e = isValidIP(index('spec.clusterIPs', i), ip);
    if (e.length > 0) invalidIPs = true;
    errs.push(...e);
  });
  if (clusterIPs.length > 2) errs.push(invalid('spec.clusterIPs', ipsShown, 'may only hold up to 2 values'));
  if (invalidIPs) return errs;
  if (clusterIPs.length > 1 && !isDualStack(clusterIPs)) {
    errs.push(invalid('spec.clusterIPs', ipsShown, 'may specify no more than one IP for each IP family'));
  }
  if (!isHeadless(spec) && clusterIPs.length > 0 && families.length > 0) {
    clusterIPs.forEach((ip, i) => {
      if (i > families.length - 1) return;
      if (families[i] === 'IPv4' && isIPv6String(ip)) errs.push(invalid(index('spec.clusterIPs', i), ip, `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``));
      if (families[i] === 'IPv6' && !isIPv6String(ip)) errs.push(invalid(index('spec.clusterIPs', i), ip, `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``));
    });
  }
  return errs;
}

function externallyAccessible(spec: Obj): boolean {
  const t = str(spec.type);
  return t === 'LoadBalancer' || t === 'NodePort' || (t === 'ClusterIP' && arr(spec.externalIPs).length > 0);
}

function needsHealthCheck(spec: Obj): boolean {
  return str(spec.type) === 'LoadBalancer' && str(spec.externalTrafficPolicy) === 'Local';
}

export function validateService(svc: Obj): FieldError[] {
  const meta = obj(svc.metadata);
  const spec = obj(svc.spec);
  const type = str(spec.type);
  const errs = validateObjectMeta(meta, true, nameIsDNS1035Label);
  const ann = optStrMap(meta.annotations) ?? {};
  if (TOPOLOGY_MODE in ann && TOPOLOGY_HINTS in ann && ann[TOPOLOGY_MODE] !== ann[TOPOLOGY_HINTS]) {
    errs.push(invalid(key('metadata.annotations', TOPOLOGY_MODE), ann[TOPOLOGY_MODE], `must match annotations[${TOPOLOGY_HINTS}] when both are specified`));
  }
  const ports = objs(spec.ports);
  if (ports.length === 0 && !isHeadless(spec) && type !== 'ExternalName') errs.push(required('spec.ports'));
  switch (type) {
    case 'LoadBalancer':
    case 'NodePort':
      if (isHeadless(spec)) errs.push(invalid('spec.clusterIPs[0]', 'None', `may not be set to 'None' for ${type} services`));
      break;
    case 'ExternalName': {
      if (strs(spec.clusterIPs).length > 0) errs.push(forbidden('spec.clusterIPs', 'may not be set for ExternalName services'));
      if (strs(spec.ipFamilies).length > 0) errs.push(forbidden('spec.ipFamilies', 'may not be set for ExternalName services'));
      if (isSet(spec.ipFamilyPolicy)) errs.push(forbidden('spec.ipFamilyPolicy', 'may not be set for ExternalName services'));
      const cname = str(spec.externalName).replace(/\.$/, '');
      if (cname.length > 0) for (const m of isDNS1123Subdomain(cname)) errs.push(invalid('spec.externalName', cname, m));
      else errs.push(required('spec.externalName'));
      break;
    }
  }
  const names = new Set<string>();
  ports.forEach((p, i) => errs.push(...validateServicePort(p, ports.length > 1, names, index('spec.ports', i))));
  if (isSet(spec.selector)) errs.push(...validateLabels(optStrMap(spec.selector), 'spec.selector'));
  const affinity = str(spec.sessionAffinity);
  if (affinity === '') errs.push(required('spec.sessionAffinity'));
  else if (affinity !== 'ClientIP' && affinity !== 'None') errs.push(notSupported('spec.sessionAffinity', affinity, ['ClientIP', 'None']));
  const affinityConfig = optObj(spec.sessionAffinityConfig);
  if (affinity === 'ClientIP') {
    const detail = 'when session affinity type is ClientIP';
    const clientIP = affinityConfig ? optObj(affinityConfig.clientIP) : undefined;
    const timeout = clientIP ? optNum(clientIP.timeoutSeconds) : undefined;
    if (!affinityConfig) errs.push(required('spec.sessionAffinityConfig', detail));
    else if (!clientIP) errs.push(required('spec.sessionAffinityConfig.clientIP', detail));
    else if (timeout === undefined) errs.push(required('spec.sessionAffinityConfig.clientIP.timeoutSeconds', detail));
    else if (timeout <= 0 || timeout > MAX_CLIENT_IP_AFFINITY_SECONDS) {
      errs.push(invalid('spec.sessionAffinityConfig.clientIP.timeoutSeconds', timeout, `must be greater than 0 and less than ${MAX_CLIENT_IP_AFFINITY_SECONDS}`));
    }
  } else if (affinity === 'None' && affinityConfig) {
    errs.push(forbidden('spec.sessionAffinityConfig', 'must not be set when session affinity is None'));
  }
  errs.push(...validateClusterIPs(spec));
  strs(spec.externalIPs).forEach((ip, i) => {
    const p = index('spec.externalIPs', i);
    const e = isValidIP(p, ip);
    errs.push(...(e.length > 0 ? e : validateNonSpecialIP(ip, p)));
  });
  if (type === '') errs.push(required('spec.type'));
  else if (!SERVICE_TYPES.includes(type)) errs.push(notSupported('spec.type', type, SERVICE_TYPES));
  if (type === 'ClusterIP') {
    ports.forEach((p, i) => {
      if (num(p.nodePort) !== 0) errs.push(forbidden(child(index('spec.ports', i), 'nodePort'), "may not be used when `type` is 'ClusterIP'"));
    });
  }
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    const np = num(p.nodePort);
    if (np === 0) return;
    const k = `${str(p.protocol)}/${np}`;
    if (nodePorts.has(k)) errs.push(duplicate(child(index('spec.ports', i), 'nodePort'), np));
    nodePorts.add(k);
  });
  const portKeys = new Set<string>();
  ports.forEach((p, i) => {
    const k = `${str(p.protocol)}/${num(p.port)}`;
    if (portKeys.has(k)) errs.push(duplicate(index('spec.ports', i), servicePortKey(str(p.protocol), num(p.port))));
    portKeys.add(k);
  });
  const ranges = strs(spec.loadBalancerSourceRanges);
  if (ranges.length > 0) {
    if (type !== 'LoadBalancer') errs.push(forbidden('spec.LoadBalancerSourceRanges', "may only be used when `type` is 'LoadBalancer'"));
    ranges.forEach((r, i) => errs.push(...isValidCIDR(index('spec.LoadBalancerSourceRanges', i), r.trim())));
  } else if (SOURCE_RANGES_ANNOTATION in ann) {
    const p = key('metadata.annotations', SOURCE_RANGES_ANNOTATION);
    if (type !== 'LoadBalancer') errs.push(forbidden(p, "may only be used when `type` is 'LoadBalancer'"));
    const val = ann[SOURCE_RANGES_ANNOTATION]!.trim();
    if (val !== '') for (const cidr of val.split(',')) errs.push(...isValidCIDR(p, cidr.trim()));
  }
  if (isSet(spec.allocateLoadBalancerNodePorts) && type !== 'LoadBalancer') {
    errs.push(forbidden('spec.allocateLoadBalancerNodePorts', "may only be used when `type` is 'LoadBalancer'"));
  }
  // Kubernetes reports this one without the "spec." prefix.
  if (type === 'LoadBalancer' && !isSet(spec.allocateLoadBalancerNodePorts)) errs.push(required('allocateLoadBalancerNodePorts'));
  const lbClass = optStr(spec.loadBalancerClass);
  if (type === 'LoadBalancer') {
    if (lbClass !== undefined) for (const m of isQualifiedName(lbClass)) errs.push(invalid('spec.loadBalancerClass', lbClass, m));
  } else if (lbClass !== undefined) {
    errs.push(forbidden('spec.loadBalancerClass', "may only be used when `type` is 'LoadBalancer'"));
  }
  const etp = str(spec.externalTrafficPolicy);
  if (!externallyAccessible(spec)) {
    if (etp !== '') errs.push(invalid('spec.externalTrafficPolicy', etp, 'may only be set for externally-accessible services'));
  } else if (etp === '') errs.push(required('spec.externalTrafficPolicy'));
  else if (etp !== 'Cluster' && etp !== 'Local') errs.push(notSupported('spec.externalTrafficPolicy', etp, ['Cluster', 'Local']));
  const hcnp = num(spec.healthCheckNodePort);
  if (!needsHealthCheck(spec)) {
    if (hcnp !== 0) errs.push(invalid('spec.healthCheckNodePort', hcnp, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
  } else if (hcnp === 0) errs.push(required('spec.healthCheckNodePort'));
  else for (const m of isValidPortNum(hcnp)) errs.push(invalid('spec.healthCheckNodePort', hcnp, m));
  const itp = optStr(spec.internalTrafficPolicy);
  if (itp === undefined) {
    if (type === 'NodePort' || type === 'LoadBalancer' || type === 'ClusterIP') errs.push(required('spec.internalTrafficPolicy'));
  } else if (itp !== 'Cluster' && itp !== 'Local') {
    errs.push(notSupported('spec.internalTrafficPolicy', itp, ['Cluster', 'Local']));
  }
  const td = optStr(spec.trafficDistribution);
  if (td !== undefined && td !== 'PreferClose') errs.push(notSupported('spec.trafficDistribution', td, ['PreferClose']));
  errs.push(...validateNodePortRange(spec));
  return errs;
}

/** The port allocator's range check (30000-32767 unless configured otherwise). */
export function validateNodePortRange(spec: Obj, range = DEFAULT_NODE_PORT_RANGE): FieldError[] {
  const errs: FieldError[] = [];
  const last = range.base + range.size - 1;
  objs(spec.ports).forEach((p, i) => {
    const np = num(p.nodePort);
    if (np !== 0 && (np < range.base || np > last)) {
      errs.push(
        invalid(child(index('spec.ports', i), 'nodePort'), np, `provided port is not in the valid range. The range of valid ports is ${range.base}-${last}`),
      );
    }
  });
  return errs;
}

function upgradeDowngradeClusterIPs(spec: Obj, old: Obj): FieldError[] {
  if (str(spec.type) === 'ExternalName' || str(old.type) === 'ExternalName') return [];
  if (isHeadless(spec) && isHeadless(old)) return [];
  const errs: FieldError[] = [];
  const now = strs(spec.clusterIPs);
  const before = strs(old.clusterIPs);
  const shown = Array.isArray(spec.clusterIPs) ? now : goValue('[]string(nil)');
  if (before.length === now.length) {
    before.forEach((ip, i) => {
      if (ip !== now[i]) errs.push(invalid(index('spec.clusterIPs', i), shown, 'may not change once set'));
    });
  } else if (before.length > now.length) {
    if (now.length === 0) errs.push(invalid('spec.clusterIPs[0]', shown, 'primary clusterIP can not be unset'));
    if (before.length > 0 && now.length > 0 && now[0] !== before[0]) errs.push(invalid('spec.clusterIPs[0]', shown, 'may not change once set'));
    if (now.length === 1 && str(spec.ipFamilyPolicy) !== 'SingleStack') {
      errs.push(invalid('spec.ipFamilyPolicy', optStr(spec.ipFamilyPolicy) ?? null, "must be set to 'SingleStack' when releasing the secondary clusterIP"));
    }
  } else if (before.length > 0 && now[0] !== before[0]) {
    errs.push(invalid('spec.clusterIPs[0]', shown, 'may not change once set'));
  }
  return errs;
}

function upgradeDowngradeIPFamilies(spec: Obj, old: Obj): FieldError[] {
  if (str(spec.type) === 'ExternalName' || str(old.type) === 'ExternalName') return [];
  if (isHeadless(spec) !== isHeadless(old) || isHeadless(spec)) return [];
  const errs: FieldError[] = [];
  const now = strs(spec.ipFamilies);
  const before = strs(old.ipFamilies);
  const ips = Array.isArray(spec.clusterIPs) ? strs(spec.clusterIPs) : goValue('[]string(nil)');
  const familiesShown = goValue(`[]core.IPFamily{${now.map(goQuote).join(', ')}}`);
  if (before.length === now.length) {
    before.forEach((f, i) => {
      if (f !== now[i]) errs.push(invalid('spec.ipFamilies[0]', familiesShown, 'may not change once set'));
    });
  } else if (before.length > now.length) {
    if (strs(spec.clusterIPs).length === 0) errs.push(invalid('spec.ipFamilies[0]', familiesShown, 'primary ipFamily can not be unset'));
    if (now.length > 0 && now[0] !== before[0]) errs.push(invalid('spec.ipFamilies[0]', ips, 'may not change once set'));
    if (now.length === 1 && str(spec.ipFamilyPolicy) !== 'SingleStack') {
      errs.push(invalid('spec.ipFamilyPolicy', optStr(spec.ipFamilyPolicy) ?? null, "must be set to 'SingleStack' when releasing the secondary ipFamily"));
    }
  } else if (before.length > 0 && now.length > 0 && now[0] !== before[0]) {
    errs.push(invalid('spec.ipFamilies[0]', ips, 'may not change once set'));
  }
  return errs;
}

export function validateServiceUpdate(svc: Obj, old: Obj): FieldError[] {
  const spec = obj(svc.spec);
  const oldSpec = obj(old.spec);
  const errs = validateObjectMetaUpdate(svc.metadata, old.metadata);
  errs.push(...upgradeDowngradeClusterIPs(spec, oldSpec));
  errs.push(...upgradeDowngradeIPFamilies(spec, oldSpec));
  if (str(spec.type) === 'LoadBalancer' && str(oldSpec.type) === 'LoadBalancer' && optStr(spec.loadBalancerClass) !== optStr(oldSpec.loadBalancerClass)) {
    errs.push(invalid('spec.loadBalancerClass', optStr(spec.loadBalancerClass) ?? null, 'may not change once set'));
  }
  if (needsHealthCheck(oldSpec) && needsHealthCheck(spec) && num(spec.healthCheckNodePort) !== num(oldSpec.healthCheckNodePort)) {
    errs.push(forbidden('spec.healthCheckNodePort', 'field is immutable'));
  }
  errs.push(...validateService(svc));
  return errs;
}

function validateEndpointAddress(addr: Obj, field: string): FieldError[] {
  const ip = str(addr.ip);
  const errs = isValidIP(child(field, 'ip'), ip);
  const hostname = str(addr.hostname);
  if (hostname.length > 0) for (const m of nameIsDNSLabel(hostname, false)) errs.push(invalid(child(field, 'hostname'), hostname, m));
  const nodeName = optStr(addr.nodeName);
  if (nodeName !== undefined) for (const m of nameIsDNSSubdomain(nodeName, false)) errs.push(invalid(child(field, 'nodeName'), nodeName, m));
  errs.push(...validateNonSpecialIP(ip, child(field, 'ip')));
  return errs;
}

export function validateEndpoints(ep: Obj): FieldError[] {
  const errs = validateObjectMeta(ep.metadata, true, nameIsDNSSubdomain);
  objs(ep.subsets).forEach((ss, i) => {
    const p = index('subsets', i);
    const addresses = objs(ss.addresses);
    const notReady = objs(ss.notReadyAddresses);
    if (addresses.length === 0 && notReady.length === 0) errs.push(required(p, 'must specify `addresses` or `notReadyAddresses`'));
    addresses.forEach((a, j) => errs.push(...validateEndpointAddress(a, index(child(p, 'addresses'), j))));
    notReady.forEach((a, j) => errs.push(...validateEndpointAddress(a, index(child(p, 'notReadyAddresses'), j))));
    const ports = objs(ss.ports);
    ports.forEach((port, j) => {
      const pp = index(child(p, 'ports'), j);
      const name = str(port.name);
      if (ports.length > 1 && name === '') errs.push(required(child(pp, 'name')));
      else if (name !== '') for (const m of nameIsDNSLabel(name, false)) errs.push(invalid(child(pp, 'name'), name, m));
      const n = num(port.port);
      for (const m of isValidPortNum(n)) errs.push(invalid(child(pp, 'port'), n, m));
      const protocol = str(port.protocol);
      if (protocol === '') errs.push(required(child(pp, 'protocol')));
      else if (!PROTOCOLS.includes(protocol)) errs.push(notSupported(child(pp, 'protocol'), protocol, PROTOCOLS));
      const ap = optStr(port.appProtocol);
      if (ap !== undefined) for (const m of isQualifiedName(ap)) errs.push(invalid(child(pp, 'appProtocol'), ap, m));
    });
  });
  return errs;
}

export function validateEndpointsUpdate(ep: Obj, old: Obj): FieldError[] {
  return [...validateObjectMetaUpdate(ep.metadata, old.metadata), ...validateEndpoints(ep)];
}
