import { errorReply } from '../errors/error-reply.js';
import {
  authenticationFailed,
  badRequest,
  HubError,
  methodNotAllowed,
  notAuthenticated,
  notFound,
  payloadTooLarge,
  throttled,
  unknownError,
} from '../errors/hub-error.js';
import type { Fault } from '../faults/fault-queue.js';
import { mediaType } from '../wire/form-parameters.js';
import { BodyTooLargeError } from '../wire/read-body.js';
import type { TransportReply, TransportRequest } from './transport-exchange.js';
import type { HubAnswer, HubEndpoint } from '../hub/hub-endpoint.js';
import { matchHubEndpoint, requestIdOf } from '../hub/hub-endpoints.js';
import { recordedBody } from '../hub/recorded-body.js';
import type { MockContext } from '../mock-context.js';
import { DEFAULTS, HUB_BASE_PATH } from '../options.js';
import type { AuthMethod, HubExchangeEvent, Writable } from '../recorder/recorded-event.js';
import { parseBearerHeader } from '../wire/bearer-header.js';
import type { TokenVerdict } from '../tokens/token-verifier.js';

/** A hub request as any transport (Hono's `fetch`, or the raw Node server) reads it. */
export type HubRequest = TransportRequest;

/** The hub's answer, serialized. */
export type HubReply = TransportReply;

type HubEvent = Writable<HubExchangeEvent>;

/** The request body as read before any check, so even a refused call is recorded with what it sent. */
type BodyOutcome =
  | { readonly kind: 'json'; readonly value: unknown }
  | { readonly kind: 'too_large' }
  | { readonly kind: 'unreadable' };

const JSON_HEADERS: Readonly<Record<string, string>> = Object.freeze({ 'content-type': 'application/json' });
const DROPPED: HubReply = Object.freeze({ status: 0, headers: {}, body: '', dropped: true });
const NO_BODY: BodyOutcome = Object.freeze({ kind: 'json', value: undefined });
const TOO_LARGE: BodyOutcome = Object.freeze({ kind: 'too_large' });
const UNREADABLE: BodyOutcome = Object.freeze({ kind: 'unreadable' });
const CLOSE = Object.freeze({ Connection: 'close' });
/** Shared by every call without a query string; never written to. */
const NO_KEYS: readonly string[] = Object.freeze([]);

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });

function parseJson(raw: Buffer): BodyOutcome {
  if (raw.length === 0) return NO_BODY;
  try {
    return { kind: 'json', value: JSON.parse(fatalUtf8.decode(raw)) as unknown };
  } catch {
    return UNREADABLE;
  }
}

/** The answer to a failure nobody expected: logged by name only, a 500 with no details. */
function unexpected(error: unknown): HubReply {
  console.error('vectorcare-auth-mock: hub call failed:', error instanceof Error ? error.name : 'error');
  return errorReply(unknownError());
}

/** Reads and parses the body; a parsed one is kept (redacted) in the recorded event. */
function bodyOutcome(raw: Buffer, event: HubEvent): BodyOutcome {
  const body = parseJson(raw);
  if (body.kind === 'json') event.requestBody = recordedBody(body.value, raw);
  return body;
}

const unreadBody = (error: unknown): BodyOutcome =>
  error instanceof BodyTooLargeError ? TOO_LARGE : UNREADABLE;

/** What a fault does to the call: a reply instead of the answer, or nothing (the call goes on). */
async function applyFault(context: MockContext, fault: Fault): Promise<HubReply | undefined> {
  switch (fault.kind) {
    case 'delay':
      await context.sleep(fault.delay_ms ?? 0);
      return undefined;
    case 'drop_connection':
      return DROPPED;
    case 'hub_unauthorized':
      throw authenticationFailed();
    case 'rate_limit':
      throw throttled(fault.retry_after ?? 1);
    case 'token_response':
    case 'lifetime':
      // Token faults: refused for the hub by the control API; ignored if queued in-process anyway.
      return undefined;
  }
}

/**
 * The hub twin: the webhook VectorCare sends the calling client after this success, if the endpoint names
 * one and the client has subscriptions. A problem sending it never changes the hub's answer.
 */
function emitWebhook(
  context: MockContext,
  request: HubRequest,
  answered: HubAnswer,
  clientId: string | null,
): void {
  if (answered.webhook === undefined || clientId === null) return;
  const requestId = requestIdOf(request.pathname.slice(HUB_BASE_PATH.length));
  if (requestId === undefined) return;
  try {
    context.webhooks.emitForHubCall(
      clientId,
      requestId,
      answered.webhook.action,
      answered.webhook.dataChanges,
    );
  } catch (error) {
    console.error(
      "vectorcare-auth-mock: the hub call's webhook was not sent:",
      error instanceof Error ? error.message : 'error',
    );
  }
}

