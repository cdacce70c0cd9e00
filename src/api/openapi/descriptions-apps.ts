// kite's descriptions for the workload controllers: apps/v1 (Deployment, ReplicaSet,
// StatefulSet, DaemonSet, ControllerRevision), batch/v1 (Job, CronJob), autoscaling (v1 and
// v2 HorizontalPodAutoscaler, Scale) and policy/v1 (PodDisruptionBudget).

import { type DescriptionMap, withPrefix } from './descriptions-util.js';

const MIN_READY = 'Seconds a new pod has to remain ready, without a container restart, before it is treated as available; 0, the default, makes it available the moment it turns ready.';
const HISTORY = 'How many old revisions to keep for rolling back. Defaults to 10.';

/** The shape every workload condition shares. */
function condition(what: string, types: string, extra: Record<string, string> = {}): { description: string; properties: Record<string, string> } {
  return {
    description: `One observation about ${what}.`,
    properties: {
      lastTransitionTime: 'When status last changed.',
      message: 'A readable explanation of the last change.',
      reason: 'A short CamelCase word for the cause of the last change.',
      status: 'True, False or Unknown.',
      type: types,
      ...extra,
    },
  };
}

const APPS: DescriptionMap = {
  Deployment: {
    description:
      'A Deployment runs a number of identical pods and changes them declaratively: editing its pod template rolls the pods over to the new version through ReplicaSets, which it can also roll back.',
  },
  DeploymentSpec: {
    description: 'What a deployment should run and how it replaces old pods with new ones.',
    properties: {
      minReadySeconds: MIN_READY,
      paused: 'While true, changes to the spec do not start a rollout; the controller picks them up once it is set back to false. Defaults to false.',
      progressDeadlineSeconds:
        'How many seconds a rollout may go without progress before the Progressing condition turns False with reason ProgressDeadlineExceeded. The rollout itself keeps going. Defaults to 600; must be more than minReadySeconds.',
      replicas: 'How many pods to run. Defaults to 1.',
      revisionHistoryLimit: 'How many old ReplicaSets to keep for rolling back; older ones are deleted. Defaults to 10.',
      selector:
        'Labels that identify the deployment\'s pods; they must match the template\'s labels. It cannot be changed in apps/v1.',
      strategy: 'How old pods are replaced by new ones when the template changes.',
      template: 'The pods to run. Its labels must match selector, and its restartPolicy must be Always.',
    },
  },
  DeploymentStrategy: {
    description: 'How a deployment replaces its pods.',
    properties: {
      rollingUpdate: 'Settings for RollingUpdate: how far above and below the desired count the rollout may go.',
      type:
        'RollingUpdate (the default) replaces pods gradually, keeping the application up; Recreate deletes every old pod before creating new ones.',
    },
  },
  RollingUpdateDeployment: {
    description: 'Limits on how fast a rolling update proceeds.',
    properties: {
      maxSurge:
        'How many pods may exist above the desired count during the update, as a number or a percentage of it (rounded up). Defaults to 25%; cannot be 0 when maxUnavailable is 0.',
      maxUnavailable:
        'How many of the desired pods may be unavailable during the update, as a number or a percentage of it (rounded down). Defaults to 25%; cannot be 0 when maxSurge is 0.',
    },
  },
  DeploymentStatus: {
    description: 'The observed state of a deployment.',
    properties: {
      availableReplicas: 'How many of its pods have been ready for at least minReadySeconds.',
      collisionCount:
        'A counter the controller bumps when the name it computed for a new ReplicaSet is already taken, to get a different name.',
      conditions: 'The deployment\'s conditions: Available, Progressing and ReplicaFailure.',
      observedGeneration: 'The metadata.generation the controller has acted on; if lower than the current one, the status is not up to date.',
      readyReplicas: 'How many of its pods are ready.',
      replicas: 'How many non-terminating pods its ReplicaSets have, old and new.',
      terminatingReplicas: 'How many of its pods are shutting down (they have a deletionTimestamp but are not gone yet).',
      unavailableReplicas: 'How many more pods are needed for the deployment to be fully available.',
      updatedReplicas: 'How many non-terminating pods run the current template.',
    },
  },
  DeploymentCondition: condition(
    'a deployment',
    'What the condition is about: Available (enough pods are available), Progressing (the rollout moves forward, or it finished) or ReplicaFailure (pods could not be created or deleted).',
    { lastUpdateTime: 'When the condition was last written, even without a status change.' },
  ),
  ReplicaSet: {
    description:
      'A ReplicaSet keeps a given number of pods matching its selector running, creating or deleting pods as needed. Deployments manage ReplicaSets; they are rarely created directly.',
  },
  ReplicaSetSpec: {
    description: 'How many pods a replica set keeps and what they look like.',
    properties: {
      minReadySeconds: MIN_READY,
      replicas: 'How many pods to keep running. Defaults to 1.',
      selector: 'Labels that identify the pods counted as replicas; they must match the template\'s labels.',
      template: 'The pods to create when there are too few.',
    },
  },
  ReplicaSetStatus: {
    description: 'The observed state of a replica set.',
    properties: {
      availableReplicas: 'How many of its pods have been ready for at least minReadySeconds.',
      conditions: 'The replica set\'s conditions, such as ReplicaFailure.',
      fullyLabeledReplicas: 'How many of its pods carry all the labels of the template.',
      observedGeneration: 'The metadata.generation the controller has acted on.',
      readyReplicas: 'How many of its pods are ready.',
      replicas: 'How many non-terminating pods it has.',
      terminatingReplicas: 'How many of its pods are shutting down.',
    },
  },
  ReplicaSetCondition: condition('a replica set', 'What the condition is about; ReplicaFailure when pods could not be created or deleted.'),
  StatefulSet: {
    description:
      'A StatefulSet runs pods that each keep a stable identity: an ordinal name (web-0, web-1, ...), a stable DNS name through its headless service and, optionally, their own persistent volumes. Pods are created, updated and removed in a defined order.',
  },
  StatefulSetSpec: {
    description: 'What a stateful set should run and how it creates, updates and removes its pods.',
    properties: {
      minReadySeconds: MIN_READY,
      ordinals: 'Where the pod numbering starts.',
      persistentVolumeClaimRetentionPolicy:
        'Whether the claims made from volumeClaimTemplates are deleted when the stateful set is deleted or scaled down. By default they are kept.',
      podManagementPolicy:
        'How pods are created and removed when scaling: OrderedReady (the default, one at a time in ordinal order, each waiting for the previous to be ready; removed in reverse) or Parallel (all at once). Updates are not affected.',
      replicas: 'How many pods to run. Defaults to 1.',
      revisionHistoryLimit: HISTORY,
      selector: 'Labels that identify the set\'s pods; they must match the template\'s labels.',
      serviceName:
        'The name of the headless service that gives the pods their DNS names (<pod>.<service>.<namespace>.svc...). The service must be created separately.',
      template:
        'The pods to run. Each pod gets a name of the form <set name>-<ordinal>, and its own volumes made from volumeClaimTemplates.',
      updateStrategy: 'How pods are replaced when the template changes.',
      volumeClaimTemplates:
        'Claims made for each pod, named <template>-<pod name>, and mounted where the template\'s volumes name them. They outlive the pods and are reused when a pod is recreated.',
    },
  },
  StatefulSetOrdinals: {
    description: 'Numbering of a stateful set\'s pods.',
    properties: {
      start: 'The ordinal of the first pod: pods are numbered start to start + replicas - 1. Defaults to 0.',
    },
  },
  StatefulSetPersistentVolumeClaimRetentionPolicy: {
    description: 'What happens to a stateful set\'s volume claims when pods go away.',
    properties: {
      whenDeleted: 'When the stateful set is deleted: Retain (the default, keep the claims) or Delete (delete them).',
      whenScaled: 'When the set is scaled down: Retain (the default) or Delete (delete the claims of removed pods).',
    },
  },
  StatefulSetUpdateStrategy: {
    description: 'How a stateful set updates its pods.',
    properties: {
      rollingUpdate: 'Settings for RollingUpdate.',
      type:
        'RollingUpdate (the default) replaces pods automatically, from the highest ordinal down; OnDelete only applies the new template to pods that were deleted by hand.',
    },
  },
  RollingUpdateStatefulSetStrategy: {
    description: 'Settings of a stateful set\'s rolling update.',
    properties: {
      maxUnavailable:
        'How many pods may be unavailable during the update, as a number or a percentage (at least 1). Defaults to 1; honoured only where the feature is enabled.',
      partition:
        'Only pods with an ordinal at or above this number are updated; the others keep the old template, which allows staged (canary) rollouts. Defaults to 0.',
    },
  },
  StatefulSetStatus: {
    description: 'The observed state of a stateful set.',
    properties: {
      availableReplicas: 'How many of its pods have been ready for at least minReadySeconds.',
      collisionCount: 'A counter bumped when the name computed for a new ControllerRevision is already taken.',
      conditions: 'The stateful set\'s conditions.',
      currentReplicas: 'How many pods run the revision in currentRevision.',
      currentRevision: 'The revision of the pods from the old side of the update (below the partition).',
      observedGeneration: 'The metadata.generation the controller has acted on.',
      readyReplicas: 'How many of its pods are ready.',
      replicas: 'How many pods it has.',
      updateRevision: 'The revision made from the current template.',
      updatedReplicas: 'How many pods run updateRevision.',
    },
  },
  StatefulSetCondition: condition('a stateful set', 'What the condition is about.'),
  DaemonSet: {
    description:
      'A DaemonSet runs one copy of a pod on every node, or on every node matching its pod template\'s node selection, adding pods as nodes join and removing them as nodes leave.',
  },
  DaemonSetSpec: {
    description: 'What a daemon set runs on each node and how it updates it.',
    properties: {
      minReadySeconds: MIN_READY,
      revisionHistoryLimit: HISTORY,
      selector: 'Labels that identify the set\'s pods; they must match the template\'s labels.',
      template:
        'The pod to run on each eligible node. Its node selector and affinity pick the nodes; its restartPolicy must be Always.',
      updateStrategy: 'How pods are replaced when the template changes.',
    },
  },
  DaemonSetUpdateStrategy: {
    description: 'How a daemon set updates its pods.',
    properties: {
      rollingUpdate: 'Settings for RollingUpdate.',
      type: 'RollingUpdate (the default) replaces pods node by node; OnDelete only updates pods that were deleted by hand.',
    },
  },
  RollingUpdateDaemonSet: {
    description: 'Limits on a daemon set\'s rolling update.',
    properties: {
      maxSurge:
        'On how many nodes (a number or a percentage of the eligible nodes, rounded up) a new pod may start before the old one is removed. Defaults to 0; it and maxUnavailable cannot both be 0.',
      maxUnavailable:
        'On how many nodes (a number or a percentage, rounded up) the pod may be unavailable during the update. Defaults to 1.',
    },
  },
  DaemonSetStatus: {
    description: 'The observed state of a daemon set.',
    properties: {
      collisionCount: 'A counter bumped when the name computed for a new ControllerRevision is already taken.',
      conditions: 'The daemon set\'s conditions.',
      currentNumberScheduled: 'How many nodes that should run the pod run at least one.',
      desiredNumberScheduled: 'How many nodes should run the pod.',
      numberAvailable: 'How many nodes that should run the pod have one that has been ready for at least minReadySeconds.',
      numberMisscheduled: 'How many nodes run the pod although they should not.',
      numberReady: 'How many nodes that should run the pod have one that is ready.',
      numberUnavailable: 'How many nodes that should run the pod have none available.',
      observedGeneration: 'The metadata.generation the controller has acted on.',
      updatedNumberScheduled: 'How many nodes run the pod from the current template.',
    },
  },
  DaemonSetCondition: condition('a daemon set', 'What the condition is about.'),
  ControllerRevision: {
    description:
      'A ControllerRevision is an immutable snapshot of a workload\'s template, kept by StatefulSets and DaemonSets to track and roll back revisions.',
    properties: {
      data: 'The recorded state, typically a patch holding the pod template.',
      revision: 'The revision number, increasing with each change.',
    },
  },
};

