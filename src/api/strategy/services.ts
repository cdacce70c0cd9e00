// Services: what Kubernetes' service registry does to a write before validating it. On
// create, an old client's lone clusterIP becomes clusterIPs (normalizeClusterIPs). On update,
// the values the server allocated and the client left out are carried over (clusterIP,
// clusterIPs, node ports by port name, the health-check node port: patchAllocatedValues),
// clusterIP and clusterIPs are kept in step, the IP family fields are inferred from the
// cluster IPs (initIPFamilyFields), and fields the new type no longer needs are dropped when
// the client did not change them (dropTypeDependentFields). So re-submitting a Service as
// first written (kubectl replace, apply) works, and NodePort -> ClusterIP -> ExternalName
// switches do. Allocation itself stays in the apiserver's ServiceAllocator.

import type { KubeObject } from '../meta.js';
import type { ResourceDef } from '../resource.js';
import { deepEqual } from './deep-equal.js';
import { genericStrategy } from './generic.js';
import type { Strategy } from './strategy.js';

type Spec = Record<string, unknown>;
type Port = Record<string, unknown>;

export function serviceStrategy(def: ResourceDef): Strategy {
  const base = genericStrategy(def);
  return {
    ...base,
    prepareForCreate(obj) {
      base.prepareForCreate(obj);
      normalizeClusterIPs(specOf(obj), undefined);
    },
    prepareForUpdate(obj, old) {
      base.prepareForUpdate(obj, old);
      const spec = specOf(obj);
      const before = specOf(old);
      patchAllocatedValues(spec, before);
      normalizeClusterIPs(spec, before);
      initIPFamilyFields(spec, before);
      dropTypeDependentFields(spec, before);
    },
  };
}

function specOf(obj: KubeObject): Spec {
  if (typeof obj.spec !== 'object' || obj.spec === null || Array.isArray(obj.spec)) obj.spec = {};
  return obj.spec as Spec;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.map(str) : []);
const ports = (spec: Spec): Port[] =>
  Array.isArray(spec.ports) ? spec.ports.filter((p): p is Port => typeof p === 'object' && p !== null && !Array.isArray(p)) : [];
const nodePort = (p: Port): number => (typeof p.nodePort === 'number' ? p.nodePort : 0);

const needsClusterIP = (spec: Spec): boolean => str(spec.type) !== 'ExternalName';
const needsNodePort = (spec: Spec): boolean => str(spec.type) === 'NodePort' || str(spec.type) === 'LoadBalancer';
const needsHCNodePort = (spec: Spec): boolean => str(spec.type) === 'LoadBalancer' && str(spec.externalTrafficPolicy) === 'Local';
const externallyAccessible = (spec: Spec): boolean =>
  needsNodePort(spec) || (str(spec.type) === 'ClusterIP' && strs(spec.externalIPs).length > 0);
const sameClusterIPs = (a: Spec, b: Spec): boolean => deepEqual(strs(a.clusterIPs), strs(b.clusterIPs));

/** Sets field to value, or removes it when value is empty (Go's omitempty). */
function setOrDelete(spec: Spec, field: string, value: unknown): void {
  if (value === '' || value === 0 || value === undefined || (Array.isArray(value) && value.length === 0)) delete spec[field];
  else spec[field] = value;
}

function patchAllocatedValues(spec: Spec, old: Spec): void {
  if (needsClusterIP(old) && needsClusterIP(spec)) {
    if (str(spec.clusterIP) === '' && str(old.clusterIP) !== '') spec.clusterIP = old.clusterIP;
    if (strs(spec.clusterIPs).length === 0 && strs(old.clusterIPs).length > 0) spec.clusterIPs = [...strs(old.clusterIPs)];
  }
  if (needsNodePort(old) && needsNodePort(spec)) {
    const inNew = new Set(ports(spec).map(nodePort).filter((n) => n !== 0));
    const used = new Set(ports(old).map(nodePort).filter((n) => inNew.has(n)));
    const byName = new Map(ports(old).map((p) => [str(p.name), nodePort(p)]));
    for (const p of ports(spec)) {
      const oldVal = byName.get(str(p.name)) ?? 0;
      if (nodePort(p) === 0 && oldVal !== 0 && !used.has(oldVal)) p.nodePort = oldVal;
    }
  }
  if (needsHCNodePort(old) && needsHCNodePort(spec) && !spec.healthCheckNodePort && old.healthCheckNodePort) {
    spec.healthCheckNodePort = old.healthCheckNodePort;
  }
}

