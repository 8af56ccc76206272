import type { FetchFunction } from '../client-options.js';

export const TOKEN_URL = 'https://auth.example.test/v2.0/oauth2/token';
export const API_URL = 'https://hub.example.test/openapi/v2.0';
export const CLIENT_ID = 'unit-client';
/** Distinctive, so that finding it anywhere in an error is meaningful. */
export const CLIENT_SECRET = 's3cr3t-Zq7+/=&value-9f41';

/** A request the client sent, as the fake saw it. */
export interface Exchange {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  /** The body as text; `'<stream>'` for a stream. */
  readonly body: string | undefined;
  readonly redirect: RequestRedirect | undefined;
}

type Answer = (exchange: Exchange) => Response | Promise<Response>;

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

export const HUB_401 = (): Response =>
  json(
    401,
    { message: 'Authentication failed.', code: 'members:authentication_failed' },
    { 'www-authenticate': 'Bearer realm="api", error="invalid_token"' },
  );

async function bodyText(body: RequestInit['body']): Promise<string | undefined> {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof ReadableStream) {
    await new Response(body).text();
    return '<stream>';
  }
  return new Response(body).text();
}

/**
 * An in-memory token endpoint and hub behind an injected `fetch`: tokens `access-token-1-…`, `-2-…` with
 * `expiresIn`; the hub answers 201 echoing the body to a live token and 401 otherwise. Queued answers
 * replace the default ones, in order. Every request is kept in `exchanges`.
 */
export class FakeVectorCare {
  readonly exchanges: Exchange[] = [];
  /** What `expires_in` the default token answer carries (any JSON value; `undefined` leaves it out). */
  expiresIn: unknown = 3600;
  readonly revoked = new Set<string>();
  readonly issued: string[] = [];
  readonly tokenAnswers: Answer[] = [];
  readonly hubAnswers: Answer[] = [];

  readonly fetch: FetchFunction = async (input, init) => {
    const exchange: Exchange = {
      url: input,
      method: init.method ?? 'GET',
      headers: new Headers(init.headers),
      body: await bodyText(init.body),
      redirect: init.redirect,
    };
    this.exchanges.push(exchange);
    if (input === TOKEN_URL) return (this.tokenAnswers.shift() ?? (() => this.issue()))(exchange);
    if (input.startsWith(`${API_URL}/`)) return (this.hubAnswers.shift() ?? ((e) => this.hub(e)))(exchange);
    return json(404, { message: 'Not found.', code: 'api:not_found' });
  };

  get tokenRequests(): Exchange[] {
    return this.exchanges.filter((exchange) => exchange.url === TOKEN_URL);
  }

  get hubCalls(): Exchange[] {
    return this.exchanges.filter((exchange) => exchange.url !== TOKEN_URL);
  }

  /** The default token answer: a new token with `expiresIn`. */
  issue(): Response {
    const token = `access-token-${this.issued.length + 1}-c81d4fe2`;
    this.issued.push(token);
    const body: Record<string, unknown> = { access_token: token, token_type: 'bearer' };
    if (this.expiresIn !== undefined) body['expires_in'] = this.expiresIn;
    return json(200, body, { 'cache-control': 'no-store', pragma: 'no-cache' });
  }

  revokeAll(): void {
    for (const token of this.issued) this.revoked.add(token);
  }

  /** The bearer token a hub call presented. */
  static bearerOf(exchange: Exchange): string | undefined {
    return /^Bearer (.+)$/.exec(exchange.headers.get('authorization') ?? '')?.[1];
  }

  private hub(exchange: Exchange): Response {
    const token = FakeVectorCare.bearerOf(exchange);
    if (token === undefined || !this.issued.includes(token) || this.revoked.has(token)) return HUB_401();
    return new Response(exchange.body ?? '{}', {
      status: 201,
      headers: { 'content-type': 'application/json' },
    });
  }
}

/** A promise with its settling functions, to hold an answer until the test lets it go. */
export function deferred<T = void>(): {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(reason: unknown): void;
} {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((onResolve, onReject) => {
    resolve = onResolve;
    reject = onReject;
  });
  return { promise, resolve, reject };
}
