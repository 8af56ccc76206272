import { getRequestListener } from '@hono/node-server';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { exchangeRaw, rawRequest, withoutDate, type RawRequest } from '../../test-support/raw-http.js';
import { fetchToken } from '../../test-support/hub-calls.js';
import { createClock } from '../clock.js';
import { createMockServer, type MockServer } from '../create-mock-server.js';
import type { FaultRequest } from '../faults/fault-queue.js';
import { createApp } from '../hono/app.js';
import { DEFAULTS, HUB_BASE_PATH, TOKEN_PATH } from '../options.js';
import { isHubFastPath } from './hub-fast-path.js';
import { isTokenFastPath } from './token-fast-path.js';

/**
 * Every case through both transports: the `node:http` fast paths of a listening mock, and the Hono app alone
 * on @hono/node-server (as createMockServer serves whatever its fast paths do not take, and as in-process
 * `fetch` is served). Each must send the same bytes, the Date header aside, and record the same exchange.
 * A behaviour change belongs in the exchanges (docs/architecture.md); this table is what holds the two
 * transports to it.
 */

const now = Date.UTC(2026, 0, 15, 14, 30);
const STATE = `${HUB_BASE_PATH}/requests/KP-ABCD1234/state/`;
const CHANGE = `${HUB_BASE_PATH}/requests/KP-ABCD1234/change-request/`;
const ACCEPT = `${HUB_BASE_PATH}/requests/KP-ABCD1234/accept/`;
const VALID_STATE = JSON.stringify({ name: 'en_route', timestamp: '2026-01-15T14:29:00Z', password: 'x' });
const CLIENT_BODY = 'grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret';

type HeaderLine = readonly [string, string];

const raw = (request: RawRequest): string => rawRequest(request, STATE);

/** What the fast paths' tests look at of a request: its method, target and Host. */
const incomingLike = (method: string, url: string): IncomingMessage =>
  ({ method, url, headers: { host: '127.0.0.1' } }) as unknown as IncomingMessage;

const FORM: HeaderLine = ['Content-Type', 'application/x-www-form-urlencoded'];
const JSON_TYPE: HeaderLine = ['Content-Type', 'application/json'];
const basic = (id: string, secret: string): HeaderLine => [
  'Authorization',
  `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`,
];

interface ParityCase {
  readonly name: string;
  /** The request; `token` is a valid bearer token of the demo client, fetched before each case. */
  readonly request: (token: string) => RawRequest;
  /** What the fast path's answer must look like. */
  readonly expected: RegExp;
  /** A fault queued before each of the two requests. */
  readonly fault?: FaultRequest;
  /** What the recording must hold, beyond being the same on both. */
  readonly recorded?: Record<string, unknown>;
}

const bearer = (token: string): HeaderLine => ['Authorization', `Bearer ${token}`];
const tokenCase = (
  name: string,
  body: string,
  headers: readonly HeaderLine[],
  expected = /^HTTP\/1\.1 \d{3} /,
  fault?: FaultRequest,
): ParityCase => ({
  name: `token endpoint: ${name}`,
  request: () => ({ target: TOKEN_PATH, body, headers }),
  expected,
  ...(fault === undefined ? {} : { fault, recorded: { fault: fault.kind } }),
});
const hubCase = (
  name: string,
  request: (token: string) => RawRequest,
  expected: RegExp,
  fault?: FaultRequest,
): ParityCase => ({
  name: `hub: ${name}`,
  request,
  expected,
  ...(fault === undefined ? {} : { fault, recorded: { fault: fault.kind } }),
});

