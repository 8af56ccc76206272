import type { Hono } from 'hono';
import {
  invalidClient,
  invalidRequest,
  methodNotAllowed,
  OAuthError,
  payloadTooLarge,
  unsupportedGrantType,
} from '../errors/oauth-error.js';
import { errorResponse } from '../errors/error-response.js';
import type { Fault } from '../faults/fault-queue.js';
import { parseBasicCredentials, type BasicCredentials } from '../http/basic-credentials.js';
import { dropConnection, incomingOf, type MockEnv, type MockHonoContext } from '../http/bindings.js';
import {
  MalformedBodyError,
  mediaType,
  parseFormBody,
  type FormParameters,
} from '../http/form-parameters.js';
import { jsonResponse } from '../http/json-response.js';
import { BodyTooLargeError, readBody } from '../http/read-body.js';
import type { MockContext } from '../mock-context.js';
import { TOKEN_PATH } from '../options.js';
import type { RegisteredClient } from '../clients/client-registry.js';
import type { Recording, RecordingInput } from '../recorder/recorder.js';

const TOKEN_HEADERS = {
  'content-type': 'application/json',
  'cache-control': 'no-store',
  pragma: 'no-cache',
} as const;

type AuthMethod = NonNullable<Recording['auth_method']>;

/** What the token request said, as far as it could be read. */
interface TokenRequestFacts {
  parameters: FormParameters;
  basic: BasicCredentials | null | undefined;
  queryKeys: string[];
  credentialsInQuery: boolean;
}

const single = (parameters: FormParameters, name: string): string | undefined => parameters.get(name)?.[0];

function authMethodOf(facts: TokenRequestFacts): AuthMethod {
  const inBody = facts.parameters.has('client_secret');
  if (facts.basic !== undefined && inBody) return 'both';
  if (facts.basic !== undefined) return 'client_secret_basic';
  if (inBody) return 'client_secret_post';
  return 'none';
}

function claimedClientId(facts: TokenRequestFacts): string | null {
  const fromBasic = facts.basic?.candidates[0]?.clientId;
  return fromBasic ?? single(facts.parameters, 'client_id') ?? null;
}

/** RFC 6749 §4.4 + §2.3.1 checks, in the order VectorCare's server applies them. */
function authenticate(context: MockContext, facts: TokenRequestFacts): RegisteredClient {
  if (facts.credentialsInQuery) throw invalidRequest();
  for (const values of facts.parameters.values()) if (values.length > 1) throw invalidRequest();
  if (facts.basic !== undefined && facts.parameters.has('client_secret')) throw invalidRequest();
  if (single(facts.parameters, 'grant_type') !== 'client_credentials') throw unsupportedGrantType();

  if (facts.basic === null) throw invalidClient(true);
  if (facts.basic !== undefined) {
    const bodyId = single(facts.parameters, 'client_id');
    for (const candidate of facts.basic.candidates) {
      if (bodyId !== undefined && bodyId !== candidate.clientId) continue;
      const client = context.clients.authenticate(candidate.clientId, candidate.clientSecret);
      if (client !== undefined) return client;
    }
    throw invalidClient(true);
  }
  const clientId = single(facts.parameters, 'client_id');
  const secret = single(facts.parameters, 'client_secret');
  if (clientId === undefined || clientId === '' || secret === undefined || secret === '')
    throw invalidClient(false);
  const client = context.clients.authenticate(clientId, secret);
  if (client === undefined) throw invalidClient(false);
  return client;
}

async function applyFault(
  context: MockContext,
  c: MockHonoContext,
  fault: Fault,
): Promise<Response | undefined> {
  switch (fault.kind) {
    case 'delay':
      await context.sleep(fault.delay_ms ?? 0);
      return undefined;
    case 'drop_connection':
      return dropConnection(c);
    case 'token_response':
      return jsonResponse(fault.status ?? 503, JSON.stringify(fault.body ?? null));
    case 'rate_limit':
      return jsonResponse(
        429,
        JSON.stringify({ error_description: 'Request was throttled.', error: 'temporarily_unavailable' }),
        { 'retry-after': String(fault.retry_after ?? 1) },
      );
    case 'hub_unauthorized':
      return undefined;
  }
}

