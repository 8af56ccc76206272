import type { FaultKind } from '../faults/fault-queue.js';
import type { TokenCheck } from '../tokens/token-verifier.js';
import type { WebhookAttemptRecord } from '../webhooks/webhook-sender.js';

/** How the client authenticated: on the token endpoint by secret, on the hub by bearer token. */
export type AuthMethod = 'client_secret_basic' | 'client_secret_post' | 'both' | 'none' | 'bearer' | 'other';

/** What every recorded event carries. Times are epoch ms by the mock's clock. */
interface RecordedEventBase {
  /** Its place in the recorder's ring for its kind, from 1, increasing by one per event kept there. */
  readonly seq: number;
  /** The mock's id for the request this event is about, unique per mock (`req-1`, `req-2`, ...). */
  readonly requestId: string;
  /** When the request arrived. */
  readonly atMs: number;
  /** From arrival to the answer (0 on a frozen clock). */
  readonly durationMs: number;
}

/** What an HTTP exchange with the mock carries, whatever the endpoint. */
interface HttpExchangeBase extends RecordedEventBase {
  readonly method: string;
  /** The URL's path. */
  readonly path: string;
  /** The names of the query parameters, each once; their values are never kept (they may hold secrets). */
  readonly queryKeys: readonly string[];
  /** The status answered; 0 when the connection was dropped (a fault). */
  readonly status: number;
}

/** A request to the token endpoint. No secret is kept: only how the client authenticated. */
export interface TokenExchangeEvent extends HttpExchangeBase {
  readonly kind: 'token';
  /** The client that authenticated, or the one the request named. */
  readonly clientId: string | null;
  readonly grantType: string | null;
  /** The `jti` of the token issued; null when none was. */
  readonly jtiIssued: string | null;
  /** The lifetime of the token issued, seconds. */
  readonly expiresIn: number | null;
  /** The media type of the body as parsed (the header as sent when the body was never read). */
  readonly contentType: string | null;
  readonly authMethod: AuthMethod | null;
  /** True when `client_id` or `client_secret` was in the query string. */
  readonly credentialsInQuery: boolean;
  /** The OAuth2 `error` answered, or null. */
  readonly error: string | null;
  readonly fault: FaultKind | null;
}

/** A call to the hub under `/openapi/v2.0/`. */
export interface HubExchangeEvent extends HttpExchangeBase {
  readonly kind: 'hub';
  /** The `sub` of the token presented, when its payload could be read. */
  readonly clientId: string | null;
  /** The `jti` of the token presented, when its payload could be read. */
  readonly jtiPresented: string | null;
  /** The bearer check's outcome (never sent to the client). */
  readonly tokenCheck: TokenCheck | 'missing';
  readonly contentType: string | null;
  readonly authMethod: AuthMethod;
  /** True when an `access_token` query parameter was sent. */
  readonly credentialsInQuery: boolean;
  /** The VectorCare code answered, or null. */
  readonly error: string | null;
  readonly fault: FaultKind | null;
  /** The parsed JSON body, secret-looking keys redacted (see hub/recorded-body.ts); null when none or unparseable. */
  readonly requestBody: unknown;
}

/** A request to the control API under `/__control/`, refused ones included. */
export interface ControlExchangeEvent extends HttpExchangeBase {
  readonly kind: 'control';
  /** The control error code answered, or null. */
  readonly error: string | null;
}

/**
 * One webhook delivery attempt, the mock's own request to a receiver: `atMs` is when it started and
 * `durationMs` how long it took, by the mock's clock; the rest is the sender's record (webhook-sender.ts).
 * `GET /__control/webhooks/deliveries` and the HAR are made from these.
 */
export interface WebhookDeliveryEvent
  extends RecordedEventBase, Omit<WebhookAttemptRecord, 'kind' | 'startedAtMs' | 'durationMs'> {
  readonly kind: 'webhook_delivery';
}

/** The exchanges the control API lists as recordings: token requests and hub calls. */
export type ExchangeEvent = TokenExchangeEvent | HubExchangeEvent;

/**
 * Everything the recorder keeps, told apart by `kind`. A new kind (webhook deliveries) is an interface here
 * with its own `kind`, added to this union and given a ring in recorder.ts.
 */
export type RecordedEvent = ExchangeEvent | ControlExchangeEvent | WebhookDeliveryEvent;

/** The kinds of recorded event. */
export type RecordedEventKind = RecordedEvent['kind'];

/** An event as its producer builds it, before the recorder gives it its `seq` and `durationMs`. */
export type Writable<T> = { -readonly [K in keyof T]: T[K] };
