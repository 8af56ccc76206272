import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMockServer, TOKEN_PATH, type MockServer } from '../index.js';
import { assertMatchesSpec } from '../../test-support/openapi-validator.js';
import { DEMO_FORM, sendRaw } from '../../test-support/token-requests.js';

/** Token-endpoint faults queued through the control operations (the HTTP control API calls the same). */
describe('token endpoint faults', () => {
  let mock: MockServer;
  const slept: number[] = [];

  beforeAll(async () => {
    mock = await createMockServer({
      port: 0,
      clients: [
        { clientId: 'demo-client', clientSecret: 'demo-secret' },
        { clientId: 'other', clientSecret: 'other-secret' },
      ],
      // Delay faults wait through this, so the test needs no real sleep.
      sleep: async (ms) => {
        slept.push(ms);
      },
    });
  });
  beforeEach(() => {
    mock.control.clearFaults();
    slept.length = 0;
  });
  afterAll(() => mock.close());

  const getToken = (form: Record<string, string> = DEMO_FORM) =>
    sendRaw(mock.tokenUrl, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });

  it('token_response answers with the status and body asked for, for the next count requests only', async () => {
    mock.control.addFault({
      target: 'token',
      kind: 'token_response',
      status: 503,
      body: { down: true },
      count: 2,
    });
    for (let i = 0; i < 2; i += 1) {
      const response = await getToken();
      expect({ status: response.status, body: JSON.parse(response.text) as unknown }).toStrictEqual({
        status: 503,
        body: { down: true },
      });
      expect(response.headers['content-type']).toBe('application/json');
    }
    expect((await getToken()).status).toBe(200);
  });

  it('rate_limit answers 429 with Retry-After and an OAuth error body', async () => {
    mock.control.addFault({ target: 'token', kind: 'rate_limit', retry_after: 7 });
    const response = await getToken();
    expect(response.status).toBe(429);
    expect(response.headers['retry-after']).toBe('7');
    const body = JSON.parse(response.text) as unknown;
    expect(body).toStrictEqual({
      error_description: 'Request was throttled.',
      error: 'temporarily_unavailable',
    });
    assertMatchesSpec('POST', TOKEN_PATH, 429, body);
  });

  it('lifetime issues the next count tokens with its expires_in, then the client lifetime again', async () => {
    mock.control.addFault({ target: 'token', kind: 'lifetime', expires_in: 7200, count: 1 });
    const lifetimes: number[] = [];
    for (let i = 0; i < 2; i += 1) {
      const response = await getToken();
      expect(response.status).toBe(200);
      const body = JSON.parse(response.text) as { access_token: string; expires_in: number };
      const claims = JSON.parse(
        Buffer.from(body.access_token.split('.')[1] ?? '', 'base64url').toString(),
      ) as {
        iat: number;
        exp: number;
      };
      expect(claims.exp - claims.iat).toBe(body.expires_in);
      lifetimes.push(body.expires_in);
    }
    expect(lifetimes).toEqual([7200, 3600]);
    expect(mock.recorder.list().slice(-2)).toMatchObject([
      { fault: 'lifetime', expiresIn: 7200 },
      { fault: null, expiresIn: 3600 },
    ]);
  });

  it('a lifetime fault waits for a request that gets a token: a refused one does not use it up', async () => {
    mock.control.addFault({ target: 'token', kind: 'lifetime', expires_in: 60 });
    expect((await getToken({ ...DEMO_FORM, client_secret: 'wrong' })).status).toBe(401);
    const response = await getToken();
    expect((JSON.parse(response.text) as { expires_in: number }).expires_in).toBe(60);
  });

  it('delay answers normally after waiting delay_ms', async () => {
    mock.control.addFault({ target: 'token', kind: 'delay', delay_ms: 1500 });
    const response = await getToken();
    expect(response.status).toBe(200);
    expect(slept).toEqual([1500]);
  });

  it('delay holds back a token issued on arrival, so it has aged by delay_ms when the client gets it', async () => {
    const arrivedAt = Date.UTC(2026, 0, 15, 14, 30);
    mock.clock.freeze(arrivedAt);
    // The held answer waits on the mock's clock, as in a virtual-time certification run.
    const delayed = await createMockServer({
      port: 0,
      clock: mock.clock,
      sleep: async (ms) => mock.clock.advance(ms),
    });
    try {
      delayed.control.addFault({ target: 'token', kind: 'delay', delay_ms: 2000 });
      const response = await sendRaw(delayed.tokenUrl, {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(DEMO_FORM).toString(),
      });
      expect(response.status).toBe(200);
      const { access_token: token } = JSON.parse(response.text) as { access_token: string };
      const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as {
        iat: number;
        exp: number;
      };
      expect(claims.iat).toBe(arrivedAt / 1000);
      expect(claims.exp).toBe(arrivedAt / 1000 + 3600);
      expect(mock.clock.now()).toBe(arrivedAt + 2000);
      expect(delayed.control.recordings().at(-1)).toMatchObject({ fault: 'delay', duration_ms: 2000 });
    } finally {
      mock.clock.useReal();
      await delayed.close();
    }
  });

  it('drop_connection closes the socket without an answer', async () => {
    mock.control.addFault({ target: 'token', kind: 'drop_connection' });
    await expect(getToken()).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect((await getToken()).status).toBe(200);
  });

  it('a fault scoped to a client leaves other clients alone', async () => {
    mock.control.addFault({
      target: 'token',
      kind: 'token_response',
      status: 500,
      body: null,
      client_id: 'other',
    });
    expect((await getToken()).status).toBe(200);
    const other = await getToken({
      client_id: 'other',
      client_secret: 'other-secret',
      grant_type: 'client_credentials',
    });
    expect(other.status).toBe(500);
  });

  it('a hub fault does not touch the token endpoint', async () => {
    mock.control.addFault({ target: 'hub', kind: 'rate_limit' });
    expect((await getToken()).status).toBe(200);
    expect(mock.control.listFaults()).toHaveLength(1);
  });
});
