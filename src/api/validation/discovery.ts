// EndpointSlices (pkg/apis/discovery/validation): at most 1000 endpoints of 1–100 addresses
// each, the addresses checked against the slice's address type (IPv4 and IPv6 must be ordinary
// unicast addresses, FQDN a domain of two or more labels), DNS-label hostnames and port names,
// unique port names, TCP/UDP/SCTP protocols, zone and topology labels, and zone hints. The
// address type must be known on create and never changes.

import type { FieldError } from '../errors.js';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue, validateLabels } from '../labels/index.js';
import { objs, optObj, optStr, optStrMap, str, strs, type Obj } from './access.js';
import { child, duplicate, index, invalid, notSupported, required, tooMany } from './field.js';
import { immutableField, validateObjectMeta } from './meta.js';
import { nameIsDNSSubdomain } from './names.js';
import { isValidIPv4Address, isValidIPv6Address, validateNonSpecialIP } from './net.js';

const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const MAX_TOPOLOGY_LABELS = 16;
const MAX_ADDRESSES = 100;
const MAX_PORTS = 20000;
const MAX_ENDPOINTS = 1000;
const MAX_ZONE_HINTS = 8;

/** IsFullyQualifiedDomainName (one trailing dot allowed). */
export function isFullyQualifiedDomainName(field: string, value: string): FieldError[] {
  if (value === '') return [required(field)];
  const name = value.endsWith('.') ? value.slice(0, -1) : value;
  const sub = isDNS1123Subdomain(name);
  if (sub.length > 0) return [invalid(field, name, sub.join(','))];
  const labels = name.split('.');
  if (labels.length < 2) return [invalid(field, name, 'should be a domain with at least two segments separated by dots')];
  for (const label of labels) {
    const errs = isDNS1123Label(label);
    if (errs.length > 0) return [invalid(field, label, errs.join(','))];
  }
  return [];
}

function validateAddress(address: string, addressType: string, field: string): FieldError[] {
  switch (addressType) {
    case 'IPv4': {
      const errs = isValidIPv4Address(field, address);
      return errs.length > 0 ? errs : validateNonSpecialIP(address, field);
    }
    case 'IPv6': {
      const errs = isValidIPv6Address(field, address);
      return errs.length > 0 ? errs : validateNonSpecialIP(address, field);
    }
    case 'FQDN':
      return isFullyQualifiedDomainName(field, address);
    default:
      // Unknown types are reported once by the address type rule; their addresses go unchecked.
      return [];
  }
}

function validateHints(hints: Obj, field: string): FieldError[] {
  const fz = child(field, 'forZones');
  const zones = objs(hints.forZones);
  if (zones.length > MAX_ZONE_HINTS) return [tooMany(fz, zones.length, MAX_ZONE_HINTS)];
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  zones.forEach((z, i) => {
    const p = child(index(fz, i), 'name');
    const name = str(z.name);
    if (seen.has(name)) errs.push(duplicate(p, name));
    else seen.add(name);
    for (const m of isValidLabelValue(name)) errs.push(invalid(p, name, m));
  });
  return errs;
}

function validateEndpoints(endpoints: Obj[], addressType: string, field: string): FieldError[] {
  if (endpoints.length > MAX_ENDPOINTS) return [tooMany(field, endpoints.length, MAX_ENDPOINTS)];
  const errs: FieldError[] = [];
  endpoints.forEach((ep, i) => {
    const p = index(field, i);
    const addrPath = child(p, 'addresses');
    const addresses = strs(ep.addresses);
    if (addresses.length === 0) errs.push(required(addrPath, 'must contain at least 1 address'));
    else if (addresses.length > MAX_ADDRESSES) errs.push(tooMany(addrPath, addresses.length, MAX_ADDRESSES));
    addresses.forEach((a, j) => errs.push(...validateAddress(a, addressType, index(addrPath, j))));
    const nodeName = optStr(ep.nodeName);
    if (nodeName !== undefined) for (const m of nameIsDNSSubdomain(nodeName, false)) errs.push(invalid(child(p, 'nodeName'), nodeName, m));
    const topologyPath = child(p, 'deprecatedTopology');
    const topology = optStrMap(ep.deprecatedTopology);
    const topologySize = Object.keys(topology ?? {}).length;
    if (topologySize > MAX_TOPOLOGY_LABELS) errs.push(tooMany(topologyPath, topologySize, MAX_TOPOLOGY_LABELS));
    errs.push(...validateLabels(topology, topologyPath));
    const zone = optStr(ep.zone);
    if (zone !== undefined) errs.push(...validateLabels({ 'topology.kubernetes.io/zone': zone }, child(p, 'zone')));
    const hostname = optStr(ep.hostname);
    if (hostname !== undefined) for (const m of isDNS1123Label(hostname)) errs.push(invalid(child(p, 'hostname'), hostname, m));
    const hints = optObj(ep.hints);
    if (hints) errs.push(...validateHints(hints, child(p, 'hints')));
  });
  return errs;
}

function validatePorts(ports: Obj[], field: string): FieldError[] {
  if (ports.length > MAX_PORTS) return [tooMany(field, ports.length, MAX_PORTS)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const p = index(field, i);
    const name = str(port.name);
    if (name !== '') for (const m of isDNS1123Label(name)) errs.push(invalid(child(p, 'name'), name, m));
    if (names.has(name)) errs.push(duplicate(child(p, 'name'), name));
    else names.add(name);
    const protocol = optStr(port.protocol);
    if (protocol === undefined) errs.push(required(child(p, 'protocol')));
    else if (!PROTOCOLS.includes(protocol)) errs.push(notSupported(child(p, 'protocol'), protocol, PROTOCOLS));
    const appProtocol = optStr(port.appProtocol);
    if (appProtocol !== undefined) for (const m of isQualifiedName(appProtocol)) errs.push(invalid(child(p, 'appProtocol'), appProtocol, m));
  });
  return errs;
}

function validateSlice(slice: Obj): FieldError[] {
  return [
    ...validateObjectMeta(slice.metadata, true, nameIsDNSSubdomain),
    ...validateEndpoints(objs(slice.endpoints), str(slice.addressType), 'endpoints'),
    ...validatePorts(objs(slice.ports), 'ports'),
  ];
}

/** ValidateEndpointSliceCreate. */
export function validateEndpointSlice(slice: Obj): FieldError[] {
  const errs = validateSlice(slice);
  const addressType = str(slice.addressType);
  if (addressType === '') errs.push(required('addressType'));
  else if (!ADDRESS_TYPES.includes(addressType)) errs.push(notSupported('addressType', addressType, ADDRESS_TYPES));
  return errs;
}

/** ValidateEndpointSliceUpdate: the slice rules, and the address type is immutable. */
export function validateEndpointSliceUpdate(slice: Obj, old: Obj): FieldError[] {
  return [
    ...validateSlice(slice),
    ...immutableField(str(slice.addressType), str(old.addressType), 'addressType'),
  ];
}
