// The namespace controller's typed errors, with Kubernetes' messages (they end up in the
// namespace's status conditions, where users read them):
//  - ResourcesRemainingError: content is still going away; not a failure — the namespace is
//    checked again after about half the estimate.
//  - GroupDiscoveryFailedError: some group versions' discovery failed.
//  - GroupVersionParseError: a group version string discovery returned does not parse.
//  - RemainingItemsError: a resource's objects remain though none has a finalizer or a
//    grace period to wait for.
//  - ContentDeletionError: several of the above, from one pass over the namespace.

export class ResourcesRemainingError extends Error {
  override name = 'ResourcesRemainingError';
  constructor(readonly estimateSeconds: number) {
    super(`some content remains in the namespace, estimate ${estimateSeconds} seconds before it is removed`);
  }
}

export class GroupDiscoveryFailedError extends Error {
  override name = 'GroupDiscoveryFailedError';
  constructor(readonly groups: ReadonlyMap<string, unknown>) {
    const parts = [...groups].map(([gv, err]) => `${gv}: ${err instanceof Error ? err.message : String(err)}`).sort();
    super(`unable to retrieve the complete list of server APIs: ${parts.join(', ')}`);
  }
}

export class GroupVersionParseError extends Error {
  override name = 'GroupVersionParseError';
  constructor(readonly groupVersion: string) {
    super(`unexpected GroupVersion string: ${groupVersion}`);
  }
}

export class RemainingItemsError extends Error {
  override name = 'RemainingItemsError';
  constructor(namespace: string, gvr: string) {
    super(`unexpected items still remain in namespace: ${namespace} for gvr: ${gvr}`);
  }
}

export class ContentDeletionError extends Error {
  override name = 'ContentDeletionError';
  constructor(readonly errors: readonly unknown[]) {
    const messages = errors.map((e) => (e instanceof Error ? e.message : String(e)));
    super(messages.length === 1 ? messages[0]! : `[${messages.join(', ')}]`);
  }
}
