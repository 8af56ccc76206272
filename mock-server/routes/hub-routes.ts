import type { Hono } from 'hono';
import { errorResponse, INTERNAL_ERROR_BODY } from '../errors/error-response.js';
import { HubError } from '../errors/hub-error.js';
import type { Fault } from '../faults/fault-queue.js';
import { dropConnection, incomingOf, type MockEnv, type MockHonoContext } from '../http/bindings.js';
import { mediaType } from '../http/form-parameters.js';
import { jsonResponse } from '../http/json-response.js';
import { BodyTooLargeError, readBody } from '../http/read-body.js';
import { authenticationFailed, notAuthenticated, throttled } from '../hub/hub-errors.js';
import { matchHubEndpoint } from '../hub/hub-endpoints.js';
import { recordedBody } from '../hub/recorded-body.js';
import type { MockContext } from '../mock-context.js';
import { DEFAULTS, HUB_BASE_PATH } from '../options.js';
import type { Recording, RecordingInput } from '../recorder/recorder.js';
import { parseBearerHeader } from '../tokens/bearer-header.js';
import { createTokenVerifier } from '../tokens/token-verifier.js';

type AuthMethod = NonNullable<Recording['auth_method']>;

/** The request body as read before any check, so even a refused call is recorded with what it sent. */
type BodyOutcome =
  | { readonly kind: 'json'; readonly value: unknown }
  | { readonly kind: 'too_large' }
  | { readonly kind: 'unreadable' };

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });

function parseJson(raw: Buffer): BodyOutcome {
  if (raw.length === 0) return { kind: 'json', value: undefined };
  try {
    return { kind: 'json', value: JSON.parse(fatalUtf8.decode(raw)) as unknown };
  } catch {
    return { kind: 'unreadable' };
  }
}

/** The first VectorCare code in an error body, for the recording. */
function codeOf(payload: HubError['payload']): string | null {
  if (Array.isArray(payload)) {
    for (const item of payload) {
      const code = codeOf(item);
      if (code !== null) return code;
    }
    return null;
  }
  if (typeof payload['code'] === 'string') return payload['code'];
  for (const errors of Object.values(payload)) {
    const first = Array.isArray(errors) ? errors[0] : undefined;
    if (first !== undefined) return first.code;
  }
  return null;
}

/**
 * The hub under `/openapi/v2.0/`: the six documented endpoints behind a bearer check. The order of checks
 * follows Django REST framework, which VectorCare's hub runs on: the path first (404, trailing slash
 * required), then the bearer token (401), then the method (405), then the body (413, 400). So a call
 * without a valid token never learns anything about validation.
 */
export function registerHubRoutes(app: Hono<MockEnv>, context: MockContext): void {
  const verifyToken = createTokenVerifier({
    publicKey: context.key.publicKey,
    kid: context.key.kid,
    clock: context.clock,
    issuer: () => context.issuer,
    isRevoked: (jti, clientId, issuedAtMs) => context.ledger.isRevoked(jti, clientId, issuedAtMs),
    isKnownClient: (clientId) => context.clients.has(clientId),
  });

  app.all(`${HUB_BASE_PATH}/*`, async function hubEndpoint(c) {
    const startedAtMs = context.clock.now();
    const url = new URL(c.req.url);
    const bearer = parseBearerHeader(c.req.header('authorization'));
    const verdict =
      bearer.kind === 'bearer'
        ? verifyToken(bearer.token)
        : {
            check: bearer.kind === 'malformed' ? ('malformed' as const) : ('missing' as const),
            clientId: null,
            jti: null,
          };
    const authMethod: AuthMethod =
      bearer.kind === 'missing' ? 'none' : bearer.kind === 'other_scheme' ? 'other' : 'bearer';
    const recording: RecordingInput = {
      time_ms: startedAtMs,
      endpoint: 'hub',
      method: c.req.method,
      path: url.pathname,
      query_keys: [...new Set(url.searchParams.keys())],
      status: 0,
      client_id: verdict.clientId,
      grant_type: null,
      jti_issued: null,
      expires_in: null,
      jti_presented: verdict.jti,
      token_check: verdict.check,
      content_type: mediaType(c.req.header('content-type') ?? null),
      auth_method: authMethod,
      credentials_in_query: url.searchParams.has('access_token'),
      error: null,
      fault: null,
      request_body: null,
    };

    let response: Response;
    try {
      response = await handle(c, url.pathname.slice(HUB_BASE_PATH.length), recording);
    } catch (error) {
      const known = errorResponse(error);
      if (error instanceof HubError) recording.error = codeOf(error.payload);
      else
        console.error(
          'vectorcare-auth-mock: hub call failed:',
          error instanceof Error ? error.name : 'error',
        );
      response = known ?? jsonResponse(500, INTERNAL_ERROR_BODY);
      if (known === undefined) recording.error = 'api:unknown_error';
    }
    recording.status = response.status === 599 ? 0 : response.status;
    context.recorder.record({ ...recording, endedAtMs: context.clock.now() });
    return response;
  });

  async function readRequestBody(c: MockHonoContext, recording: RecordingInput): Promise<BodyOutcome> {
    let raw: Buffer;
    try {
      raw = await readBody(c.req.raw, incomingOf(c), DEFAULTS.hubBodyLimitBytes);
    } catch (error) {
      return error instanceof BodyTooLargeError ? { kind: 'too_large' } : { kind: 'unreadable' };
    }
    const body = parseJson(raw);
    if (body.kind === 'json') recording.request_body = recordedBody(body.value, raw);
    return body;
  }

  async function applyFault(c: MockHonoContext, fault: Fault): Promise<Response | undefined> {
    switch (fault.kind) {
      case 'delay':
        await context.sleep(fault.delay_ms ?? 0);
        return undefined;
      case 'drop_connection':
        return dropConnection(c);
      case 'hub_unauthorized':
        throw authenticationFailed();
      case 'rate_limit':
        throw throttled(fault.retry_after ?? 1);
      case 'token_response':
        // Refused for the hub by the control API; ignored if queued in-process anyway.
        return undefined;
    }
  }

  async function handle(
    c: MockHonoContext,
    relativePath: string,
    recording: RecordingInput,
  ): Promise<Response> {
    const endpoint = matchHubEndpoint(relativePath);
    if (endpoint === undefined) throw HubError.of(404, 'api:not_found');
    const body = await readRequestBody(c, recording);
    const tooLarge = body.kind === 'too_large' ? { Connection: 'close' } : {};

    const fault = context.faults.take('hub', recording.client_id);
    if (fault !== undefined) {
      recording.fault = fault.kind;
      const faulted = await applyFault(c, fault);
      if (faulted !== undefined) return faulted;
    }

    if (recording.token_check === 'missing') throw withHeaders(notAuthenticated(), tooLarge);
    if (recording.token_check !== 'valid') throw withHeaders(authenticationFailed(), tooLarge);
    if (c.req.method !== endpoint.method)
      throw HubError.of(405, 'api:method_not_allowed', { Allow: endpoint.method, ...tooLarge });
    if (body.kind === 'too_large') throw HubError.of(413, 'api:bad_request', tooLarge);
    if (body.kind === 'unreadable') throw HubError.of(400, 'api:bad_request');

    const answer = endpoint.answer(body.value, context.clock.now());
    return jsonResponse(answer.status, JSON.stringify(answer.body));
  }
}

function withHeaders(error: HubError, headers: Record<string, string>): HubError {
  return Object.keys(headers).length === 0
    ? error
    : new HubError(error.status, error.payload, { ...error.headers, ...headers });
}
