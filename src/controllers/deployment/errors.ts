// The errors the deployment controller raises itself (API errors arrive as StatusError from
// the client). Each names what was wrong so a retried sync's log says why.

/** A maxSurge/maxUnavailable value that is neither an integer nor "<n>%". */
export class InvalidIntOrPercentError extends Error {
  override name = 'InvalidIntOrPercentError';
  constructor(readonly value: unknown) {
    super(typeof value === 'string' ? `invalid value for IntOrString: invalid type: string is not a percentage` : `invalid value for IntOrString: ${String(value)}`);
  }
}

/** spec.strategy.type is neither RollingUpdate nor Recreate (validation normally stops it). */
export class UnsupportedStrategyError extends Error {
  override name = 'UnsupportedStrategyError';
  constructor(readonly strategy: string | undefined) {
    super(`unexpected deployment strategy type: ${strategy ?? ''}`);
  }
}

/** A computed scale that would move a ReplicaSet the wrong way (a bug guard, as Kubernetes has). */
export class InvalidScaleError extends Error {
  override name = 'InvalidScaleError';
  constructor(what: string, namespace: string, name: string, from: number, to: number) {
    super(`when ${what}, got invalid request to scale down ${namespace}/${name} ${from} -> ${to}`);
  }
}