const BATCH: DescriptionMap = {
  Job: {
    description:
      'A Job runs pods until a given number of them finish successfully, retrying failed ones within limits. When it completes or fails, its pods are left for inspection.',
  },
  JobSpec: {
    description: 'What a job runs and when it counts as complete or failed.',
    properties: {
      activeDeadlineSeconds:
        'How many seconds the job may run, counted from its start, before its pods are stopped and it fails with reason DeadlineExceeded. Takes precedence over backoffLimit.',
      backoffLimit: 'How many pod failures are retried before the job fails. Defaults to 6.',
      backoffLimitPerIndex:
        'For Indexed jobs: how many failures each index may have before that index fails, instead of one limit for the whole job.',
      completionMode:
        'NonIndexed (the default): the job completes after completions successful pods, all alike. Indexed: each pod gets an index from 0 to completions - 1 (in the JOB_COMPLETION_INDEX variable and an annotation) and the job completes when every index succeeded.',
      completions:
        'How many pods must succeed. Unset means any one success finishes the job once all pods have ended. Defaults to 1 when parallelism is unset.',
      managedBy:
        'The controller in charge of the job. Empty or kubernetes.io/job-controller means the built-in one; any other value leaves the job to an external controller. Cannot be changed.',
      manualSelector:
        'If true, the selector is given by the user instead of being generated, at the risk of overlapping other jobs. Leave it unset.',
      maxFailedIndexes:
        'For Indexed jobs with backoffLimitPerIndex: how many indexes may fail before the whole job fails.',
      parallelism: 'How many pods may run at the same time. Defaults to 1; 0 pauses the job.',
      podFailurePolicy:
        'Rules that decide, by exit code or pod condition, whether a failed pod counts against backoffLimit, is ignored or fails the job at once. Requires the template\'s restartPolicy to be Never.',
      podReplacementPolicy:
        'When a replacement pod is created for a failed one: TerminatingOrFailed (as soon as it starts terminating, the default) or Failed (only once it has fully stopped; the default when podFailurePolicy is set).',
      selector: 'Labels of the job\'s pods. Normally generated from the job\'s uid.',
      successPolicy:
        'For Indexed jobs: rules that let the job succeed before every index has, for example when index 0 (a leader) succeeded.',
      suspend:
        'While true, the job creates no pods and its running pods are stopped; setting it back to false resumes it and resets the activeDeadlineSeconds clock. Defaults to false.',
      template: 'The pods to run. Their restartPolicy must be Never or OnFailure.',
      ttlSecondsAfterFinished:
        'How many seconds after it finished (completed or failed) the job is deleted automatically, with its pods. Unset means never; 0 means right away.',
    },
  },
  JobTemplateSpec: {
    description: 'A pattern for the jobs a CronJob creates.',
    properties: {
      metadata: 'Metadata given to each job created.',
      spec: 'The spec of each job created.',
    },
  },
  JobStatus: {
    description: 'The observed state of a job.',
    properties: {
      active: 'How many of its pods are pending or running and not terminating.',
      completedIndexes: 'For Indexed jobs: the indexes that succeeded, as a sorted list of numbers and ranges, e.g. "1,3-5,7".',
      completionTime: 'When the job completed; only set once it succeeded.',
      conditions: 'The job\'s conditions: Complete, Failed, Suspended, FailureTarget and SuccessCriteriaMet.',
      failed: 'How many of its pods failed.',
      failedIndexes: 'For Indexed jobs with backoffLimitPerIndex: the indexes that failed, in the same form as completedIndexes.',
      ready: 'How many of its pods are ready.',
      startTime: 'When the controller started working on the job (set again when a suspended job resumes).',
      succeeded: 'How many of its pods succeeded.',
      terminating: 'How many of its pods are shutting down.',
      uncountedTerminatedPods: 'Finished pods the controller has not counted yet, tracked so that none is counted twice.',
    },
  },
  JobCondition: condition(
    'a job',
    'What the condition is about: Complete, Failed, Suspended, FailureTarget (the job is about to fail) or SuccessCriteriaMet.',
    { lastProbeTime: 'When the condition was last checked.' },
  ),
  UncountedTerminatedPods: {
    description: 'Uids of finished pods not yet added to a job\'s counters.',
    properties: {
      failed: 'Pods that ended in failure, by uid.',
      succeeded: 'Pods that ended in success, by uid.',
    },
  },
  PodFailurePolicy: {
    description: 'How a job reacts to a failed pod, depending on why it failed.',
    properties: {
      rules:
        'Rules checked in order; the first that matches decides. A failure no rule matches counts against backoffLimit. At most 20 rules.',
    },
  },
  PodFailurePolicyRule: {
    description: 'One rule of a pod failure policy: a test on the failed pod and what to do when it matches.',
    properties: {
      action:
        'What to do when the rule matches: FailJob (fail the job and stop its pods), FailIndex (fail just this index, with backoffLimitPerIndex), Ignore (do not count the failure) or Count (count it as usual).',
      onExitCodes: 'Matches on the exit codes of the pod\'s containers.',
      onPodConditions: 'Matches on the pod\'s conditions; any one of them is enough.',
    },
  },
  PodFailurePolicyOnExitCodesRequirement: {
    description: 'Matches a failed pod by its containers\' exit codes.',
    properties: {
      containerName: 'Only look at this container. When unset, any container of the pod may match.',
      operator:
        'In (matches when an exit code is one of values) or NotIn (when an exit code is none of them). Containers that exited with 0 are not considered.',
      values: 'The exit codes, at most 255 and without duplicates; 0 cannot be used with In.',
    },
  },
  PodFailurePolicyOnPodConditionsPattern: {
    description: 'Matches a failed pod by one of its conditions.',
    properties: {
      status: 'Which status the pod condition must have for the pattern to match; True when unset.',
      type: 'The pod condition type, e.g. DisruptionTarget.',
    },
  },
  SuccessPolicy: {
    description: 'When an Indexed job may be declared successful early.',
    properties: {
      rules: 'Rules, any one of which, once met, makes the job succeed and stops its remaining pods. At most 20.',
    },
  },
  SuccessPolicyRule: {
    description: 'One success rule; when both fields are set, both must hold.',
    properties: {
      succeededCount: 'How many indexes (from succeededIndexes, or any) must have succeeded.',
      succeededIndexes: 'Which indexes must have succeeded, as numbers and ranges like "0,2-4".',
    },
  },
  CronJob: {
    description: 'A CronJob creates Jobs on a repeating schedule written in cron format.',
  },
  CronJobSpec: {
    description: 'When a cron job runs and what it creates.',
    properties: {
      concurrencyPolicy:
        'What to do when a run is due while the previous job still runs: Allow (the default, run both), Forbid (skip the new run) or Replace (stop the old job and start the new one).',
      failedJobsHistoryLimit: 'How many failed jobs to keep. Defaults to 1.',
      jobTemplate: 'The job to create at each run.',
      schedule: 'The schedule in cron format, e.g. "*/5 * * * *" (every five minutes); macros like @hourly are accepted.',
      startingDeadlineSeconds:
        'How many seconds late a run may still start, e.g. after the controller was down; a run later than that is skipped and counted as missed.',
      successfulJobsHistoryLimit: 'How many successful jobs to keep. Defaults to 3.',
      suspend: 'While true, no new runs start; running jobs are not affected. Defaults to false.',
      timeZone:
        'The IANA time zone the schedule is read in, e.g. Europe/Paris. When unset, the controller\'s local time zone is used.',
    },
  },
  CronJobStatus: {
    description: 'The observed state of a cron job.',
    properties: {
      active: 'The jobs it created that are still running.',
      lastScheduleTime: 'When a job was last scheduled.',
      lastSuccessfulTime: 'When a job last completed successfully.',
    },
  },
};

