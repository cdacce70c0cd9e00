// The selector that default spread constraints use for a pod (kube-scheduler
// helper.DefaultSelector): the pods "of the same workload", as deduced from the Services
// selecting the pod and the controller owning it.
//
// Contract:
//  - Services of the pod's namespace whose (non-missing) selector matches the pod's labels
//    contribute their selector's pairs; a Service without a selector selects nothing.
//  - The pod's controller (the owner reference with controller: true), when it is a
//    v1 ReplicationController, apps/v1 ReplicaSet or apps/v1 StatefulSet that exists in the
//    pod's namespace, adds its selector; other owners add nothing; an invalid or missing
//    ReplicaSet/StatefulSet selector adds nothing.
//  - The result is empty when nothing selects the pod: then no default constraint applies.
//  - SelectorSources is how the plugin reads those objects: informer listers in a running
//    scheduler (sourcesFromInformers), plain lists in tests (sourcesFromLists).

import { LabelSelector, labelsContain, selectorFromObject, selectorFromSet } from '../../../api/labels/index.js';
import type { KubeObject } from '../../../api/meta.js';
import type { ReplicaSet, StatefulSet } from '../../../api/types/apps-v1.js';
import type { Pod, ReplicationController, Service } from '../../../api/types/core-v1.js';
import type { LabelSelector as LabelSelectorObject } from '../../../api/types/meta-v1.js';
import { builtinRef } from '../../../client/builtin-resources.js';
import type { SharedInformerFactory } from '../../../client/informer/factory.js';

/** Where the default selector's objects come from. */
export interface SelectorSources {
  /** The Services of a namespace. */
  services(namespace: string): readonly Service[];
  replicationController(namespace: string, name: string): ReplicationController | undefined;
  replicaSet(namespace: string, name: string): ReplicaSet | undefined;
  statefulSet(namespace: string, name: string): StatefulSet | undefined;
}

/** No Services or controllers at all: default constraints never apply. */
export const NO_SOURCES: SelectorSources = {
  services: () => [],
  replicationController: () => undefined,
  replicaSet: () => undefined,
  statefulSet: () => undefined,
};

export interface SourceLists {
  readonly services?: readonly Service[];
  readonly replicationControllers?: readonly ReplicationController[];
  readonly replicaSets?: readonly ReplicaSet[];
  readonly statefulSets?: readonly StatefulSet[];
}

function findIn<T extends KubeObject>(list: readonly T[] | undefined, namespace: string, name: string): T | undefined {
  return list?.find((o) => (o.metadata.namespace ?? '') === namespace && o.metadata.name === name);
}

/** Sources over fixed lists (tests, tools). */
export function sourcesFromLists(lists: SourceLists): SelectorSources {
  return {
    services: (ns) => (lists.services ?? []).filter((s) => (s.metadata.namespace ?? '') === ns),
    replicationController: (ns, name) => findIn(lists.replicationControllers, ns, name),
    replicaSet: (ns, name) => findIn(lists.replicaSets, ns, name),
    statefulSet: (ns, name) => findIn(lists.statefulSets, ns, name),
  };
}

/** Sources over the scheduler's informers; call before the factory starts, so they run. */
export function sourcesFromInformers(factory: SharedInformerFactory): SelectorSources {
  const services = factory.listerFor<Service>(builtinRef('', 'services'));
  const rcs = factory.listerFor<ReplicationController>(builtinRef('', 'replicationcontrollers'));
  const rss = factory.listerFor<ReplicaSet>(builtinRef('apps', 'replicasets'));
  const sss = factory.listerFor<StatefulSet>(builtinRef('apps', 'statefulsets'));
  return {
    services: (ns) => services.byNamespace(ns).list(),
    replicationController: (ns, name) => rcs.get(ns, name),
    replicaSet: (ns, name) => rss.get(ns, name),
    statefulSet: (ns, name) => sss.get(ns, name),
  };
}

/** The selector default constraints spread the pod with (empty: none applies). */
export function defaultSelector(pod: Pod, sources: SelectorSources): LabelSelector {
  const namespace = pod.metadata.namespace ?? '';
  const podLabels = pod.metadata.labels ?? {};
  // Everything here selects the pod, so the pairs cannot conflict: merging is safe.
  let pairs: Record<string, string> = {};
  for (const svc of sources.services(namespace)) {
    const sel = svc.spec?.selector;
    if (sel == null) continue;
    if (labelsContain(podLabels, sel)) pairs = { ...pairs, ...sel };
  }
  let selector = selectorFromSet(pairs);
  const owner = controllerOf(pod);
  if (!owner) return selector;
  switch (groupKindOf(owner.apiVersion, owner.kind)) {
    case 'v1/ReplicationController': {
      const rc = sources.replicationController(namespace, owner.name);
      if (rc) selector = selectorFromSet({ ...pairs, ...(rc.spec?.selector ?? {}) });
      break;
    }
    case 'apps/v1/ReplicaSet':
      selector = withObjectSelector(selector, sources.replicaSet(namespace, owner.name)?.spec?.selector);
      break;
    case 'apps/v1/StatefulSet':
      selector = withObjectSelector(selector, sources.statefulSet(namespace, owner.name)?.spec?.selector);
      break;
    default:
    // Not owned by a controller whose pods are known to be alike.
  }
  return selector;
}

function controllerOf(pod: Pod): { apiVersion: string; kind: string; name: string } | undefined {
  return pod.metadata.ownerReferences?.find((r) => r.controller === true);
}

/** "group/version/Kind" ("v1/Kind" for the core group), or '' for an unparsable apiVersion. */
function groupKindOf(apiVersion: string, kind: string): string {
  const parts = apiVersion.split('/');
  if (parts.length === 1) return `${parts[0]}/${kind}`;
  if (parts.length === 2) return parts[0] === '' ? `${parts[1]}/${kind}` : `${parts[0]}/${parts[1]}/${kind}`;
  return '';
}

function withObjectSelector(selector: LabelSelector, obj: LabelSelectorObject | undefined): LabelSelector {
  if (!obj) return selector;
  let other: LabelSelector;
  try {
    other = selectorFromObject(obj);
  } catch {
    return selector;
  }
  if (other.matchesNothing()) return selector;
  return selector.add(...other.requirements);
}
