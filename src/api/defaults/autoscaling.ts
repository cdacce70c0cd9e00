// autoscaling/v2 HorizontalPodAutoscaler defaults (v2 is kite's storage version, so v1 objects
// get them too, as they do in Kubernetes on their way through v2), as Kubernetes 1.32 fills
// them: minReplicas 1; with no metrics, a CPU utilization target of 80%; and when a behavior is
// given, each scaling direction completed from Kubernetes' built-in rules — scale up at most
// 4 pods or 100% per 15 s (the larger), no stabilization window; scale down at most 100% per
// 15 s with the window left unset (the controller's flag decides it). A direction's given
// selectPolicy, stabilizationWindowSeconds and policies each replace the built-in one.

import { emptyCollection, isNil, isObj, pointer, struct, type Obj } from './values.js';

const DEFAULT_CPU_UTILIZATION = 80;
const PERIOD_SECONDS = 15;

const SCALE_UP: Obj = {
  stabilizationWindowSeconds: 0,
  selectPolicy: 'Max',
  policies: [
    { type: 'Pods', value: 4, periodSeconds: PERIOD_SECONDS },
    { type: 'Percent', value: 100, periodSeconds: PERIOD_SECONDS },
  ],
};

const SCALE_DOWN: Obj = {
  selectPolicy: 'Max',
  policies: [{ type: 'Percent', value: 100, periodSeconds: PERIOD_SECONDS }],
};

export const AUTOSCALING_DEFAULTERS: Readonly<Record<string, (obj: Obj) => void>> = {
  HorizontalPodAutoscaler: defaultHorizontalPodAutoscaler,
};

function defaultHorizontalPodAutoscaler(hpa: Obj): void {
  const spec = struct(hpa, 'spec');
  if (!spec) return;
  if (isNil(spec.minReplicas)) spec.minReplicas = 1;
  if (emptyCollection(spec.metrics)) {
    spec.metrics = [
      {
        type: 'Resource',
        resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: DEFAULT_CPU_UTILIZATION } },
      },
    ];
  }
  const behavior = pointer(spec, 'behavior');
  if (behavior) {
    behavior.scaleUp = scalingRules(behavior.scaleUp, SCALE_UP);
    behavior.scaleDown = scalingRules(behavior.scaleDown, SCALE_DOWN);
  }
}

/** The built-in rules with every field the given rules set taking their place. */
function scalingRules(given: unknown, builtIn: Obj): unknown {
  if (!isNil(given) && !isObj(given)) return given;
  const rules = structuredClone(builtIn);
  if (isObj(given)) {
    for (const key of ['selectPolicy', 'stabilizationWindowSeconds', 'policies']) {
      if (!isNil(given[key])) rules[key] = given[key];
    }
    // Fields the built-in rules do not know (from a newer client) are kept as given.
    for (const [key, value] of Object.entries(given)) if (!(key in rules) && !isNil(value)) rules[key] = value;
  }
  return rules;
}