const AUTOSCALING_V2: DescriptionMap = {
  HorizontalPodAutoscaler: {
    description:
      'A HorizontalPodAutoscaler adjusts the replica count of a scalable workload (a Deployment, StatefulSet, ...) to keep metrics such as CPU use near a target.',
  },
  HorizontalPodAutoscalerSpec: {
    description: 'What an autoscaler scales, within which bounds, and on which metrics.',
    properties: {
      behavior:
        'How fast to scale up and down. When unset, scale-up may double the count (or add 4 pods) every 15 seconds, and scale-down uses a 300-second stabilization window.',
      maxReplicas: 'The most replicas the autoscaler may set; at least minReplicas.',
      metrics:
        'The metrics to follow; the count is computed for each and the largest result is used. Defaults to 80% average CPU utilization.',
      minReplicas:
        'The fewest replicas the autoscaler may set. Defaults to 1; 0 is only allowed where scaling to zero is enabled and an object or external metric is used.',
      scaleTargetRef: 'The workload to scale, through its scale subresource.',
    },
  },
  CrossVersionObjectReference: {
    description: 'Names the object to scale or to read a metric from.',
    properties: {
      apiVersion: 'The group/version of the object, e.g. apps/v1.',
      kind: 'The kind of the object, e.g. Deployment.',
      name: 'The name of the object, in the autoscaler\'s namespace.',
    },
  },
  HorizontalPodAutoscalerBehavior: {
    description: 'Separate rate limits for scaling up and scaling down.',
    properties: {
      scaleDown: 'Rules for removing replicas. By default: a 300-second stabilization window, and up to 100% of replicas removed per 15 seconds.',
      scaleUp:
        'Rules for adding replicas. By default: no stabilization window, and each 15 seconds the larger of +100% and +4 pods.',
    },
  },
  HPAScalingRules: {
    description: 'Rate limits for one direction of scaling.',
    properties: {
      policies: 'Allowed changes per period. When several apply, selectPolicy picks one.',
      selectPolicy: 'Which policy wins: Max (the default, the one allowing the largest change), Min (the smallest) or Disabled (no scaling in this direction).',
      stabilizationWindowSeconds:
        'How many seconds of past recommendations are taken into account, to avoid flapping: scaling down uses the highest recommendation in the window, scaling up the lowest. From 0 to 3600.',
      tolerance:
        'How far, as a fraction, the metric may stray from its target before scaling happens, e.g. 0.05 for 5%. Defaults to the cluster-wide tolerance (10%). Alpha.',
    },
  },
  HPAScalingPolicy: {
    description: 'One allowed change over a period of time.',
    properties: {
      periodSeconds: 'The length of the period the limit applies to, from 1 to 1800 seconds.',
      type: 'Pods (value is a number of pods) or Percent (value is a percentage of the current replicas).',
      value: 'How many pods, or what percentage, may be added or removed per period; more than 0.',
    },
  },
  MetricSpec: {
    description: 'One metric the autoscaler follows; type says which of the other fields is set.',
    properties: {
      containerResource: 'A resource (cpu, memory) of one container of each pod, compared with its request.',
      external: 'A metric from outside the cluster, such as a queue length.',
      object: 'A metric of a single object, such as requests per second of an Ingress.',
      pods: 'A custom metric averaged over the target\'s pods.',
      resource: 'A resource (cpu, memory) of the target\'s pods, as known from their requests.',
      type: 'Names the field below that holds the metric: Resource, ContainerResource, Pods, Object or External.',
    },
  },
  MetricTarget: {
    description: 'The value a metric should be kept at.',
    properties: {
      averageUtilization:
        'For resource metrics: the target average use across pods, as a percentage of the pods\' requests.',
      averageValue: 'What the metric, averaged across the pods, should be.',
      type: 'Utilization, Value or AverageValue.',
      value: 'What the metric itself (not averaged) should be.',
    },
  },
  MetricIdentifier: {
    description: 'Names a metric.',
    properties: {
      name: 'The metric\'s name.',
      selector: 'Labels narrowing down the metric\'s series; when unset, only the metric name is used.',
    },
  },
  ResourceMetricSource: {
    description: 'A resource metric of the target\'s pods.',
    properties: {
      name: 'The resource, such as cpu or memory.',
      target: 'The value to aim for.',
    },
  },
  ContainerResourceMetricSource: {
    description: 'A resource metric of one container in each of the target\'s pods.',
    properties: {
      container: 'The container\'s name.',
      name: 'The resource, such as cpu or memory.',
      target: 'The value to aim for.',
    },
  },
  PodsMetricSource: {
    description: 'A custom metric of each of the target\'s pods, averaged.',
    properties: {
      metric: 'Which metric.',
      target: 'The value to aim for; only AverageValue is supported.',
    },
  },
  ObjectMetricSource: {
    description: 'A metric of one Kubernetes object.',
    properties: {
      describedObject: 'The object the metric is about.',
      metric: 'Which metric.',
      target: 'The value to aim for.',
    },
  },
  ExternalMetricSource: {
    description: 'A metric not tied to any Kubernetes object.',
    properties: {
      metric: 'Which metric.',
      target: 'The value to aim for.',
    },
  },
  HorizontalPodAutoscalerStatus: {
    description: 'The observed state of an autoscaler.',
    properties: {
      conditions: 'The autoscaler\'s conditions: AbleToScale, ScalingActive and ScalingLimited.',
      currentMetrics: 'The last values read for each metric.',
      currentReplicas: 'The number of replicas last seen on the target.',
      desiredReplicas: 'The number of replicas the autoscaler last computed.',
      lastScaleTime: 'When the autoscaler last changed the replica count.',
      observedGeneration: 'The metadata.generation the autoscaler has acted on.',
    },
  },
  HorizontalPodAutoscalerCondition: condition(
    'an autoscaler',
    'What the condition is about: AbleToScale (it can read and change the scale), ScalingActive (it can compute a count from its metrics) or ScalingLimited (the count hit minReplicas or maxReplicas).',
  ),
  MetricStatus: {
    description: 'The last reading of one metric; type says which of the other fields is set.',
    properties: {
      containerResource: 'The reading of a container resource metric.',
      external: 'The reading of an external metric.',
      object: 'The reading of an object metric.',
      pods: 'The reading of a pods metric.',
      resource: 'The reading of a resource metric.',
      type: 'ContainerResource, External, Object, Pods or Resource.',
    },
  },
  MetricValueStatus: {
    description: 'A metric reading.',
    properties: {
      averageUtilization: 'The average use across pods as a percentage of their requests.',
      averageValue: 'The value averaged over the pods.',
      value: 'The value itself.',
    },
  },
  ResourceMetricStatus: {
    description: 'The reading of a resource metric.',
    properties: { current: 'The values read.', name: 'The resource.' },
  },
  ContainerResourceMetricStatus: {
    description: 'The reading of a container resource metric.',
    properties: { container: 'The container\'s name.', current: 'The values read.', name: 'The resource.' },
  },
  PodsMetricStatus: {
    description: 'The reading of a pods metric.',
    properties: { current: 'The values read.', metric: 'Which metric.' },
  },
  ObjectMetricStatus: {
    description: 'The reading of an object metric.',
    properties: { current: 'The values read.', describedObject: 'The object the metric is about.', metric: 'Which metric.' },
  },
  ExternalMetricStatus: {
    description: 'The reading of an external metric.',
    properties: { current: 'The values read.', metric: 'Which metric.' },
  },
};