/** The bearer check, the method and the body, in that order, once the body is read and no fault took over. */
function judge(
  context: MockContext,
  request: HubRequest,
  endpoint: HubEndpoint,
  body: BodyOutcome,
  event: HubEvent,
  nowMs: number,
): HubReply {
  const tooLarge = body.kind === 'too_large' ? CLOSE : undefined;
  if (event.tokenCheck === 'missing') throw notAuthenticated().withHeaders(tooLarge);
  if (event.tokenCheck !== 'valid') throw authenticationFailed().withHeaders(tooLarge);
  if (request.method !== endpoint.method) throw methodNotAllowed(endpoint.method, tooLarge);
  if (body.kind === 'too_large') throw payloadTooLarge();
  if (body.kind === 'unreadable') throw badRequest();
  const answered = endpoint.answer(body.value, nowMs);
  emitWebhook(context, request, answered, event.clientId);
  return { status: answered.status, headers: JSON_HEADERS, body: JSON.stringify(answered.body) };
}

/** The answer once the body is read: a fault queued for this call first, then `judge`. */
function answer(
  context: MockContext,
  request: HubRequest,
  endpoint: HubEndpoint,
  body: BodyOutcome,
  event: HubEvent,
): HubReply | Promise<HubReply> {
  const fault = context.faults.take('hub', event.clientId);
  if (fault === undefined) return judge(context, request, endpoint, body, event, context.clock.now());
  event.fault = fault.kind;
  return applyFault(context, fault).then(
    (faulted) => faulted ?? judge(context, request, endpoint, body, event, context.clock.now()),
  );
}

function exchange(context: MockContext, request: HubRequest): Promise<HubReply> {
  const startedAtMs = context.clock.now();
  const bearer = parseBearerHeader(request.authorization);
  const verdict: TokenVerdict | { check: 'malformed' | 'missing'; clientId: null; jti: null } =
    bearer.kind === 'bearer'
      ? context.verifyToken(bearer.token)
      : { check: bearer.kind === 'malformed' ? 'malformed' : 'missing', clientId: null, jti: null };
  const authMethod: AuthMethod =
    bearer.kind === 'missing' ? 'none' : bearer.kind === 'other_scheme' ? 'other' : 'bearer';
  const query = request.query;
  // Built whole, and kept by the recorder as it is: one object per call.
  const event: HubEvent = {
    kind: 'hub',
    seq: 0,
    requestId: context.nextRequestId(),
    atMs: startedAtMs,
    durationMs: 0,
    method: request.method,
    path: request.pathname,
    queryKeys: query.size === 0 ? NO_KEYS : [...new Set(query.keys())],
    status: 0,
    clientId: verdict.clientId,
    jtiPresented: verdict.jti,
    tokenCheck: verdict.check,
    contentType: mediaType(request.contentType),
    authMethod,
    credentialsInQuery: query.size !== 0 && query.has('access_token'),
    error: null,
    fault: null,
    requestBody: null,
  };

  const finish = (reply: HubReply): HubReply => {
    event.status = reply.status;
    context.recorder.keep(event, context.clock.now());
    return reply;
  };
  const fail = (error: unknown): HubReply => {
    if (error instanceof HubError) {
      event.error = error.code;
      return finish(errorReply(error));
    }
    event.error = 'api:unknown_error';
    return finish(unexpected(error));
  };

  const endpoint = matchHubEndpoint(request.pathname.slice(HUB_BASE_PATH.length));
  if (endpoint === undefined) return Promise.resolve(fail(notFound()));
  // Promise chains rather than nested async functions: each level of await costs a hub call measurably.
  return request
    .readBody(DEFAULTS.hubBodyLimitBytes)
    .then(
      (raw) => answer(context, request, endpoint, bodyOutcome(raw, event), event),
      (error: unknown) => answer(context, request, endpoint, unreadBody(error), event),
    )
    .then(finish, fail);
}

/**
 * A call to the hub under `/openapi/v2.0/`, whatever carries it: answers it and records the exchange.
 * The six documented endpoints sit behind a bearer check, and the order of checks follows Django REST
 * framework, which VectorCare's hub runs on: the path first (404, trailing slash required), then the bearer
 * token (401), then the method (405), then the body (413, 400). So a call without a valid token never
 * learns anything about validation. The promise never rejects: an unexpected failure is a logged 500 with no
 * details.
 */
export function exchangeHub(context: MockContext, request: HubRequest): Promise<HubReply> {
  try {
    return exchange(context, request);
  } catch (error) {
    // Before the event exists (reading the headers): answered, unrecorded, as the app's onError would.
    return Promise.resolve(unexpected(error));
  }
}
