// The Scope of a resource request: the resolved store and definition, the addressed
// version, namespace, name and subresource, the caller, and the server-wide machinery
// (admission, watch settings) the verb handlers need.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { badRequest } from '../../api/errors.js';
import type { KubeObject } from '../../api/meta.js';
import type { ResourceDef } from '../../api/resource.js';
import type { AdmissionAttributes, AdmissionChain, Operation } from '../admission/admission.js';
import type { UserInfo } from '../authn/authenticator.js';
import type { Rendering } from '../negotiation.js';
import type { Store } from '../registry/store.js';

export interface WatchSettings {
  /** How often a watch that allows bookmarks gets one. */
  readonly bookmarkIntervalMs: number;
  /** Watches without timeoutSeconds end after a random time in [min, 2*min). */
  readonly minRequestTimeoutSeconds: number;
  /** A watcher whose connection has this much unsent data is dropped. */
  readonly maxBufferedBytes: number;
}

export interface Scope {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly query: URLSearchParams;
  readonly store: Store;
  readonly def: ResourceDef;
  readonly version: string;
  readonly namespace: string;
  readonly name: string;
  readonly subresource: string;
  readonly user: UserInfo;
  readonly rendering: Rendering;
  readonly admission: AdmissionChain;
  readonly watch: WatchSettings;
}

export function admissionAttributes(scope: Scope, operation: Operation, obj: KubeObject | undefined, dryRun: boolean): AdmissionAttributes {
  return {
    operation,
    group: scope.def.group,
    version: scope.version,
    kind: scope.def.kind,
    resource: scope.def.plural,
    subresource: scope.subresource,
    namespace: scope.namespace,
    name: scope.name || obj?.metadata?.name || '',
    user: scope.user,
    dryRun,
  };
}

/** dryRun=All, or nothing; anything else is rejected as Kubernetes does. */
export function parseDryRun(query: URLSearchParams, body?: { dryRun?: unknown }): boolean {
  const values = [...query.getAll('dryRun'), ...(Array.isArray(body?.dryRun) ? (body!.dryRun as unknown[]) : [])];
  for (const v of values) {
    if (v !== 'All') throw badRequest(`Invalid dryRun value: ${JSON.stringify(v)}: supported values: "All"`);
  }
  return values.length > 0;
}

export function parseBoolParam(query: URLSearchParams, name: string): boolean {
  const v = query.get(name);
  if (v === null) return false;
  const lower = v.toLowerCase();
  if (lower === '' || lower === 'true' || lower === '1' || lower === 't') return true;
  if (lower === 'false' || lower === '0' || lower === 'f') return false;
  throw badRequest(`strconv.ParseBool: parsing ${JSON.stringify(v)}: invalid syntax`);
}

export function parseIntParam(query: URLSearchParams, name: string): number | undefined {
  const v = query.get(name);
  if (v === null || v === '') return undefined;
  if (!/^-?\d+$/.test(v)) throw badRequest(`strconv.ParseInt: parsing ${JSON.stringify(v)}: invalid syntax`);
  return Number(v);
}
