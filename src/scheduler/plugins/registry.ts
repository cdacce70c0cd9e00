// The in-tree plugin registry: plugin name -> factory (kube-scheduler plugins/registry.go).
// A profile names plugins; the framework makes each one once through this table.

import type { PluginFactory } from '../framework/interface.js';
import { newDefaultBinder } from './default-binder/default-binder.js';
import { newDefaultPreemption } from './default-preemption/default-preemption.js';
import { newImageLocality } from './image-locality/image-locality.js';
import { newInterPodAffinity } from './inter-pod-affinity/inter-pod-affinity.js';
import { Names } from './names.js';
import { newNodeAffinity } from './node-affinity/node-affinity.js';
import { newNodeName } from './node-name/node-name.js';
import { newNodePorts } from './node-ports/node-ports.js';
import { newBalancedAllocation } from './node-resources-balanced-allocation/balanced-allocation.js';
import { newNodeResourcesFit } from './node-resources-fit/node-resources-fit.js';
import { newNodeUnschedulable } from './node-unschedulable/node-unschedulable.js';
import { newPodTopologySpread } from './pod-topology-spread/pod-topology-spread.js';
import { newPrioritySort } from './priority-sort/priority-sort.js';
import { newSchedulingGates } from './scheduling-gates/scheduling-gates.js';
import { newTaintToleration } from './taint-toleration/taint-toleration.js';
import { newVolumeBinding } from './volume-binding/volume-binding.js';
import { newVolumeRestrictions } from './volume-restrictions/volume-restrictions.js';
import { newVolumeZone } from './volume-zone/volume-zone.js';

export type Registry = ReadonlyMap<string, PluginFactory>;

export function inTreeRegistry(): Map<string, PluginFactory> {
  return new Map<string, PluginFactory>([
    [Names.PrioritySort, newPrioritySort],
    [Names.SchedulingGates, newSchedulingGates],
    [Names.NodeName, newNodeName],
    [Names.NodeUnschedulable, newNodeUnschedulable],
    [Names.TaintToleration, newTaintToleration],
    [Names.NodeAffinity, newNodeAffinity],
    [Names.NodePorts, newNodePorts],
    [Names.NodeResourcesFit, newNodeResourcesFit],
    [Names.NodeResourcesBalancedAllocation, newBalancedAllocation],
    [Names.ImageLocality, newImageLocality],
    [Names.VolumeRestrictions, newVolumeRestrictions],
    [Names.VolumeBinding, newVolumeBinding],
    [Names.VolumeZone, newVolumeZone],
    [Names.DefaultPreemption, newDefaultPreemption],
    [Names.PodTopologySpread, newPodTopologySpread],
    [Names.InterPodAffinity, newInterPodAffinity],
    [Names.DefaultBinder, newDefaultBinder],
  ]);
}
