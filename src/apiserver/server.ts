// ApiServer: the HTTP front of kite. Every request follows one pipeline —
//   request info -> authentication -> authorization -> (non-resource | resource handlers)
// and every failure leaves it as a Kubernetes Status with the right code. Admission runs
// inside the write handlers, between decoding and storage.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { forbidden, StatusError } from '../api/errors.js';
import type { AdmissionChain } from './admission/admission.js';
import type { ApiResources } from './api-resources.js';
import type { Authenticator } from './authn/authenticator.js';
import type { Authorizer } from './authz/authorizer.js';
import { pathNotFound, serveResource } from './handlers/resource.js';
import type { WatchSettings } from './handlers/scope.js';
import { writeError } from './http/respond.js';
import { serveNonResource } from './non-resource.js';
import { OpenApiDocuments } from './openapi/documents.js';
import { parseRequestInfo, type RequestInfo } from './request-info.js';

export interface ApiServerOptions {
  readonly api: ApiResources;
  readonly authenticator: Authenticator;
  readonly authorizer: Authorizer;
  readonly admission: AdmissionChain;
  readonly watch: WatchSettings;
  /** host:port clients reach this server at (discovery reports it). */
  readonly advertiseAddress: () => string;
  /** True once every component can serve (readyz). */
  readonly ready: () => boolean;
}

export class ApiServer {
  readonly #opts: ApiServerOptions;
  readonly #server: Server;
  readonly #openapi: OpenApiDocuments;
  #shuttingDown = false;

  constructor(opts: ApiServerOptions) {
    this.#opts = opts;
    this.#openapi = new OpenApiDocuments(opts.api);
    this.#server = createServer({ keepAliveTimeout: 65_000, requestTimeout: 0 }, (req, res) => {
      void this.handle(req, res);
    });
  }

  listen(port: number, host: string): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(port, host, () => {
        this.#server.off('error', reject);
        resolve(this.#server.address() as AddressInfo);
      });
    });
  }

  /** Stops accepting requests and ends open ones (watches included). */
  async close(): Promise<void> {
    this.#shuttingDown = true;
    await new Promise<void>((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
  }

  get shuttingDown(): boolean {
    return this.#shuttingDown;
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const info = parseRequestInfo(req.method ?? 'GET', url.pathname, url.searchParams);
      const user = await this.#opts.authenticator.authenticate(req);
      if (!user) throw new StatusError(401, 'Unauthorized', 'Unauthorized');
      const decision = await this.#opts.authorizer.authorize({ user, ...info });
      if (!decision.allowed) throw denied(info, user.name, decision.reason);
      if (!info.isResourceRequest) {
        const served = serveNonResource(req, res, url, { ...this.#opts, openapi: this.#openapi });
        if (!served) throw pathNotFound();
        return;
      }
      await serveResource(
        { req, res, query: url.searchParams, info, user },
        { api: this.#opts.api, admission: this.#opts.admission, watch: this.#opts.watch },
      );
    } catch (err) {
      writeError(res, err);
    }
  }
}

function denied(info: RequestInfo, user: string, reason: string): StatusError {
  const suffix = reason ? `: ${reason}` : '';
  if (!info.isResourceRequest) {
    return new StatusError(403, 'Forbidden', `forbidden: User "${user}" cannot ${info.verb} path "${info.path}"${suffix}`, {});
  }
  const where = info.namespace ? ` in the namespace "${info.namespace}"` : ' at the cluster scope';
  const resource = info.subresource ? `${info.resource}/${info.subresource}` : info.resource;
  const why = `User "${user}" cannot ${info.verb} resource "${resource}" in API group "${info.apiGroup}"${where}${suffix}`;
  return forbidden({ group: info.apiGroup, resource: info.resource }, info.name, why);
}
