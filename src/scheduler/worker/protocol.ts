// The messages between the scheduler's worker thread and the API server's thread, over one
// MessagePort (see api-port-server.ts and port-transport.ts).
//
//  worker -> server: req (one request; the body already JSON text), watch (a streamed
//                    request), close (the worker ends a watch)
//  server -> worker: res (a whole answer), err (the request could not be dispatched),
//                    chunk (watch data, as the handler wrote it, batched per event-loop
//                    turn), end (the watch answer ended; a non-2xx one carries its body)
// Request ids are the worker's; a watch's id names all its messages.

export interface WireRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path and query string. */
  readonly url: string;
  readonly accept: string;
  readonly contentType?: string;
  /** The JSON text of the body. */
  readonly body?: string;
}

export type ToServer =
  | { readonly t: 'req'; readonly id: number; readonly req: WireRequest }
  | { readonly t: 'watch'; readonly id: number; readonly req: WireRequest }
  | { readonly t: 'close'; readonly id: number };

export type WireHeaders = Record<string, string | string[]>;

export type ToWorker =
  | { readonly t: 'res'; readonly id: number; readonly status: number; readonly headers: WireHeaders; readonly body: string }
  | { readonly t: 'err'; readonly id: number; readonly message: string }
  | { readonly t: 'chunk'; readonly id: number; readonly data: string }
  | { readonly t: 'end'; readonly id: number; readonly status: number; readonly headers: WireHeaders; readonly body: string };
