// The names of kube-scheduler's in-tree plugins, as profiles and messages spell them.

export const Names = {
  PrioritySort: 'PrioritySort',
  SchedulingGates: 'SchedulingGates',
  NodeName: 'NodeName',
  NodeUnschedulable: 'NodeUnschedulable',
  TaintToleration: 'TaintToleration',
  NodeAffinity: 'NodeAffinity',
  NodePorts: 'NodePorts',
  NodeResourcesFit: 'NodeResourcesFit',
  NodeResourcesBalancedAllocation: 'NodeResourcesBalancedAllocation',
  ImageLocality: 'ImageLocality',
  VolumeRestrictions: 'VolumeRestrictions',
  NodeVolumeLimits: 'NodeVolumeLimits',
  VolumeBinding: 'VolumeBinding',
  VolumeZone: 'VolumeZone',
  PodTopologySpread: 'PodTopologySpread',
  InterPodAffinity: 'InterPodAffinity',
  DefaultPreemption: 'DefaultPreemption',
  DefaultBinder: 'DefaultBinder',
} as const;
