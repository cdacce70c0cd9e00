// Request bodies: read with Kubernetes' 3 MiB limit, decoded from JSON or YAML. Malformed
// input is a 400 BadRequest, an unknown media type a 415, an oversized body a 413 — never
// a crash.

import type { IncomingMessage } from 'node:http';
import { parseAllDocuments } from 'yaml';
import { badRequest, requestEntityTooLarge, unsupportedMediaType } from '../../api/errors.js';
import { decodeKubernetesProtobuf, PROTOBUF_MEDIA_TYPE } from '../../api/protobuf/decode.js';
import { bodyMediaType } from '../negotiation.js';

export const MAX_BODY_BYTES = 3 * 1024 * 1024;

export const OBJECT_MEDIA_TYPES = ['application/json', 'application/yaml', PROTOBUF_MEDIA_TYPE] as const;

export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (declared > limit) throw requestEntityTooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw requestEntityTooLarge(limit);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Parses JSON, reporting errors as Kubernetes' decoder words them. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw badRequest(`couldn't get version/kind; json parse error: ${(err as Error).message}`);
  }
}

export function parseYaml(text: string): unknown {
  let docs;
  try {
    // Repeated keys are field validation's business (Strict, Warn or Ignore), not a parse error.
    docs = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: false });
  } catch (err) {
    throw badRequest(`error converting YAML to JSON: ${(err as Error).message}`);
  }
  const list = Array.isArray(docs) ? docs : [docs];
  const doc = list[0];
  if (!doc) return null;
  if (doc.errors.length > 0) throw badRequest(`error converting YAML to JSON: ${doc.errors[0].message}`);
  return doc.toJS({ maxAliasCount: 100 });
}

/** Decodes an object body (create, update, delete options) by its Content-Type: JSON,
 *  YAML, or Kubernetes protobuf (what typed Go clients send). */
export function decodeObjectBody(contentType: string | undefined, body: Buffer): unknown {
  const type = bodyMediaType(contentType) || 'application/json';
  if (type === 'application/json') return parseJson(body.toString('utf8'));
  if (type === 'application/yaml') return parseYaml(body.toString('utf8'));
  if (type === PROTOBUF_MEDIA_TYPE) return decodeKubernetesProtobuf(body);
  throw unsupportedMediaType(OBJECT_MEDIA_TYPES);
}
