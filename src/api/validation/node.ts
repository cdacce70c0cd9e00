// Nodes (ValidateNode, ValidateNodeUpdate): taints unique by key and effect (reported under
// metadata.taints, as Kubernetes does), capacity and allocatable quantities, pod CIDRs one per
// IP family; on update podCIDRs and providerID may only go from unset to set, and node
// addresses must be unique. The Node strategy runs the create rules again on every update.

import type { FieldError } from '../errors.js';
import { goValue } from '../errors.js';
import { goQuote } from '../labels/index.js';
import { obj, objs, str, strs, type Obj } from './access.js';
import { child, duplicate, forbidden, index, invalid } from './field.js';
import { validateNodeTaints } from './affinity.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import { nameIsDNSSubdomain } from './names.js';
import { isValidCIDR, parseCIDR } from './net.js';
import { parseQuantity, validateResourceQuantityValue } from './resources.js';

function validateNodeResources(node: Obj): FieldError[] {
  const errs: FieldError[] = [];
  const status = obj(node.status);
  for (const list of ['capacity', 'allocatable']) {
    for (const [k, v] of Object.entries(obj(status[list]))) {
      const q = parseQuantity(v);
      if (q) errs.push(...validateResourceQuantityValue(k, q, child('status', list, k), v));
    }
  }
  return errs;
}

export function validateNode(node: Obj): FieldError[] {
  const spec = obj(node.spec);
  const errs = validateObjectMeta(node.metadata, false, nameIsDNSSubdomain);
  errs.push(...validateNodeTaints(spec.taints, 'metadata.taints'));
  errs.push(...validateNodeResources(node));
  const cidrs = strs(spec.podCIDRs);
  cidrs.forEach((c, i) => errs.push(...isValidCIDR(index('spec.podCIDRs', i), c)));
  if (cidrs.length > 1) {
    const fams = new Set(cidrs.map((c) => parseCIDR(c)?.ip.v6));
    if (!(fams.has(true) && fams.has(false)) || cidrs.length > 2) {
      errs.push(invalid('spec.podCIDRs', cidrs, 'may specify no more than one CIDR for each IP family'));
    }
    const seen = new Set<string>();
    cidrs.forEach((c, i) => {
      if (seen.has(c)) errs.push(duplicate(index('spec.podCIDRs', i), c));
      seen.add(c);
    });
  }
  return errs;
}

export function validateNodeUpdate(node: Obj, old: Obj): FieldError[] {
  const spec = obj(node.spec);
  const oldSpec = obj(old.spec);
  const errs = [...validateNode(node), ...validateObjectMetaUpdate(node.metadata, old.metadata)];
  errs.push(...validateNodeResources(node));
  const seen = new Set<string>();
  objs(obj(node.status).addresses).forEach((a, i) => {
    const k = `${str(a.type)}\u0000${str(a.address)}`;
    if (seen.has(k)) {
      errs.push(duplicate(index('status.addresses', i), goValue(`core.NodeAddress{Type:${goQuote(str(a.type))}, Address:${goQuote(str(a.address))}}`)));
    }
    seen.add(k);
  });
  const oldCIDRs = strs(oldSpec.podCIDRs);
  const cidrs = strs(spec.podCIDRs);
  if (oldCIDRs.length > 0) {
    const msg = 'node updates may not change podCIDR except from "" to valid';
    if (oldCIDRs.length !== cidrs.length) errs.push(forbidden('spec.podCIDRs', msg));
    else oldCIDRs.forEach((c, i) => c !== cidrs[i] && errs.push(forbidden('spec.podCIDRs', msg)));
  }
  const oldProvider = str(oldSpec.providerID);
  if (oldProvider.length > 0 && oldProvider !== str(spec.providerID)) {
    errs.push(forbidden('spec.providerID', 'node updates may not change providerID except from "" to valid'));
  }
  errs.push(...validateNodeTaints(spec.taints, 'metadata.taints'));
  if (str(spec.externalID) !== str(oldSpec.externalID)) errs.push(forbidden('spec.externalID', 'may not be updated'));
  return errs;
}
