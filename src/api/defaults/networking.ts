// networking.k8s.io/v1 defaults, as Kubernetes 1.32 fills them: a NetworkPolicy without
// policyTypes is an Ingress policy, and an Ingress+Egress one when it has egress rules; its
// rule ports default to TCP; an IngressClass's parameters are cluster-scoped unless they say
// otherwise. Ingress has no defaults, but Go always writes its status' loadBalancer.

import { defaultPointer, emptyCollection, goLen, items, pointer, struct, type Obj } from './values.js';

export const NETWORKING_DEFAULTERS: Readonly<Record<string, (obj: Obj) => void>> = {
  NetworkPolicy: defaultNetworkPolicy,
  IngressClass: (ic) => {
    const spec = pointer(ic, 'spec');
    const parameters = spec && pointer(spec, 'parameters');
    if (parameters) defaultPointer(parameters, 'scope', 'Cluster');
  },
  Ingress: (ing) => {
    const status = struct(ing, 'status');
    if (status) struct(status, 'loadBalancer');
  },
};

function defaultNetworkPolicy(np: Obj): void {
  const spec = struct(np, 'spec');
  if (!spec) return;
  for (const direction of ['ingress', 'egress']) {
    for (const rule of items(spec, direction)) {
      for (const port of items(rule, 'ports')) defaultPointer(port, 'protocol', 'TCP');
    }
  }
  if (emptyCollection(spec.policyTypes)) {
    spec.policyTypes = goLen(spec.egress) > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
  }
}
