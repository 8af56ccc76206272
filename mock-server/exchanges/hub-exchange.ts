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
import type { HubEndpoint } from '../hub/hub-endpoint.js';
import { matchHubEndpoint } from '../hub/hub-endpoints.js';
import { recordedBody } from '../hub/recorded-body.js';
import type { MockContext } from '../mock-context.js';
import { DEFAULTS, HUB_BASE_PATH } from '../options.js';
import type { Recording, RecordingInput } from '../recorder/recorder.js';
import { parseBearerHeader } from '../wire/bearer-header.js';
import type { TokenVerdict } from '../tokens/token-verifier.js';

/** A hub request as any transport (Hono's `fetch`, or the raw Node server) reads it. */
export type HubRequest = TransportRequest;

/** The hub's answer, serialized. */
export type HubReply = TransportReply;

type AuthMethod = NonNullable<Recording['auth_method']>;

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

/** Reads and parses the body; a parsed one is kept (redacted) in the recording. */
function bodyOutcome(raw: Buffer, recording: RecordingInput): BodyOutcome {
  const body = parseJson(raw);
  if (body.kind === 'json') recording.request_body = recordedBody(body.value, raw);
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

/** The bearer check, the method and the body, in that order, once the body is read and no fault took over. */
function judge(
  request: HubRequest,
  endpoint: HubEndpoint,
  body: BodyOutcome,
  recording: RecordingInput,
  nowMs: number,
): HubReply {
  const tooLarge = body.kind === 'too_large' ? CLOSE : undefined;
  if (recording.token_check === 'missing') throw notAuthenticated().withHeaders(tooLarge);
  if (recording.token_check !== 'valid') throw authenticationFailed().withHeaders(tooLarge);
  if (request.method !== endpoint.method) throw methodNotAllowed(endpoint.method, tooLarge);
  if (body.kind === 'too_large') throw payloadTooLarge();
  if (body.kind === 'unreadable') throw badRequest();
  const answered = endpoint.answer(body.value, nowMs);
  return { status: answered.status, headers: JSON_HEADERS, body: JSON.stringify(answered.body) };
}

/** The answer once the body is read: a fault queued for this call first, then `judge`. */
function answer(
  context: MockContext,
  request: HubRequest,
  endpoint: HubEndpoint,
  body: BodyOutcome,
  recording: RecordingInput,
): HubReply | Promise<HubReply> {
  const fault = context.faults.take('hub', recording.client_id);
  if (fault === undefined) return judge(request, endpoint, body, recording, context.clock.now());
  recording.fault = fault.kind;
  return applyFault(context, fault).then(
    (faulted) => faulted ?? judge(request, endpoint, body, recording, context.clock.now()),
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
  // Built whole, in the wire order, and kept by the recorder as it is.
  const recording: Recording = {
    seq: 0,
    time: '',
    duration_ms: 0,
    time_ms: startedAtMs,
    endpoint: 'hub',
    method: request.method,
    path: request.pathname,
    query_keys: query.size === 0 ? [] : [...new Set(query.keys())],
    status: 0,
    client_id: verdict.clientId,
    grant_type: null,
    jti_issued: null,
    expires_in: null,
    jti_presented: verdict.jti,
    token_check: verdict.check,
    content_type: mediaType(request.contentType),
    auth_method: authMethod,
    credentials_in_query: query.size !== 0 && query.has('access_token'),
    error: null,
    fault: null,
    request_body: null,
  };

  const finish = (reply: HubReply): HubReply => {
    recording.status = reply.status;
    context.recorder.keep(recording, context.clock.now());
    return reply;
  };
  const fail = (error: unknown): HubReply => {
    if (error instanceof HubError) {
      recording.error = error.code;
      return finish(errorReply(error));
    }
    recording.error = 'api:unknown_error';
    return finish(unexpected(error));
  };

  const endpoint = matchHubEndpoint(request.pathname.slice(HUB_BASE_PATH.length));
  if (endpoint === undefined) return Promise.resolve(fail(notFound()));
  // Promise chains rather than nested async functions: each level of await costs a hub call measurably.
  return request
    .readBody(DEFAULTS.hubBodyLimitBytes)
    .then(
      (raw) => answer(context, request, endpoint, bodyOutcome(raw, recording), recording),
      (error: unknown) => answer(context, request, endpoint, unreadBody(error), recording),
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
    // Before the recording exists (reading the headers): answered, unrecorded, as the app's onError would.
    return Promise.resolve(unexpected(error));
  }
}
