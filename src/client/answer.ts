// An API answer, as both transports decode it: a 2xx answer becomes an ApiResponse with its
// JSON body decoded (other media types stay text, an empty body is undefined); any other
// answer is thrown as its StatusError (errors.ts).

import type { ApiResponse } from './contract.js';
import { statusErrorFromResponse } from './errors.js';

export function decodeAnswer(status: number, headers: ApiResponse['headers'], text: string): ApiResponse {
  const type = String(headers['content-type'] ?? '');
  let body: unknown = text || undefined;
  if (text && type.includes('json')) {
    try {
      body = JSON.parse(text);
    } catch (err) {
      if (status >= 200 && status < 300) throw new Error(`malformed JSON in a ${status} answer: ${(err as Error).message}`);
    }
  }
  if (status < 200 || status >= 300) throw statusErrorFromResponse(status, body, text, headers['retry-after']);
  return { status, headers, body };
}
