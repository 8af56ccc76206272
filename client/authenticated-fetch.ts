import { resolveApiPath } from './api-path.js';
import type { FetchFunction } from './client-options.js';
import { isReplayableBody } from './request-body.js';
import type { TokenCache } from './token-cache.js';

/** A hub response and the tokens the call presented, so that errors built from it can redact them. */
export interface AuthenticatedResponse {
  readonly response: Response;
  readonly presented: readonly string[];
}

export interface AuthenticatedFetchOptions {
  /** Without a trailing slash. */
  readonly apiUrl: string;
  readonly fetch: FetchFunction;
  readonly tokens: TokenCache;
}

/** Sends one hub call with a bearer token; after a 401, once more with a new token. */
export type AuthenticatedFetch = (path: string, init?: RequestInit) => Promise<AuthenticatedResponse>;

// Waiting for a shared token request must stay abortable by this caller without aborting it for the others.
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | null | undefined): Promise<T> {
  if (signal === undefined || signal === null) return promise;
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

async function discardBody(response: Response): Promise<void> {
  // An unread body holds its connection until garbage collection.
  try {
    await response.body?.cancel();
  } catch {
    // Nothing to free.
  }
}

/**
 * Builds the authenticated call: the cached token (or a new one) as `Authorization: Bearer`, and on a 401
 * the token discarded and the same request (method, URL, headers, body) sent once more with a fresh token.
 * A second 401 is returned as it is. So is a 401 to a request whose body was a one-shot stream, which
 * cannot be sent again. Either way the refused token is discarded, so the next call gets a new one.
 */
export function createAuthenticatedFetch(options: AuthenticatedFetchOptions): AuthenticatedFetch {
  return async function authenticatedFetch(path, init = {}) {
    const url = resolveApiPath(options.apiUrl, path);
    const send = (token: string): Promise<Response> => {
      const headers = new Headers(init.headers);
      headers.set('authorization', `Bearer ${token}`);
      return options.fetch(url, { ...init, headers });
    };

    const token = await untilAborted(options.tokens.get(), init.signal);
    const first = await send(token);
    if (first.status !== 401) return { response: first, presented: [token] };
    options.tokens.discard(token);
    if (!isReplayableBody(init.body)) return { response: first, presented: [token] };

    await discardBody(first);
    const fresh = await untilAborted(options.tokens.get(), init.signal);
    const second = await send(fresh);
    // A refused token is never presented again, even when the retry is not allowed to follow.
    if (second.status === 401) options.tokens.discard(fresh);
    return { response: second, presented: [token, fresh] };
  };
}
