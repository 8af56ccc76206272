/** A source of the current time in epoch milliseconds. The mock's `Clock` fits, so tests can share one. */
export interface ClientClock {
  now(): number;
}

/** The `fetch` the client calls: the global one by default, or any function with its signature. */
export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

/** What `createVectorCareClient()` accepts. An option given as `undefined` takes its default (handy with `process.env`). */
export interface VectorCareClientOptions {
  /** The client id from Settings > Open API. */
  readonly clientId: string;
  /** The client secret. Sent only to `tokenUrl`, in the form body; never put in an error or a log. */
  readonly clientSecret: string;
  /** The token endpoint; default `https://auth.vectorcare.com/v2.0/oauth2/token`. */
  readonly tokenUrl?: string | undefined;
  /** The hub's base; paths given to `fetch()` are relative to it. Default `https://hub.vectorcare.com/openapi/v2.0`. */
  readonly apiUrl?: string | undefined;
  /** Default: the global `fetch`, looked up on each call so that later patches of it apply. */
  readonly fetch?: FetchFunction | undefined;
  /** Default: `Date.now`. */
  readonly clock?: ClientClock | undefined;
  /** The fraction of `expires_in` after which a token is replaced, in (0, 1]; default 0.8 as VectorCare advises. */
  readonly refreshRatio?: number | undefined;
}

/** The options after validation, with the defaults filled in. */
export interface ResolvedClientOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly tokenUrl: string;
  /** Without a trailing slash. */
  readonly apiUrl: string;
  readonly fetch: FetchFunction;
  readonly clock: ClientClock;
  readonly refreshRatio: number;
}

export const DEFAULT_CLIENT_OPTIONS = Object.freeze({
  tokenUrl: 'https://auth.vectorcare.com/v2.0/oauth2/token',
  apiUrl: 'https://hub.vectorcare.com/openapi/v2.0',
  refreshRatio: 0.8,
});

const systemClock: ClientClock = Object.freeze({ now: () => Date.now() });
const globalFetch: FetchFunction = (input, init) => globalThis.fetch(input, init);

// Messages name the field and never echo the value: a misplaced secret must not end up in a log.
function requireNonEmptyString(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '')
    throw new TypeError(`createVectorCareClient: ${field} must be a non-empty string`);
  return value;
}

function requireHttpUrl(value: unknown, field: string): URL {
  const text = requireNonEmptyString(value, field);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new TypeError(`createVectorCareClient: ${field} must be an absolute http or https URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new TypeError(`createVectorCareClient: ${field} must be an absolute http or https URL`);
  // fetch refuses URLs with credentials, and they would leak into logs of every request.
  if (url.username !== '' || url.password !== '')
    throw new TypeError(`createVectorCareClient: ${field} must not contain a user name or password`);
  if (url.hash !== '') throw new TypeError(`createVectorCareClient: ${field} must not contain a fragment`);
  return url;
}

/**
 * Checks the options once, at construction, so that a mistake shows up where the client is made rather
 * than at the first call; fills in the defaults.
 */
export function resolveClientOptions(options: VectorCareClientOptions): ResolvedClientOptions {
  if (typeof options !== 'object' || options === null)
    throw new TypeError('createVectorCareClient: options must be an object with clientId and clientSecret');
  const clientId = requireNonEmptyString(options.clientId, 'clientId');
  const clientSecret = requireNonEmptyString(options.clientSecret, 'clientSecret');
  const tokenUrl = requireHttpUrl(options.tokenUrl ?? DEFAULT_CLIENT_OPTIONS.tokenUrl, 'tokenUrl');
  const apiUrl = requireHttpUrl(options.apiUrl ?? DEFAULT_CLIENT_OPTIONS.apiUrl, 'apiUrl');
  // Paths are appended to apiUrl, so a query there would end up in the middle of every URL.
  if (apiUrl.search !== '') throw new TypeError('createVectorCareClient: apiUrl must not contain a query');

  const fetch = options.fetch ?? globalFetch;
  if (typeof fetch !== 'function') throw new TypeError('createVectorCareClient: fetch must be a function');
  const clock = options.clock ?? systemClock;
  if (typeof clock !== 'object' || clock === null || typeof clock.now !== 'function')
    throw new TypeError('createVectorCareClient: clock must be an object with a now() method');
  const refreshRatio = options.refreshRatio ?? DEFAULT_CLIENT_OPTIONS.refreshRatio;
  if (typeof refreshRatio !== 'number' || !(refreshRatio > 0 && refreshRatio <= 1))
    throw new RangeError(
      'createVectorCareClient: refreshRatio must be a number greater than 0 and at most 1',
    );

  return {
    clientId,
    clientSecret,
    tokenUrl: tokenUrl.href,
    apiUrl: apiUrl.href.replace(/\/+$/, ''),
    fetch,
    clock,
    refreshRatio,
  };
}
