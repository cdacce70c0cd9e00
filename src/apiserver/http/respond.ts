// Writing responses: objects and lists as JSON (or YAML when asked), errors as a meta/v1
// Status with the HTTP code it carries. Lists are assembled from the cached JSON of their
// items, so serving a list never re-serializes objects that have not changed.

import type { ServerResponse } from 'node:http';
import { stringify as toYaml } from 'yaml';
import { internalError, StatusError } from '../../api/errors.js';
import type { Status } from '../../api/meta.js';
import type { OutputFormat } from '../negotiation.js';

export function writeJsonText(res: ServerResponse, code: number, json: string, contentType = 'application/json'): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(code, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(json) });
  res.end(json);
}

export function writeObject(res: ServerResponse, code: number, obj: unknown, format: OutputFormat = 'json'): void {
  if (format === 'yaml') {
    const text = toYaml(obj, { aliasDuplicateObjects: false, lineWidth: 0 });
    if (res.headersSent) return void res.end();
    res.writeHead(code, { 'Content-Type': 'application/yaml', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
    return;
  }
  writeJsonText(res, code, JSON.stringify(obj));
}

/** Flushes this much JSON at a time when streaming a large response. */
const CHUNK_CHARS = 256 * 1024;

/**
 * Writes a JSON document given as consecutive parts (a list's head, its items and commas,
 * its tail) in chunks, waiting for the socket to drain, so a large list never becomes one
 * giant string in memory.
 */
export async function writeJsonParts(res: ServerResponse, code: number, parts: readonly string[], format: OutputFormat): Promise<void> {
  if (format === 'yaml' || parts.length < 64) return writeEncoded(res, code, parts.join(''), format);
  res.writeHead(code, { 'Content-Type': 'application/json' });
  let chunk = '';
  for (const p of parts) {
    chunk += p;
    if (chunk.length >= CHUNK_CHARS) {
      if (!res.write(chunk)) await drained(res);
      chunk = '';
      if (res.destroyed) return;
    }
  }
  res.end(chunk);
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.once('drain', done);
    res.once('close', done);
  });
}

/** Writes already-encoded JSON in the requested format. */
export function writeEncoded(res: ServerResponse, code: number, json: string, format: OutputFormat): void {
  if (format === 'yaml') writeObject(res, code, JSON.parse(json), 'yaml');
  else writeJsonText(res, code, json);
}

export function errorStatus(err: unknown): Status {
  if (err instanceof StatusError) return err.toStatus();
  return internalError(err).toStatus();
}

export function writeError(res: ServerResponse, err: unknown): void {
  const status = errorStatus(err);
  if (status.code === 500 && !(err instanceof StatusError)) {
    console.error('internal error:', err);
  }
  if (status.code === 429 || status.code === 503 || status.code === 504) {
    const retry = status.details?.retryAfterSeconds;
    if (retry && !res.headersSent) res.setHeader('Retry-After', String(retry));
  }
  writeJsonText(res, status.code, JSON.stringify(status));
}
