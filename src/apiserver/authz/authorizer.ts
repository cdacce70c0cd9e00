// Authorization: may this user do this verb on this resource (or non-resource path)?
// Every request passes through an Authorizer after authentication; a denial is 403.

import type { UserInfo } from '../authn/authenticator.js';

export interface AuthorizationAttributes {
  readonly user: UserInfo;
  readonly verb: string;
  readonly isResourceRequest: boolean;
  readonly path: string;
  readonly apiGroup: string;
  readonly apiVersion: string;
  readonly namespace: string;
  readonly resource: string;
  readonly subresource: string;
  readonly name: string;
}

export interface Decision {
  readonly allowed: boolean;
  readonly reason: string;
}

export interface Authorizer {
  authorize(attrs: AuthorizationAttributes): Decision | Promise<Decision>;
}

/** Allows everything; RBAC replaces it when authentication exists. */
export class AlwaysAllowAuthorizer implements Authorizer {
  authorize(): Decision {
    return { allowed: true, reason: '' };
  }
}