const AUTOSCALING_V1: DescriptionMap = {
  HorizontalPodAutoscaler: {
    description:
      'The older form of HorizontalPodAutoscaler, which scales a workload on average CPU utilization only; autoscaling/v2 also supports other metrics and scaling behavior.',
  },
  HorizontalPodAutoscalerSpec: {
    description: 'What an autoscaler scales and its CPU target.',
    properties: {
      maxReplicas: 'The most replicas the autoscaler may set; at least minReplicas.',
      minReplicas: 'The fewest replicas the autoscaler may set. Defaults to 1.',
      scaleTargetRef: 'The workload to scale.',
      targetCPUUtilizationPercentage:
        'The average CPU use to aim for, as a percentage of the pods\' requests. When unset, a default (80%) applies.',
    },
  },
  HorizontalPodAutoscalerStatus: {
    description: 'The observed state of an autoscaler.',
    properties: {
      currentCPUUtilizationPercentage: 'The current average CPU use of the pods, as a percentage of their requests.',
      currentReplicas: 'The number of replicas last seen on the target.',
      desiredReplicas: 'The number of replicas the autoscaler last computed.',
      lastScaleTime: 'When the autoscaler last changed the replica count.',
      observedGeneration: 'The metadata.generation the autoscaler has acted on.',
    },
  },
  CrossVersionObjectReference: {
    description: 'Names the object to scale.',
    properties: {
      apiVersion: 'The group/version of the object, e.g. apps/v1.',
      kind: 'The kind of the object, e.g. Deployment.',
      name: 'The name of the object, in the autoscaler\'s namespace.',
    },
  },
  Scale: {
    description: 'The scale subresource of a workload: how many replicas it should have and has, read and written through .../scale.',
  },
  ScaleSpec: {
    description: 'The desired scale.',
    properties: { replicas: 'How many replicas the workload should have.' },
  },
  ScaleStatus: {
    description: 'The observed scale.',
    properties: {
      replicas: 'How many replicas the workload has.',
      selector: 'The workload\'s pod label selector in string form (e.g. app=web,tier in (a,b)), for autoscalers.',
    },
  },
};

