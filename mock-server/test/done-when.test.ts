import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callControl } from '../../test-support/control-calls.js';
import { callHub, fetchToken } from '../../test-support/hub-calls.js';
import { createMockServer, type MockServer } from '../index.js';

const AUTH_FAILED = { message: 'Authentication failed.', code: 'members:authentication_failed' };

/** Issue 3's acceptance scenario, over loopback HTTP only (hub and control API), on the real clock. */
describe('hub, revocation, clock and recordings end to end', () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await createMockServer({ port: 0 });
  });
  afterAll(() => mock.close());

  it('201 with a demo token, 401 once revoked, 401 past exp, and every call recorded with its jti', async () => {
    const control = (method: string, path: string, body?: unknown) =>
      callControl(mock.url, method, `/__control${path}`, body === undefined ? {} : { body });
    const path = '/requests/KP-ABCD1234/state/';
    const body = () => ({ name: 'en_route', timestamp: new Date(Date.now() - 1000).toISOString() });

    const revokedToken = await fetchToken(mock, 'demo-client', 'demo-secret');
    expect((await callHub(mock, 'POST', path, { token: revokedToken, body: body() })).status).toBe(201);

    expect(await control('POST', '/tokens/revoke', { client_id: 'demo-client' })).toMatchObject({
      status: 200,
      body: { revoked: 1 },
    });
    expect(await callHub(mock, 'POST', path, { token: revokedToken, body: body() })).toMatchObject({
      status: 401,
      body: AUTH_FAILED,
    });

    const freshToken = await fetchToken(mock, 'demo-client', 'demo-secret');
    expect((await callHub(mock, 'POST', path, { token: freshToken, body: body() })).status).toBe(201);
    expect((await control('POST', '/clock', { advance_ms: 3_600_000 })).status).toBe(200);
    expect(await callHub(mock, 'POST', path, { token: freshToken, body: body() })).toMatchObject({
      status: 401,
      body: AUTH_FAILED,
    });

    const { recordings } = (await control('GET', '/recordings?client_id=demo-client')).body as {
      recordings: {
        endpoint: string;
        status: number;
        jti_issued: string | null;
        jti_presented: string | null;
        token_check: string | null;
      }[];
    };
    const [firstIssue, secondIssue] = recordings
      .filter((r) => r.endpoint === 'token')
      .map((r) => r.jti_issued);
    expect(recordings.filter((r) => r.endpoint === 'hub')).toEqual([
      expect.objectContaining({ status: 201, jti_presented: firstIssue, token_check: 'valid' }),
      expect.objectContaining({ status: 401, jti_presented: firstIssue, token_check: 'revoked' }),
      expect.objectContaining({ status: 201, jti_presented: secondIssue, token_check: 'valid' }),
      expect.objectContaining({ status: 401, jti_presented: secondIssue, token_check: 'expired' }),
    ]);
    expect(firstIssue).not.toBe(secondIssue);
  });
});
