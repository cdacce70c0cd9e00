// Continue tokens for paginated lists, shaped as Kubernetes shapes them: base64 of
// {"v":"meta.k8s.io/v1","rv":<revision>,"start":"<key after the prefix>"}. The start key
// is the last returned key plus "\0", so the next page begins strictly after it.

import { badRequest } from '../../api/errors.js';

/** The revision of a token that continues at the latest state (after a 410). */
export const LATEST = -1;

export interface ContinuePoint {
  readonly revision: number;
  /** Inclusive start key, relative to the resource prefix. */
  readonly start: string;
}

/** A token resuming after lastKeyRelative (exclusive), or at it when `after` is false. */
export function encodeContinue(revision: number, keyRelative: string, after = true): string {
  const json = JSON.stringify({ v: 'meta.k8s.io/v1', rv: revision, start: after ? `${keyRelative}\u0000` : keyRelative });
  return Buffer.from(json).toString('base64url');
}

export function decodeContinue(token: string): ContinuePoint {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw badRequest('invalid continue token: continue key is not valid: illegal base64 or JSON');
  }
  const p = parsed as { v?: unknown; rv?: unknown; start?: unknown };
  if (p === null || typeof p !== 'object' || p.v !== 'meta.k8s.io/v1') {
    throw badRequest('invalid continue token: continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  }
  if (typeof p.rv !== 'number' || !Number.isInteger(p.rv) || (p.rv <= 0 && p.rv !== LATEST)) {
    throw badRequest('invalid continue token: continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  }
  if (typeof p.start !== 'string' || p.start === '' || p.start.includes('..') || p.start.startsWith('/')) {
    throw badRequest('invalid continue token: continue key is not valid: encoded start key is not valid');
  }
  return { revision: p.rv, start: p.start };
}