const CASES: readonly ParityCase[] = [
  tokenCase('a token', CLIENT_BODY, [FORM], /^HTTP\/1\.1 200 /),
  tokenCase(
    'a token for Basic credentials',
    'grant_type=client_credentials',
    [FORM, basic('demo-client', 'demo-secret')],
    /^HTTP\/1\.1 200 /,
  ),
  tokenCase(
    'invalid_client with WWW-Authenticate',
    'grant_type=client_credentials',
    [FORM, basic('demo-client', 'wrong')],
    /^HTTP\/1\.1 401 [^]*WWW-Authenticate: Basic realm="OAuth"/,
  ),
  tokenCase(
    'unsupported_grant_type',
    'grant_type=password&client_id=demo-client&client_secret=demo-secret',
    [FORM],
    /^HTTP\/1\.1 400 /,
  ),
  tokenCase(
    'invalid_request for a repeated parameter',
    'grant_type=client_credentials&grant_type=client_credentials',
    [FORM],
    /^HTTP\/1\.1 400 /,
  ),
  tokenCase('a 413 for a body over the limit', 'x'.repeat(70 * 1024), [FORM], /^HTTP\/1\.1 413 /),
  // Node keeps only the first of a repeated Authorization or Content-Type; the Web Headers join them all.
  tokenCase('a repeated Authorization header, the first one valid', 'grant_type=client_credentials', [
    FORM,
    basic('demo-client', 'demo-secret'),
    basic('demo-client', 'wrong'),
  ]),
  tokenCase('a repeated Content-Type header', CLIENT_BODY, [FORM, ['Content-Type', 'text/plain']]),
  tokenCase('the rate_limit fault', CLIENT_BODY, [FORM], /^HTTP\/1\.1 429 [^]*retry-after: 3/, {
    target: 'token',
    kind: 'rate_limit',
    retry_after: 3,
  }),
  tokenCase('the token_response fault', CLIENT_BODY, [FORM], /^HTTP\/1\.1 503 [^]*\{"error":"x"\}$/, {
    target: 'token',
    kind: 'token_response',
    status: 503,
    body: { error: 'x' },
  }),
  tokenCase('the delay fault', CLIENT_BODY, [FORM], /^HTTP\/1\.1 200 /, {
    target: 'token',
    kind: 'delay',
    delay_ms: 700,
  }),
  tokenCase('the drop_connection fault', CLIENT_BODY, [FORM], /^$/, {
    target: 'token',
    kind: 'drop_connection',
  }),

  hubCase(
    '201 for a valid state update',
    (token) => ({ body: VALID_STATE, headers: [JSON_TYPE, bearer(token)] }),
    /^HTTP\/1\.1 201 /,
  ),
  hubCase(
    '200 for a change request',
    (token) => ({
      target: CHANGE,
      body: JSON.stringify({ agreed_dt: '2026-01-16T10:00:00Z', change_reason: 'late' }),
      headers: [JSON_TYPE, bearer(token)],
    }),
    /^HTTP\/1\.1 200 /,
  ),
  hubCase(
    '201 for an accept (PUT) without a body',
    (token) => ({ method: 'PUT', target: ACCEPT, headers: [bearer(token)] }),
    /^HTTP\/1\.1 201 /,
  ),
  hubCase(
    '400 field errors',
    (token) => ({ body: JSON.stringify({ name: 'flying' }), headers: [JSON_TYPE, bearer(token)] }),
    /^HTTP\/1\.1 400 /,
  ),
  hubCase(
    '400 for malformed JSON',
    (token) => ({ body: '{"name":', headers: [JSON_TYPE, bearer(token)] }),
    /^HTTP\/1\.1 400 /,
  ),
  hubCase('401 without a token', () => ({ body: VALID_STATE, headers: [JSON_TYPE] }), /^HTTP\/1\.1 401 /),
  hubCase(
    '401 for a bad token',
    (token) => ({ body: VALID_STATE, headers: [JSON_TYPE, ['Authorization', `Bearer ${token}x`]] }),
    /^HTTP\/1\.1 401 /,
  ),
  hubCase(
    '401 for a repeated Authorization header, as the Web Headers join them',
    (token) => ({ body: VALID_STATE, headers: [JSON_TYPE, bearer(token), bearer(token)] }),
    /^HTTP\/1\.1 401 /,
  ),
  hubCase(
    '401 with Connection: close for a body over the limit without a token',
    () => ({ body: '{}', headers: [JSON_TYPE, ['Content-Length', String(2 * 1024 * 1024)]] }),
    /^HTTP\/1\.1 401 [^]*Connection: close/,
  ),
  hubCase(
    '405 with Allow',
    (token) => ({ method: 'PUT', body: VALID_STATE, headers: [JSON_TYPE, bearer(token)] }),
    /^HTTP\/1\.1 405 [^]*Allow: POST/,
  ),
  hubCase(
    '413 with Connection: close',
    (token) => ({
      body: '{}',
      headers: [JSON_TYPE, bearer(token), ['Content-Length', String(2 * 1024 * 1024)]],
    }),
    /^HTTP\/1\.1 413 [^]*Connection: close/,
  ),
  hubCase(
    '201 with the query recorded',
    (token) => ({
      target: `${STATE}?access_token=x&b=1&b=2`,
      body: VALID_STATE,
      headers: [JSON_TYPE, bearer(token)],
    }),
    /^HTTP\/1\.1 201 /,
  ),
  hubCase(
    'the hub_unauthorized fault',
    (token) => ({ body: VALID_STATE, headers: [JSON_TYPE, bearer(token)] }),
    /^HTTP\/1\.1 401 /,
    { target: 'hub', kind: 'hub_unauthorized' },
  ),
  hubCase(
    'the rate_limit fault',
    (token) => ({ body: VALID_STATE, headers: [JSON_TYPE, bearer(token)] }),
    /^HTTP\/1\.1 429 [^]*Retry-After: 7/,
    { target: 'hub', kind: 'rate_limit', retry_after: 7 },
  ),
  hubCase(
    'the delay fault',
    (token) => ({ body: VALID_STATE, headers: [JSON_TYPE, bearer(token)] }),
    /^HTTP\/1\.1 201 /,
    { target: 'hub', kind: 'delay', delay_ms: 1500 },
  ),
  {
    ...hubCase(
      'the drop_connection fault, recorded with status 0',
      (token) => ({ body: VALID_STATE, headers: [JSON_TYPE, bearer(token)] }),
      /^$/,
      { target: 'hub', kind: 'drop_connection' },
    ),
    recorded: { status: 0, fault: 'drop_connection' },
  },
];

