import type { Hono } from 'hono';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './hono/app.js';
import type { Clock } from './clock.js';
import { createControlOperations, type ControlOperations } from './control/control-operations.js';
import type { MockEnv } from './hono/bindings.js';
import { gracefulCloser } from './node-http/graceful-close.js';
import { createNodeServer } from './node-http/node-server.js';
import { createMockContext, type MockContext } from './mock-context.js';
import { DEFAULTS, HUB_BASE_PATH, TOKEN_PATH, type MockServerOptions } from './options.js';
import type { Har } from './control/har.js';
import type { Recorder } from './recorder/recorder.js';
import type { WebhookOperations } from './control/webhook-operations.js';
import { WEBHOOK_PUBLIC_KEY_PATH } from './hono/well-known-routes.js';

export interface CreateMockServerOptions extends MockServerOptions {
  /** Listen on a port (default true). With false, use `fetch` in-process; nothing listens. */
  readonly listen?: boolean;
  /**
   * How long a client may take to send its request headers, ms (default 10 s). A client that trickles
   * them (slowloris) is answered 408 and cut off after this, give or take the check interval.
   */
  readonly headersTimeoutMs?: number;
  /** How long a client may take to send its whole request, body included, ms (default 30 s). */
  readonly requestTimeoutMs?: number;
  /** How long an idle keep-alive connection stays open, ms (default 120 s, `DEFAULTS.keepAliveTimeoutMs`). */
  readonly keepAliveTimeoutMs?: number;
}

/** A running mock. */
export interface MockServer {
  /** The base URL, e.g. `http://127.0.0.1:4010`. */
  readonly url: string;
  readonly port: number;
  readonly tokenUrl: string;
  /** The hub's base, e.g. `http://127.0.0.1:4010/openapi/v2.0`. */
  readonly apiUrl: string;
  readonly jwksUrl: string;
  /** The app as a `fetch` function: works with or without a listening port. */
  readonly fetch: (request: Request) => Promise<Response>;
  readonly clock: Clock;
  /**
   * What happened, as typed events (`kind` token, hub or control; camelCase, epoch-ms times), to list or to
   * subscribe to. `control.recordings()` and the control API give the same exchanges in the wire shape.
   */
  readonly recorder: Recorder;
  /** Steering and inspection without HTTP: clients, revocation, faults, clock, recordings, HAR, reset. */
  readonly control: ControlOperations;
  /** The recordings as HAR 1.2 (secrets redacted), as `GET /__control/recordings.har` serves them. */
  har(query?: { readonly clientId?: string }): Har;
  /** The shared state, for tools built on the mock (the contract kit). */
  readonly context: MockContext;
  /**
   * The webhook sender without HTTP: `subscribe(url)`, `trigger({action})`, `redeliver(eventId)`,
   * `deliveries()`, `settled()`, `publicKeyPem`.
   */
  readonly webhooks: WebhookOperations;
  /** Where the webhook public key is served, PEM. */
  readonly webhookPublicKeyUrl: string;
  /**
   * Cancels pending webhook retries, stops accepting connections, lets requests (and webhook attempts) in
   * flight finish, and resolves once closed.
   */
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve(server.address() as AddressInfo);
    });
  });
}

const urlHost = (host: string): string => (host.includes(':') ? `[${host}]` : host);

/**
 * Starts the whole mock in-process: token endpoint, hub and control API.
 *
 * @example
 * const mock = await createMockServer({ port: 0 });
 * const client = mock.control.createClient({ expiresIn: 60 });
 * // ... point the code under test at mock.tokenUrl and mock.apiUrl
 * await mock.close();
 */
export async function createMockServer(options: CreateMockServerOptions = {}): Promise<MockServer> {
  const context = await createMockContext(options);
  const host = options.host ?? DEFAULTS.host;
  let url = `http://${urlHost(host)}:${options.port ?? DEFAULTS.port}`;
  const control = createControlOperations(context, { baseUrl: () => url });
  // Built on first use: tokens over HTTP never need it (see node-http/token-fast-path.ts), so route
  // registration does not stand between createMockServer() and the first token.
  let app: Hono<MockEnv> | undefined;
  const appOf = (): Hono<MockEnv> => (app ??= createApp(context, control));
  const fetch = async (request: Request): Promise<Response> => appOf().fetch(request, {});

  let port = options.port ?? DEFAULTS.port;
  let closeServer: (() => Promise<void>) | undefined;
  if (options.listen !== false) {
    const server = createNodeServer(context, () => appOf().fetch, {
      host,
      headersTimeoutMs: options.headersTimeoutMs ?? DEFAULTS.headersTimeoutMs,
      requestTimeoutMs: options.requestTimeoutMs ?? DEFAULTS.requestTimeoutMs,
      keepAliveTimeoutMs: options.keepAliveTimeoutMs ?? DEFAULTS.keepAliveTimeoutMs,
    });
    closeServer = gracefulCloser(server);
    const address = await listen(server, port, host);
    port = address.port;
    url = `http://${urlHost(host)}:${port}`;
  }
  if (options.issuer === undefined) context.issuer = url;

  return {
    url,
    port,
    tokenUrl: `${url}${TOKEN_PATH}`,
    apiUrl: `${url}${HUB_BASE_PATH}`,
    jwksUrl: `${url}/.well-known/jwks.json`,
    fetch,
    clock: context.clock,
    recorder: context.recorder,
    control,
    har: (query) => control.har(query),
    context,
    webhooks: control.webhooks,
    webhookPublicKeyUrl: `${url}${WEBHOOK_PUBLIC_KEY_PATH}`,
    async close() {
      await Promise.all([context.webhooks.close(), closeServer?.()]);
    },
  };
}
