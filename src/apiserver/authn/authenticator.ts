// Authentication: who is making a request. Every request passes through an Authenticator
// before anything else; one that answers undefined makes the request 401 Unauthorized.

import type { IncomingMessage } from 'node:http';

export interface UserInfo {
  readonly name: string;
  readonly uid?: string;
  readonly groups: readonly string[];
  readonly extra?: Readonly<Record<string, readonly string[]>>;
}

export interface Authenticator {
  authenticate(req: IncomingMessage): UserInfo | undefined | Promise<UserInfo | undefined>;
}

/** Until kite serves TLS with client certificates and tokens, every caller on the
 *  (loopback) listener is the cluster administrator. */
export class AdminAuthenticator implements Authenticator {
  static readonly ADMIN: UserInfo = { name: 'system:admin', groups: ['system:masters', 'system:authenticated'] };
  authenticate(): UserInfo {
    return AdminAuthenticator.ADMIN;
  }
}