const POLICY: DescriptionMap = {
  PodDisruptionBudget: {
    description:
      'A PodDisruptionBudget limits how many pods of an application may be down at once due to voluntary disruptions, such as node drains; evictions that would break it are refused.',
  },
  PodDisruptionBudgetSpec: {
    description: 'Which pods a budget protects and how many may be disrupted. Only one of minAvailable and maxUnavailable may be set.',
    properties: {
      maxUnavailable:
        'How many of the selected pods may be unavailable after an eviction, as a number or a percentage of the expected pods.',
      minAvailable:
        'How many of the selected pods must stay available after an eviction, as a number or a percentage; "100%" blocks every eviction.',
      selector: 'The pods the budget applies to. An empty selector matches every pod of the namespace.',
      unhealthyPodEvictionPolicy:
        'When running but not ready pods may be evicted: IfHealthyBudget (the default, only while the application is not already disrupted) or AlwaysAllow (always, whatever the budget).',
    },
  },
  PodDisruptionBudgetStatus: {
    description: 'The observed state of a disruption budget.',
    properties: {
      conditions: 'The budget\'s conditions; DisruptionAllowed says whether an eviction is currently possible.',
      currentHealthy: 'How many of the selected pods are healthy now.',
      desiredHealthy: 'The fewest healthy pods the budget allows.',
      disruptedPods:
        'Pods whose eviction was accepted but that have not been deleted yet, with the time of acceptance; entries expire after a few minutes.',
      disruptionsAllowed: 'How many more pods may be disrupted right now.',
      expectedPods: 'How many pods the budget counts in total.',
      observedGeneration: 'The metadata.generation the status was computed for.',
    },
  },
};

export const APPS_DESCRIPTIONS: DescriptionMap = {
  ...withPrefix('io.k8s.api.apps.v1.', APPS),
  ...withPrefix('io.k8s.api.batch.v1.', BATCH),
  ...withPrefix('io.k8s.api.autoscaling.v2.', AUTOSCALING_V2),
  ...withPrefix('io.k8s.api.autoscaling.v1.', AUTOSCALING_V1),
  ...withPrefix('io.k8s.api.policy.v1.', POLICY),
};
