import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { exchangeRaw, rawRequest, type RawRequest } from '../../test-support/raw-http.js';
import { fetchToken } from '../../test-support/hub-calls.js';
import { createClock } from '../clock.js';
import { createMockServer, type MockServer } from '../create-mock-server.js';
import { HUB_BASE_PATH } from '../options.js';
import { isHubFastPath } from './hub-fast-path.js';

// What both transports answer alike, case by case, is in transport-parity.test.ts.

const now = Date.UTC(2026, 0, 15, 14, 30);
const STATE = `${HUB_BASE_PATH}/requests/KP-ABCD1234/state/`;

const raw = (request: RawRequest): string => rawRequest(request, STATE);

/** What the fast path's test looks at of a request: its method, target and Host. */
const incomingLike = (method: string, url: string, host = '127.0.0.1'): IncomingMessage =>
  ({ method, url, headers: { host } }) as unknown as IncomingMessage;

describe('the hub fast path', () => {
  let mock: MockServer;
  let token: string;

  beforeAll(async () => {
    mock = await createMockServer({ port: 0, clock: createClock({ frozenAt: now }) });
  });
  afterAll(() => mock.close());
  beforeEach(async () => {
    mock.control.reset();
    mock.clock.freeze(now);
    token = await fetchToken(mock, 'demo-client', 'demo-secret');
  });

  const bearer = (): [string, string] => ['Authorization', `Bearer ${token}`];
  const json: [string, string] = ['Content-Type', 'application/json'];

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