/** `POST /v2.0/oauth2/token`: VectorCare's client credentials token endpoint. */
export function registerTokenRoute(app: Hono<MockEnv>, context: MockContext): void {
  app.all(TOKEN_PATH, async function tokenEndpoint(c) {
    const startedAtMs = context.clock.now();
    const url = new URL(c.req.url);
    const queryKeys = [...new Set(url.searchParams.keys())];
    const contentType = c.req.header('content-type') ?? null;
    const recording: RecordingInput = {
      time_ms: startedAtMs,
      endpoint: 'token',
      method: c.req.method,
      path: url.pathname,
      query_keys: queryKeys,
      status: 0,
      // A client that puts its id in the URL is still named, so the contract kit can attribute the request.
      client_id: url.searchParams.get('client_id'),
      grant_type: null,
      jti_issued: null,
      expires_in: null,
      jti_presented: null,
      token_check: null,
      content_type: contentType,
      auth_method: null,
      credentials_in_query: url.searchParams.has('client_secret') || url.searchParams.has('client_id'),
      error: null,
      fault: null,
      request_body: null,
    };
    let response: Response;
    try {
      response = await handle(c, recording, queryKeys);
    } catch (error) {
      response =
        errorResponse(error) ??
        errorResponse(new OAuthError('server_error', 500)) ??
        new Response(null, { status: 500 });
      if (error instanceof OAuthError) recording.error = error.code;
      else
        console.error(
          'vectorcare-auth-mock: token endpoint failed:',
          error instanceof Error ? error.name : 'error',
        );
    }
    recording.status = response.status === 599 ? 0 : response.status;
    context.recorder.record({ ...recording, endedAtMs: context.clock.now() });
    return response;
  });

  async function handle(
    c: MockHonoContext,
    recording: RecordingInput,
    queryKeys: string[],
  ): Promise<Response> {
    if (c.req.method !== 'POST') throw methodNotAllowed();
    let body: Buffer;
    try {
      body = await readBody(c.req.raw, incomingOf(c), context.bodyLimitBytes);
    } catch (error) {
      if (error instanceof BodyTooLargeError) throw payloadTooLarge(error.limitBytes);
      throw invalidRequest();
    }
    let parameters: FormParameters;
    try {
      parameters = await parseFormBody(c.req.header('content-type') ?? null, body);
    } catch (error) {
      if (error instanceof MalformedBodyError) throw invalidRequest();
      throw error;
    }
    const facts: TokenRequestFacts = {
      parameters,
      basic: parseBasicCredentials(c.req.header('authorization') ?? null),
      queryKeys,
      credentialsInQuery: recording.credentials_in_query === true,
    };
    recording.auth_method = authMethodOf(facts);
    recording.client_id = claimedClientId(facts) ?? recording.client_id;
    recording.grant_type = single(parameters, 'grant_type') ?? null;
    recording.content_type = mediaType(c.req.header('content-type') ?? null);

    const fault = context.faults.take('token', recording.client_id);
    if (fault !== undefined) {
      recording.fault = fault.kind;
      const faulted = await applyFault(context, c, fault);
      if (faulted !== undefined) return faulted;
    }

    const client = authenticate(context, facts);
    recording.client_id = client.clientId;
    const token = await context.issueToken(client.clientId, client.expiresIn);
    context.ledger.add(token);
    recording.jti_issued = token.jti;
    recording.expires_in = token.expiresIn;
    return new Response(
      `{"access_token":"${token.accessToken}","token_type":"bearer","expires_in":${token.expiresIn}}`,
      { status: 200, headers: TOKEN_HEADERS },
    );
  }
}
