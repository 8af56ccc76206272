import type { Clock } from './clock.js';
import type { SigningKey } from './keys/signing-key.js';
import type { WebhookKey } from './webhooks/webhook-key.js';

/** A URL that receives the mock's webhooks from start (`serve --webhook-url`, the config file). */
export interface WebhookSubscriptionConfig {
  readonly url: string;
  /** Only this client's hub calls emit events to it; default every client's. */
  readonly clientId?: string;
}

/** A client the mock knows from start. */
export interface ClientConfig {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Token lifetime in seconds; defaults to the server's `defaultExpiresIn`. */
  readonly expiresIn?: number;
}

/** Everything `createMockServer()` and `serve` accept. Every field is optional. */
export interface MockServerOptions {
  /** Interface to listen on; default 127.0.0.1. */
  readonly host?: string;
  /** Port; 0 picks a free one. Default 4010. */
  readonly port?: number;
  /** Clients known from start; default the demo client. */
  readonly clients?: readonly ClientConfig[];
  /** Token lifetime in seconds for clients that set none; default 3600. */
  readonly defaultExpiresIn?: number;
  /** The `iss` claim and the metadata's issuer; default the server's base URL. */
  readonly issuer?: string;
  /** A PEM or JWK file with the RSA signing key; default the committed test-only key. */
  readonly keyFile?: string;
  /** Generate a fresh key at start instead of loading one. */
  readonly generateKey?: boolean;
  /** An already loaded key (takes precedence over keyFile and generateKey). */
  readonly signingKey?: SigningKey;
  /** The clock; default one that follows real time. */
  readonly clock?: Clock;
  /** Recorder ring-buffer size; default 10,000 exchanges. */
  readonly recorderCapacity?: number;
  /** When set, the control API answers any address but only with `Authorization: Bearer <controlToken>`. */
  readonly controlToken?: string;
  /** Source of token ids (`jti`) and of the ids of clients created without one; default `crypto.randomUUID`. */
  readonly randomId?: () => string;
  /** Source of the secrets of clients created without one; default 24 random bytes, base64url. */
  readonly randomSecret?: () => string;
  /** Names each request the recorder keeps an event of; default `req-1`, `req-2`, ... counted per mock. */
  readonly nextRequestId?: () => string;
  /** Waits `ms` of real time; default `setTimeout`. Used by delay faults. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** A PEM or JWK file with the RSA key webhooks are signed with; default the committed test-only webhook key. */
  readonly webhookKeyFile?: string;
  /** An already loaded webhook key (takes precedence over webhookKeyFile). */
  readonly webhookKey?: WebhookKey;
  /** Subscriptions from start; `reset` keeps them. */
  readonly webhookSubscriptions?: readonly WebhookSubscriptionConfig[];
  /** How long a receiver has to answer, ms by the mock's clock; default 10 s as VectorCare's. */
  readonly webhookTimeoutMs?: number;
  /**
   * When the attempts of a delivery start, ms after the first; default `[0, 8000, 64000]` as VectorCare's.
   * A quick test run may compress it.
   */
  readonly webhookScheduleMs?: readonly number[];
  /** `n` random bytes for event, request and subscription ids; default `crypto.randomBytes`. */
  readonly randomBytes?: (n: number) => Uint8Array;
}

export const DEMO_CLIENT: ClientConfig = Object.freeze({
  clientId: 'demo-client',
  clientSecret: 'demo-secret',
});

/** The embedded defaults `npm start` runs on. */
export const DEFAULTS = Object.freeze({
  host: '127.0.0.1',
  port: 4010,
  defaultExpiresIn: 3600,
  clients: Object.freeze([DEMO_CLIENT]) as readonly ClientConfig[],
  bodyLimitBytes: 64 * 1024,
  /** A client must send its request headers within this time (slowloris protection). */
  headersTimeoutMs: 10_000,
  /** A client must send its whole request, headers and body, within this time. */
  requestTimeoutMs: 30_000,
  /**
   * An idle keep-alive connection is closed after this time: longer than the idle timeouts of common clients
   * (Go's net/http 90 s, undici's 4 s), so the client drops the connection first. With Node's 5 s, a client
   * that reused a connection just as the mock closed it got "connection reset" (Go retries no POST then).
   */
  keepAliveTimeoutMs: 120_000,
  /** Hub request bodies (200 locations fit many times over). */
  hubBodyLimitBytes: 1024 * 1024,
});

/** The token endpoint's path, as VectorCare serves it. */
export const TOKEN_PATH = '/v2.0/oauth2/token';
/** The hub's base path. */
export const HUB_BASE_PATH = '/openapi/v2.0';
