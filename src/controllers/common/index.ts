// Shared controller utilities (Kubernetes' pkg/controller: controller_utils.go,
// controller_ref_manager.go), used by the ReplicaSet and Deployment controllers and any
// controller that owns pods or other objects:
//
//   controller-ref.ts    getControllerOf, newControllerRef, ControllerRefManager (claim: adopt
//                        and release), recheckOwner (the live GET before adopting)
//   expectations.ts      ControllerExpectations, UIDTrackingControllerExpectations
//   pod-control.ts       PodControl / RealPodControl (create from template, delete, patch; events)
//   fake-pod-control.ts  FakePodControl for unit tests
//   pod-status.ts        isPodActive, isPodReady, isPodAvailable, filterActivePods, podKey
//   active-pods.ts       the deletion order: sortActivePods, sortActivePodsWithRanks,
//                        rankPodsByRelatedPodsOnSameNode, getDeletionCost
//   slow-start.ts        slowStartBatch
//   api-errors.ts        isNotFound, isInvalid, isConflict, hasStatusCause, errorMessage
//   time.ts              parseTime, formatTime

export * from './active-pods.js';
export * from './api-errors.js';
export * from './controller-ref.js';
export * from './expectations.js';
export * from './fake-pod-control.js';
export * from './pod-control.js';
export * from './pod-status.js';
export * from './slow-start.js';
export * from './time.js';
