import { getRequestListener } from '@hono/node-server';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { exchangeRaw, withoutDate } from '../../test-support/raw-http.js';
import { fetchToken } from '../../test-support/hub-calls.js';
import { createApp } from '../app.js';
import { createClock } from '../clock.js';
import { createMockServer, type MockServer } from '../create-mock-server.js';
import type { FaultRequest } from '../faults/fault-queue.js';
import { DEFAULTS, HUB_BASE_PATH } from '../options.js';
import { isHubFastPath } from './hub-fast-path.js';

const now = Date.UTC(2026, 0, 15, 14, 30);
const STATE = `${HUB_BASE_PATH}/requests/KP-ABCD1234/state/`;
const CHANGE = `${HUB_BASE_PATH}/requests/KP-ABCD1234/change-request/`;
const ACCEPT = `${HUB_BASE_PATH}/requests/KP-ABCD1234/accept/`;
const VALID_STATE = JSON.stringify({ name: 'en_route', timestamp: '2026-01-15T14:29:00Z', password: 'x' });

interface RawRequest {
  readonly method?: string;
  readonly target?: string;
  readonly body?: string;
  /** Header lines as sent, so a header may be repeated; Content-Length is added unless given. */
  readonly headers?: readonly [string, string][];
}

function raw({ method = 'POST', target = STATE, body = '', headers = [] }: RawRequest): string {
  const lines = [`${method} ${target} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close'];
  if (!headers.some(([name]) => name.toLowerCase() === 'content-length'))
    lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
  for (const [name, value] of headers) lines.push(`${name}: ${value}`);
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

/** What the fast path's test looks at of a request: its method, target and Host. */
const incomingLike = (method: string, url: string, host = '127.0.0.1'): IncomingMessage =>
  ({ method, url, headers: { host } }) as unknown as IncomingMessage;

/** The Hono route alone over HTTP, as createMockServer serves everything its fast paths do not take. */
async function startHonoOnly(mock: MockServer): Promise<Server> {
  const listener = getRequestListener(createApp(mock.context, mock.control).fetch, { hostname: '127.0.0.1' });
  const server = createServer({ keepAliveTimeout: DEFAULTS.keepAliveTimeoutMs }, (incoming, outgoing) => {
    void listener(incoming, outgoing);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

describe('the hub fast path', () => {
  let mock: MockServer;
  let hono: Server;
  let honoPort: number;
  let token: string;
  const sleeps: number[] = [];

  beforeAll(async () => {
    mock = await createMockServer({
      port: 0,
      clock: createClock({ frozenAt: now }),
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
  });

  const bearer = (): [string, string] => ['Authorization', `Bearer ${token}`];
  const json: [string, string] = ['Content-Type', 'application/json'];

  /** The same request through the fast path, then through the Hono route: both answers and recordings. */
  async function both(request: () => RawRequest, fault?: FaultRequest) {
    mock.recorder.clear();
    if (fault !== undefined) mock.control.addFault(fault);
    const fast = await exchangeRaw(mock.port, raw(request()));
    if (fault !== undefined) mock.control.addFault(fault);
    const viaHono = await exchangeRaw(honoPort, raw(request()));
    const [fastRecording, honoRecording] = mock.recorder.list();
    return { fast, viaHono, fastRecording, honoRecording };
  }

  const cases: [string, () => RawRequest, RegExp][] = [
    [
      '201 for a valid state update',
      () => ({ body: VALID_STATE, headers: [json, bearer()] }),
      /^HTTP\/1\.1 201 /,
    ],
    [
      '200 for a change request',
      () => ({
        target: CHANGE,
        body: JSON.stringify({ agreed_dt: '2026-01-16T10:00:00Z', change_reason: 'late' }),
        headers: [json, bearer()],
      }),
      /^HTTP\/1\.1 200 /,
    ],
    [
      '201 for an accept (PUT) without a body',
      () => ({ method: 'PUT', target: ACCEPT, headers: [bearer()] }),
      /^HTTP\/1\.1 201 /,
    ],
    [
      '400 field errors',
      () => ({ body: JSON.stringify({ name: 'flying' }), headers: [json, bearer()] }),
      /^HTTP\/1\.1 400 /,
    ],
    ['400 for malformed JSON', () => ({ body: '{"name":', headers: [json, bearer()] }), /^HTTP\/1\.1 400 /],
    ['401 without a token', () => ({ body: VALID_STATE, headers: [json] }), /^HTTP\/1\.1 401 /],
    [
      '401 for a bad token',
      () => ({ body: VALID_STATE, headers: [json, ['Authorization', `Bearer ${token}x`]] }),
      /^HTTP\/1\.1 401 /,
    ],
    [
      '401 for a repeated Authorization header, as the Web Headers join them',
      () => ({ body: VALID_STATE, headers: [json, bearer(), bearer()] }),
      /^HTTP\/1\.1 401 /,
    ],
    [
      '401 with Connection: close for a body over the limit without a token',
      () => ({ body: '{}', headers: [json, ['Content-Length', String(2 * 1024 * 1024)]] }),
      /^HTTP\/1\.1 401 [^]*Connection: close/,
    ],
    [
      '405 with Allow',
      () => ({ method: 'PUT', body: VALID_STATE, headers: [json, bearer()] }),
      /^HTTP\/1\.1 405 [^]*Allow: POST/,
    ],
    [
      '413 with Connection: close',
      () => ({ body: '{}', headers: [json, bearer(), ['Content-Length', String(2 * 1024 * 1024)]] }),
      /^HTTP\/1\.1 413 [^]*Connection: close/,
    ],
    [
      '201 with the query recorded',
      () => ({ target: `${STATE}?access_token=x&b=1&b=2`, body: VALID_STATE, headers: [json, bearer()] }),
      /^HTTP\/1\.1 201 /,
    ],
  ];

  it.each(cases)('sends the same bytes and records the same: %s', async (_name, request, expected) => {
    const { method = 'POST', target = STATE } = request();
    expect(isHubFastPath(incomingLike(method, target))).toBe(true);
    const { fast, viaHono, fastRecording, honoRecording } = await both(request);
    expect(fast).toMatch(expected);
    expect(withoutDate(fast)).toBe(withoutDate(viaHono));
    expect(fastRecording).toBeDefined();
    expect({ ...fastRecording, seq: 0 }).toEqual({ ...honoRecording, seq: 0 });
  });

  it('records the query keys and credentials in the query alike', async () => {
    const { fastRecording } = await both(() => ({
      target: `${STATE}?access_token=x&b=1&b=2`,
      body: VALID_STATE,
      headers: [json, bearer()],
    }));
    expect(fastRecording).toMatchObject({
      query_keys: ['access_token', 'b'],
      credentials_in_query: true,
      request_body: { name: 'en_route', timestamp: '2026-01-15T14:29:00Z', password: '[redacted]' },
      token_check: 'valid',
      client_id: 'demo-client',
    });
  });

  const faults: [string, FaultRequest, RegExp][] = [
    ['hub_unauthorized', { target: 'hub', kind: 'hub_unauthorized' }, /^HTTP\/1\.1 401 /],
    [
      'rate_limit',
      { target: 'hub', kind: 'rate_limit', retry_after: 7 },
      /^HTTP\/1\.1 429 [^]*Retry-After: 7/,
    ],
    ['delay', { target: 'hub', kind: 'delay', delay_ms: 1500 }, /^HTTP\/1\.1 201 /],
  ];

  it.each(faults)('applies the %s fault alike', async (_name, fault, expected) => {
    sleeps.length = 0;
    const { fast, viaHono, fastRecording, honoRecording } = await both(
      () => ({ body: VALID_STATE, headers: [json, bearer()] }),
      fault,
    );
    expect(fast).toMatch(expected);
    expect(withoutDate(fast)).toBe(withoutDate(viaHono));
    expect(fastRecording?.fault).toBe(fault.kind);
    expect({ ...fastRecording, seq: 0 }).toEqual({ ...honoRecording, seq: 0 });
    if (fault.kind === 'delay') expect(sleeps).toEqual([1500, 1500]);
  });

  it('drops the connection alike, recorded with status 0', async () => {
    const { fast, viaHono, fastRecording, honoRecording } = await both(
      () => ({ body: VALID_STATE, headers: [json, bearer()] }),
      { target: 'hub', kind: 'drop_connection' },
    );
    expect(fast).toBe('');
    expect(viaHono).toBe('');
    expect(fastRecording).toMatchObject({ status: 0, fault: 'drop_connection' });
    expect({ ...fastRecording, seq: 0 }).toEqual({ ...honoRecording, seq: 0 });
  });

  it('leaves unknown paths, other methods and unusual targets or hosts to the Hono route', () => {
    const request = incomingLike;
    expect(isHubFastPath(request('POST', STATE))).toBe(true);
    expect(isHubFastPath(request('POST', `${HUB_BASE_PATH}/requests/KP-1/unknown/`))).toBe(false);
    expect(isHubFastPath(request('POST', STATE.slice(0, -1)))).toBe(false);
    expect(isHubFastPath(request('GET', STATE))).toBe(false);
    expect(isHubFastPath(request('POST', `${HUB_BASE_PATH}/requests/x/../KP-1/state/`))).toBe(false);
    expect(isHubFastPath(request('POST', `${HUB_BASE_PATH}/requests/KP%2D1/state/`))).toBe(false);
    expect(isHubFastPath(request('POST', `${STATE}#fragment`))).toBe(false);
    expect(isHubFastPath(request('POST', `http://127.0.0.1${STATE}`))).toBe(false);
    expect(isHubFastPath(request('POST', STATE, '127.0.0.1:60500'))).toBe(true);
    expect(isHubFastPath(request('POST', STATE, '999.0.0.1:60500'))).toBe(false);
    expect(isHubFastPath(request('POST', STATE, '[::1]:4010'))).toBe(false);
  });

  it('answers an unknown hub path 404 through the Hono route, as before', async () => {
    const answer = await exchangeRaw(
      mock.port,
      raw({ target: `${HUB_BASE_PATH}/requests/KP-1/unknown/`, body: '{}', headers: [json, bearer()] }),
    );
    expect(answer).toMatch(/^HTTP\/1\.1 404 /);
    expect(answer).toContain('{"message":"Not found.","code":"api:not_found"}');
  });
});
