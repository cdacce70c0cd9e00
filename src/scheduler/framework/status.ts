// Status: what a plugin answers at an extension point (kube-scheduler framework Status).
//
// Contract:
//  - Success is `null` everywhere a Status is returned: the hot paths (Filter, Score over
//    thousands of nodes) allocate nothing for a node that passes.
//  - A rejection is Unschedulable (the pod might fit once the node changes, e.g. a pod on it
//    is deleted; preemption may help) or UnschedulableAndUnresolvable (nothing done to the
//    node's pods can help: taints, node selectors). Both are "rejected".
//  - Error is a failure of the plugin itself (the pod is retried after backoff); Wait is a
//    Permit plugin holding the pod; Skip tells the framework to leave the plugin out of the
//    rest of the cycle (a PreFilter or PreScore with nothing to do for this pod); Pending is
//    a rejection that waits for something outside the scheduler.
//  - reasons are the human-readable causes; the FitError message counts them per node.
//  - plugin is the name of the plugin that answered, set by the framework.
// A plugin may return the same Status object for every node it rejects for the same reason
// (shared constants keep large rejections cheap); the framework never mutates a Status it
// did not create except to set `plugin`, which is the same for every return of one plugin.

export const Code = {
  Success: 0,
  Error: 1,
  Unschedulable: 2,
  UnschedulableAndUnresolvable: 3,
  Wait: 4,
  Skip: 5,
  Pending: 6,
} as const;
export type Code = (typeof Code)[keyof typeof Code];

const CODE_NAMES = ['Success', 'Error', 'Unschedulable', 'UnschedulableAndUnresolvable', 'Wait', 'Skip', 'Pending'] as const;

export class Status {
  readonly code: Code;
  readonly reasons: readonly string[];
  readonly error: Error | undefined;
  plugin = '';

  constructor(code: Code, reasons: readonly string[] = [], error?: Error) {
    this.code = code;
    this.reasons = reasons;
    this.error = error;
  }

  static unschedulable(...reasons: string[]): Status {
    return new Status(Code.Unschedulable, reasons);
  }

  static unresolvable(...reasons: string[]): Status {
    return new Status(Code.UnschedulableAndUnresolvable, reasons);
  }

  static skip(): Status {
    return new Status(Code.Skip);
  }

  static wait(...reasons: string[]): Status {
    return new Status(Code.Wait, reasons);
  }

  /** A plugin failure; the message becomes the only reason. */
  static error(err: unknown): Status {
    const e = err instanceof Error ? err : new Error(String(err));
    return new Status(Code.Error, [e.message], e);
  }

  withPlugin(name: string): this {
    this.plugin = name;
    return this;
  }

  /** Unschedulable or UnschedulableAndUnresolvable. */
  isRejected(): boolean {
    return this.code === Code.Unschedulable || this.code === Code.UnschedulableAndUnresolvable || this.code === Code.Pending;
  }

  isSkip(): boolean {
    return this.code === Code.Skip;
  }

  isWait(): boolean {
    return this.code === Code.Wait;
  }

  /** The reasons joined as kube-scheduler joins them. */
  message(): string {
    return this.reasons.join(', ');
  }

  codeName(): string {
    return CODE_NAMES[this.code];
  }

  toString(): string {
    return `${this.codeName()}${this.plugin ? ` (${this.plugin})` : ''}: ${this.message()}`;
  }
}
