import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createClock } from '../../mock-server/clock.js';
import { createMockServer, type MockServer } from '../../mock-server/create-mock-server.js';
import type { Recording } from '../../mock-server/control/recording-json.js';
import { assertMatchesSpec } from '../../test-support/openapi-validator.js';
import { VectorCareApiError, VectorCareAuthError } from '../errors.js';
import { createVectorCareClient, type VectorCareClient } from '../vectorcare-client.js';

const issuedAt = Date.UTC(2026, 0, 15, 14, 30);
const LIFETIME_S = 600;
const LIFETIME_MS = LIFETIME_S * 1000;

/** Over loopback against the real mock; the client reads the mock's clock, so moving one moves both. */
describe('the bundled client against the mock', () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await createMockServer({ port: 0, clock: createClock({ frozenAt: issuedAt }) });
  });
  afterAll(() => mock.close());
  beforeEach(() => mock.clock.freeze(issuedAt));

  function clientFor(clientSecret?: string): { client: VectorCareClient; clientId: string; secret: string } {
    const credentials = mock.control.createClient({ expiresIn: LIFETIME_S });
    const secret = clientSecret ?? credentials.clientSecret;
    const client = createVectorCareClient({
      clientId: credentials.clientId,
      clientSecret: secret,
      tokenUrl: mock.tokenUrl,
      apiUrl: mock.apiUrl,
      clock: mock.clock,
    });
    return { client, clientId: credentials.clientId, secret };
  }

  const stateNow = () =>
    ({ name: 'en_route', timestamp: new Date(mock.clock.now() - 1000).toISOString() }) as const;
  const recorded = (clientId: string, endpoint: Recording['endpoint']): Recording[] =>
    mock.control.recordings({ clientId }).filter((recording) => recording.endpoint === endpoint);

  it('makes one token request for 100 calls in the first 70% of the lifetime', async () => {
    const { client, clientId } = clientFor();
    const step = (0.7 * LIFETIME_MS) / 100;
    for (let i = 0; i < 100; i += 1) {
      mock.clock.freeze(issuedAt + i * step);
      const state = stateNow();
      const echoed = await client.updateState(`KP-${i}`, state);
      expect(echoed).toEqual(state);
      if (i === 0) assertMatchesSpec('POST', `/openapi/v2.0/requests/KP-0/state/`, 201, echoed);
    }
    const tokens = recorded(clientId, 'token');
    const calls = recorded(clientId, 'hub');
    expect(tokens).toHaveLength(1);
    expect(calls).toHaveLength(100);
    expect(calls.every((call) => call.status === 201 && call.token_check === 'valid')).toBe(true);
    expect(new Set(calls.map((call) => call.jti_presented))).toEqual(new Set([tokens[0]?.jti_issued]));
  });

  it('asks for a token the way VectorCare documents it', async () => {
    const { client, clientId } = clientFor();
    await client.getAccessToken();
    expect(recorded(clientId, 'token')).toEqual([
      expect.objectContaining({
        method: 'POST',
        status: 200,
        grant_type: 'client_credentials',
        auth_method: 'client_secret_post',
        content_type: 'application/x-www-form-urlencoded',
        credentials_in_query: false,
        query_keys: [],
        expires_in: LIFETIME_S,
      }),
    ]);
  });

  it('replaces the token on the first call at 80% of the lifetime, not before', async () => {
    const { client, clientId } = clientFor();
    await client.updateState('KP-1', stateNow());
    mock.clock.freeze(issuedAt + 0.8 * LIFETIME_MS - 1);
    await client.updateState('KP-1', stateNow());
    expect(recorded(clientId, 'token')).toHaveLength(1);

    mock.clock.freeze(issuedAt + 0.8 * LIFETIME_MS);
    await client.updateState('KP-1', stateNow());
    const tokens = recorded(clientId, 'token');
    expect(tokens).toHaveLength(2);
    expect(tokens[1]?.time_ms).toBe(issuedAt + 0.8 * LIFETIME_MS);
    expect(recorded(clientId, 'hub').at(-1)?.jti_presented).toBe(tokens[1]?.jti_issued);
  });

  it('50 concurrent calls on a cold client make one token request', async () => {
    const { client, clientId } = clientFor();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => client.accept(`KP-${i}`, { response_notes: `unit ${i}` })),
    );
    expect(results).toEqual(Array.from({ length: 50 }, (_, i) => ({ response_notes: `unit ${i}` })));
    expect(recorded(clientId, 'token')).toHaveLength(1);
    expect(recorded(clientId, 'hub')).toHaveLength(50);
  });

  it('a revoked token costs one token request and one retry of the same request', async () => {
    const { client, clientId } = clientFor();
    await client.updateState('KP-1', stateNow());
    mock.clock.freeze(issuedAt + 60_000);
    expect(mock.control.revokeClient(clientId)).toBe(1);
    const before = mock.control.recordings({ clientId }).at(-1)?.seq ?? 0;

    const change = { agreed_dt: '2026-01-15T18:00:00Z', change_reason: 'Traffic' };
    await expect(client.requestChange('KP-ABCD1234', change)).resolves.toEqual({});

    const after = mock.control.recordings({ clientId, sinceSeq: before });
    expect(after.map((r) => [r.endpoint, r.status, r.token_check ?? null])).toEqual([
      ['hub', 401, 'revoked'],
      ['token', 200, null],
      ['hub', 200, 'valid'],
    ]);
    const [refused, token, retried] = after;
    expect(retried?.method).toBe(refused?.method);
    expect(retried?.path).toBe(refused?.path);
    expect(retried?.request_body).toEqual(change);
    expect(refused?.request_body).toEqual(change);
    expect(retried?.jti_presented).toBe(token?.jti_issued);
  });

  it('when every token gets 401 it retries once and reports the 401', async () => {
    const { client, clientId } = clientFor();
    mock.control.addFault({ target: 'hub', kind: 'hub_unauthorized', client_id: clientId, count: 2 });
    const error: unknown = await client.decline('KP-1').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VectorCareApiError);
    expect(error).toMatchObject({ status: 401, code: 'members:authentication_failed' });
    expect(recorded(clientId, 'hub').map((call) => call.status)).toEqual([401, 401]);
    expect(recorded(clientId, 'token')).toHaveLength(2);
    mock.control.clearFaults();
  });

  it('a wrong secret makes one token request, no hub call, and an error without the secret', async () => {
    const wrongSecret = 'definitely-wrong-7c1e0a';
    const { client, clientId } = clientFor(wrongSecret);
    const error: unknown = await client.updateState('KP-1', stateNow()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VectorCareAuthError);
    expect(error).toMatchObject({
      status: 401,
      error: 'invalid_client',
      errorDescription: 'Client authentication failed.',
    });
    expect(JSON.stringify({ ...(error as object), stack: (error as Error).stack })).not.toContain(
      wrongSecret,
    );
    expect(recorded(clientId, 'token').map((r) => r.status)).toEqual([401]);
    expect(recorded(clientId, 'hub')).toHaveLength(0);
  });
});