/** The Hono app alone over HTTP, on the same shared state as the mock. */
async function startHonoOnly(mock: MockServer): Promise<Server> {
  const listener = getRequestListener(createApp(mock.context, mock.control).fetch, { hostname: '127.0.0.1' });
  const server = createServer({ keepAliveTimeout: DEFAULTS.keepAliveTimeoutMs }, (incoming, outgoing) => {
    void listener(incoming, outgoing);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

describe('the two transports answer and record alike', () => {
  let mock: MockServer;
  let hono: Server;
  let honoPort: number;
  let token: string;
  const sleeps: number[] = [];

  beforeAll(async () => {
    // Frozen time and a fixed jti make two tokens for the same client identical, RS256 being deterministic.
    mock = await createMockServer({
      port: 0,
      clock: createClock({ frozenAt: now }),
      randomId: () => '00000000-0000-4000-8000-000000000001',
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    });
    hono = await startHonoOnly(mock);
    honoPort = (hono.address() as AddressInfo).port;
  });
  afterAll(async () => {
    hono.closeAllConnections();
    await new Promise((resolve) => hono.close(resolve));
    await mock.close();
  });
  beforeEach(async () => {
    mock.control.reset();
    mock.clock.freeze(now);
    token = await fetchToken(mock, 'demo-client', 'demo-secret');
    sleeps.length = 0;
  });

  /** The same request through the fast path, then through the Hono app: both answers and recordings. */
  async function both(request: RawRequest, fault?: FaultRequest) {
    mock.recorder.clear();
    if (fault !== undefined) mock.control.addFault(fault);
    const fast = await exchangeRaw(mock.port, raw(request));
    if (fault !== undefined) mock.control.addFault(fault);
    const viaHono = await exchangeRaw(honoPort, raw(request));
    const [fastRecording, honoRecording, ...more] = mock.control.recordings();
    expect(more).toEqual([]);
    return { fast, viaHono, fastRecording, honoRecording };
  }

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, parity) => {
    const request = parity.request(token);
    const { method = 'POST', target = STATE } = request;
    const incoming = incomingLike(method, target);
    // Each case must really take a fast path, or it would compare the Hono app with itself.
    expect(isTokenFastPath(incoming) || isHubFastPath(incoming)).toBe(true);
    const { fast, viaHono, fastRecording, honoRecording } = await both(request, parity.fault);
    expect(fast).toMatch(parity.expected);
    expect(withoutDate(fast)).toBe(withoutDate(viaHono));
    expect(fastRecording).toBeDefined();
    expect({ ...fastRecording, seq: 0 }).toEqual({ ...honoRecording, seq: 0 });
    if (parity.recorded !== undefined) expect(fastRecording).toMatchObject(parity.recorded);
    if (parity.fault?.kind === 'delay')
      expect(sleeps).toEqual([parity.fault.delay_ms, parity.fault.delay_ms]);
  });

  it('records the query keys and credentials in the query alike', async () => {
    const { fastRecording } = await both({
      target: `${STATE}?access_token=x&b=1&b=2`,
      body: VALID_STATE,
      headers: [JSON_TYPE, bearer(token)],
    });
    expect(fastRecording).toMatchObject({
      query_keys: ['access_token', 'b'],
      credentials_in_query: true,
      request_body: { name: 'en_route', timestamp: '2026-01-15T14:29:00Z', password: '[redacted]' },
      token_check: 'valid',
      client_id: 'demo-client',
    });
  });
});
