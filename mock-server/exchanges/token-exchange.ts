import type { RegisteredClient } from '../clients/client-registry.js';
import { errorReply } from '../errors/error-reply.js';
import {
  invalidClient,
  invalidRequest,
  methodNotAllowed,
  OAuthError,
  payloadTooLarge,
  serverError,
  throttled,
  unsupportedGrantType,
} from '../errors/oauth-error.js';
import type { Fault } from '../faults/fault-queue.js';
import { parseBasicCredentials, type BasicCredentials } from '../wire/basic-credentials.js';
import {
  MalformedBodyError,
  mediaType,
  parseFormBody,
  type FormParameters,
} from '../wire/form-parameters.js';
import { BodyTooLargeError } from '../wire/read-body.js';
import type { TransportReply, TransportRequest } from './transport-exchange.js';
import type { MockContext } from '../mock-context.js';
import type { AuthMethod, TokenExchangeEvent, Writable } from '../recorder/recorded-event.js';

/** A token request as any transport (Hono's `fetch`, or the raw Node server) reads it. */
export type TokenRequest = TransportRequest;

/** The token endpoint's answer, serialized. */
export type TokenReply = TransportReply;

const TOKEN_HEADERS = Object.freeze({
  'content-type': 'application/json',
  'cache-control': 'no-store',
  pragma: 'no-cache',
});

const DROPPED: TokenReply = Object.freeze({ status: 0, headers: {}, body: '', dropped: true });

const FAULT_HEADERS = Object.freeze({ 'content-type': 'application/json' });

type TokenEvent = Writable<TokenExchangeEvent>;

/** What the token request said, as far as it could be read. */
interface TokenRequestFacts {
  parameters: FormParameters;
  basic: BasicCredentials | null | undefined;
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

async function applyFault(context: MockContext, fault: Fault): Promise<TokenReply | undefined> {
  switch (fault.kind) {
    case 'delay':
      // Held back by exchangeToken once the answer is ready (see there).
      return undefined;
    case 'drop_connection':
      return DROPPED;
    case 'token_response':
      // The body the fault was given, as given: not an error of the mock's own.
      return {
        status: fault.status ?? 503,
        headers: FAULT_HEADERS,
        body: JSON.stringify(fault.body ?? null),
      };
    case 'rate_limit':
      return errorReply(throttled(fault.retry_after ?? 1));
    case 'hub_unauthorized':
    case 'lifetime':
      // lifetime faults are taken only once the request gets a token (see handle).
      return undefined;
  }
}

async function handle(
  context: MockContext,
  request: TokenRequest,
  event: TokenEvent,
  held: { delayMs: number },
): Promise<TokenReply> {
  if (request.method !== 'POST') throw methodNotAllowed();
  let body: Buffer;
  try {
    body = await request.readBody(context.bodyLimitBytes);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw payloadTooLarge(error.limitBytes);
    throw invalidRequest();
  }
  let parameters: FormParameters;
  try {
    parameters = await parseFormBody(request.contentType, body);
  } catch (error) {
    if (error instanceof MalformedBodyError) throw invalidRequest();
    throw error;
  }
  const facts: TokenRequestFacts = {
    parameters,
    basic: parseBasicCredentials(request.authorization),
    credentialsInQuery: event.credentialsInQuery,
  };
  event.authMethod = authMethodOf(facts);
  event.clientId = claimedClientId(facts) ?? event.clientId;
  event.grantType = single(parameters, 'grant_type') ?? null;
  event.contentType = mediaType(request.contentType);

  // A lifetime fault waits for a request that gets a token (below): a refused one must not use it up.
  const fault = context.faults.take('token', event.clientId, (queued) => queued.kind !== 'lifetime');
  if (fault !== undefined) {
    event.fault = fault.kind;
    if (fault.kind === 'delay') held.delayMs = fault.delay_ms ?? 0;
    const faulted = await applyFault(context, fault);
    if (faulted !== undefined) return faulted;
  }

  const client = authenticate(context, facts);
  event.clientId = client.clientId;
  const lifetime = context.faults.take('token', client.clientId, (queued) => queued.kind === 'lifetime');
  if (lifetime !== undefined) event.fault = event.fault ?? lifetime.kind;
  const expiresIn = lifetime?.expires_in ?? client.expiresIn;
  const token = await context.issueToken(client.clientId, expiresIn);
  context.ledger.add(token);
  event.jtiIssued = token.jti;
  event.expiresIn = token.expiresIn;
  return {
    status: 200,
    headers: TOKEN_HEADERS,
    body: `{"access_token":"${token.accessToken}","token_type":"bearer","expires_in":${token.expiresIn}}`,
  };
}

/**
 * `POST /v2.0/oauth2/token`, VectorCare's client credentials token endpoint, whatever carries the request:
 * answers it, and records the exchange. Never throws; an unexpected failure is a logged 500 with no details.
 */
export async function exchangeToken(context: MockContext, request: TokenRequest): Promise<TokenReply> {
  const startedAtMs = context.clock.now();
  const query = request.query;
  const event: TokenEvent = {
    kind: 'token',
    seq: 0,
    requestId: context.nextRequestId(),
    atMs: startedAtMs,
    durationMs: 0,
    method: request.method,
    path: request.pathname,
    queryKeys: query.size === 0 ? [] : [...new Set(query.keys())],
    status: 0,
    // A client that puts its id in the URL is still named, so the contract kit can attribute the request.
    clientId: query.get('client_id'),
    grantType: null,
    jtiIssued: null,
    expiresIn: null,
    contentType: request.contentType,
    authMethod: null,
    credentialsInQuery: query.has('client_secret') || query.has('client_id'),
    error: null,
    fault: null,
  };
  const held = { delayMs: 0 };
  let reply: TokenReply;
  try {
    reply = await handle(context, request, event, held);
  } catch (error) {
    if (error instanceof OAuthError) {
      reply = errorReply(error);
      event.error = error.code;
    } else {
      reply = errorReply(serverError());
      console.error(
        'vectorcare-auth-mock: token endpoint failed:',
        error instanceof Error ? error.name : 'error',
      );
    }
  }
  // A delay fault holds the finished answer back, as a slow network would: the token was issued on arrival,
  // so it has aged by the delay when the client receives it.
  if (held.delayMs > 0) await context.sleep(held.delayMs);
  event.status = reply.status;
  context.recorder.keep(event, context.clock.now());
  return reply;
}
