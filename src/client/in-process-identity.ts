// The mark of an in-process request: the in-process transport attaches an InProcessCaller to
// every request it hands the API server, under a symbol that no network request can carry
// (it is a property of the request object, not a header). This is the hook for the
// authenticator to give in-process components their own identities: it may trust
// `caller.user` (or map `caller.userAgent`, e.g. kube-controller-manager, to a user) only
// when inProcessCaller(req) finds the mark — and never trust a header for that. Today the
// authenticator ignores it and everyone is the admin.
//
// The symbol is registered (Symbol.for), so the API server can look it up without
// importing the client.

export const IN_PROCESS_CALLER: unique symbol = Symbol.for('kite.io/in-process-caller');

/** Who an in-process request comes from. */
export interface InProcessCaller {
  /** The component's user agent, e.g. kube-controller-manager/v1.32.0. */
  readonly userAgent: string;
  /** The identity the component asks for; the authenticator decides whether to grant it. */
  readonly user?: {
    readonly name: string;
    readonly uid?: string;
    readonly groups: readonly string[];
    readonly extra?: Readonly<Record<string, readonly string[]>>;
  };
}

/** The caller of an in-process request; undefined for every request that came over HTTP. */
export function inProcessCaller(req: object): InProcessCaller | undefined {
  return (req as { [IN_PROCESS_CALLER]?: InProcessCaller })[IN_PROCESS_CALLER];
}