/** Keeps clusterIP and clusterIPs in step (old undefined on create). */
function normalizeClusterIPs(spec: Spec, old: Spec | undefined): void {
  const ip = str(spec.clusterIP);
  if (!old) {
    if (ip !== '' && strs(spec.clusterIPs).length === 0) spec.clusterIPs = [ip];
    return;
  }
  const oldIP = str(old.clusterIP);
  // An old client patching some other field and leaving clusterIPs out.
  if (strs(old.clusterIPs).length > 0 && strs(spec.clusterIPs).length === 0 && oldIP === ip) spec.clusterIPs = [...strs(old.clusterIPs)];
  if (oldIP === ip) return;
  if (oldIP !== '' && ip === '') {
    if (sameClusterIPs(old, spec)) delete spec.clusterIPs;
  } else if (sameClusterIPs(old, spec)) {
    spec.clusterIPs = [ip];
  }
}

/** What validation needs of initIPFamilyFields: the policy and families a client left out,
 *  inferred from the cluster IPs (this cluster is single-stack IPv4). */
function initIPFamilyFields(spec: Spec, old: Spec): void {
  if (!needsClusterIP(spec) || !needsClusterIP(old)) return;
  const ips = strs(spec.clusterIPs);
  const families = strs(spec.ipFamilies);
  if (typeof spec.ipFamilyPolicy !== 'string') {
    spec.ipFamilyPolicy = ips.length === 2 || families.length === 2 ? 'RequireDualStack' : 'SingleStack';
  }
  for (let i = families.length; i < ips.length && ips[i] !== 'None'; i++) families.push(ips[i].includes(':') ? 'IPv6' : 'IPv4');
  if (families.length === 0) families.push(...strs(old.ipFamilies));
  setOrDelete(spec, 'ipFamilies', families);
}

function dropTypeDependentFields(spec: Spec, old: Spec): void {
  if (needsClusterIP(old) && !needsClusterIP(spec)) {
    if (sameClusterIPs(old, spec)) {
      delete spec.clusterIP;
      delete spec.clusterIPs;
    }
    if (deepEqual(strs(old.ipFamilies), strs(spec.ipFamilies))) delete spec.ipFamilies;
    if (old.ipFamilyPolicy === spec.ipFamilyPolicy) delete spec.ipFamilyPolicy;
  }
  if (needsNodePort(old) && !needsNodePort(spec)) {
    // The client asked for no node port the old object did not have (sameNodePorts).
    const oldPorts = new Set(ports(old).map(nodePort));
    if (ports(spec).every((p) => nodePort(p) === 0 || oldPorts.has(nodePort(p)))) for (const p of ports(spec)) delete p.nodePort;
  }
  if (needsHCNodePort(old) && !needsHCNodePort(spec) && old.healthCheckNodePort === spec.healthCheckNodePort) delete spec.healthCheckNodePort;
  if (str(old.type) === 'LoadBalancer' && str(spec.type) !== 'LoadBalancer') {
    if (typeof old.allocateLoadBalancerNodePorts === 'boolean' && old.allocateLoadBalancerNodePorts === spec.allocateLoadBalancerNodePorts) {
      delete spec.allocateLoadBalancerNodePorts;
    }
    if (typeof old.loadBalancerClass === 'string' && old.loadBalancerClass === spec.loadBalancerClass) delete spec.loadBalancerClass;
  }
  if (externallyAccessible(old) && !externallyAccessible(spec) && old.externalTrafficPolicy === spec.externalTrafficPolicy) {
    delete spec.externalTrafficPolicy;
  }
  // Kubernetes keeps it in storage but drops it on every read (defaultOnReadInternalTrafficPolicy).
  if (!needsClusterIP(spec)) delete spec.internalTrafficPolicy;
}
