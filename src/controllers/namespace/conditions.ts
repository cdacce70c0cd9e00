// The status conditions a terminating namespace carries, as Kubernetes' namespace deleter
// sets them. Every pass over the namespace records what went wrong; update() then writes all
// five condition types: True with the failure's reason and message, or False with the "ok"
// reason and message. A condition's lastTransitionTime changes only when its status does.
//
//   NamespaceDeletionDiscoveryFailure             DiscoveryFailed / ResourcesDiscovered
//   NamespaceDeletionGroupVersionParsingFailure   GroupVersionParsingFailed / ParsedGroupVersions
//   NamespaceDeletionContentFailure               ContentDeletionFailed / ContentDeleted
//   NamespaceContentRemaining                     SomeResourcesRemain / ContentRemoved
//   NamespaceFinalizersRemaining                  SomeFinalizerRemain / ContentRemoved

import { GroupDiscoveryFailedError } from './errors.js';

export interface NamespaceCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export const DISCOVERY_FAILURE = 'NamespaceDeletionDiscoveryFailure';
export const GROUP_VERSION_PARSING_FAILURE = 'NamespaceDeletionGroupVersionParsingFailure';
export const CONTENT_FAILURE = 'NamespaceDeletionContentFailure';
export const CONTENT_REMAINING = 'NamespaceContentRemaining';
export const FINALIZERS_REMAINING = 'NamespaceFinalizersRemaining';

export const CONDITION_TYPES = [DISCOVERY_FAILURE, GROUP_VERSION_PARSING_FAILURE, CONTENT_FAILURE, CONTENT_REMAINING, FINALIZERS_REMAINING] as const;

const OK: Readonly<Record<string, { reason: string; message: string }>> = {
  [DISCOVERY_FAILURE]: { reason: 'ResourcesDiscovered', message: 'All resources successfully discovered' },
  [GROUP_VERSION_PARSING_FAILURE]: { reason: 'ParsedGroupVersions', message: 'All legacy kube types successfully parsed' },
  [CONTENT_FAILURE]: { reason: 'ContentDeleted', message: 'All content successfully deleted, may be waiting on finalization' },
  [CONTENT_REMAINING]: { reason: 'ContentRemoved', message: 'All content successfully removed' },
  [FINALIZERS_REMAINING]: { reason: 'ContentRemoved', message: 'All content successfully removed' },
};

/** What remains after one pass: instances per `resource.group`, instances per finalizer. */
export interface ContentTotals {
  readonly remainingByResource: ReadonlyMap<string, number>;
  readonly remainingByFinalizer: ReadonlyMap<string, number>;
}

export class NamespaceConditionUpdater {
  readonly #failures = new Map<string, { reason: string; message: string }>();
  readonly #contentErrors: string[] = [];

  discoveryFailed(err: unknown): void {
    const message =
      err instanceof GroupDiscoveryFailedError ? `Discovery failed for some groups, ${err.groups.size} failing: ${err.message}` : errorMessage(err);
    this.#failures.set(DISCOVERY_FAILURE, { reason: 'DiscoveryFailed', message });
  }

  groupVersionParsingFailed(err: unknown): void {
    this.#failures.set(GROUP_VERSION_PARSING_FAILURE, { reason: 'GroupVersionParsingFailed', message: errorMessage(err) });
  }

  contentDeletionFailed(err: unknown): void {
    this.#contentErrors.push(errorMessage(err));
  }

  contentTotals(totals: ContentTotals): void {
    const resources = describeCounts(totals.remainingByResource, (name, n) => `${name} has ${n} resource instances`);
    if (resources.length > 0) {
      this.#failures.set(CONTENT_REMAINING, { reason: 'SomeResourcesRemain', message: `Some resources are remaining: ${resources.join(', ')}` });
    }
    const finalizers = describeCounts(totals.remainingByFinalizer, (name, n) => `${name} in ${n} resource instances`);
    if (finalizers.length > 0) {
      this.#failures.set(FINALIZERS_REMAINING, { reason: 'SomeFinalizerRemain', message: `Some finalizers are remaining: ${finalizers.join(', ')}` });
    }
  }

  /** Writes every condition type into status; true when anything changed. */
  update(status: { conditions?: NamespaceCondition[] }, now: string): boolean {
    if (!this.#failures.has(CONTENT_FAILURE) && this.#contentErrors.length > 0) {
      const messages = [...this.#contentErrors].sort();
      this.#failures.set(CONTENT_FAILURE, {
        reason: 'ContentDeletionFailed',
        message: `Failed to delete all resource types, ${messages.length} remaining: ${messages.join(', ')}`,
      });
    }
    const conditions = (status.conditions ??= []);
    let changed = false;
    for (const type of CONDITION_TYPES) {
      const failure = this.#failures.get(type);
      const wanted: NamespaceCondition = failure ? { type, status: 'True', ...failure } : { type, status: 'False', ...OK[type]! };
      const existing = conditions.find((c) => c.type === type);
      if (!existing) {
        conditions.push({ type, status: wanted.status, lastTransitionTime: now, reason: wanted.reason, message: wanted.message });
        changed = true;
        continue;
      }
      if (existing.status === wanted.status && existing.reason === wanted.reason && existing.message === wanted.message) continue;
      if (existing.status !== wanted.status) existing.lastTransitionTime = now;
      existing.status = wanted.status;
      existing.reason = wanted.reason;
      existing.message = wanted.message;
      changed = true;
    }
    return changed;
  }
}

/** `describe(name, count)` for every non-zero count, sorted for stable updates. */
function describeCounts(counts: ReadonlyMap<string, number>, describe: (name: string, count: number) => string): string[] {
  return [...counts]
    .filter(([, n]) => n > 0)
    .map(([name, n]) => describe(name, n))
    .sort();
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
