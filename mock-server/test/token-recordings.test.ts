import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClock, createMockServer, type MockServer } from '../index.js';
import { basicAuthorization, DEMO_FORM, sendRaw } from '../../test-support/token-requests.js';

const receivedAt = Date.UTC(2026, 0, 15, 14, 30);
const SECRET = 'rec-secret-Zq81';
const FORM = 'application/x-www-form-urlencoded; charset=utf-8';

/** What the recorder keeps of each token request: the evidence the contract kit judges clients by. */
describe('token requests in the recorder', () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await createMockServer({
      port: 0,
      clock: createClock({ frozenAt: receivedAt }),
      clients: [{ clientId: 'acme', clientSecret: SECRET, expiresIn: 120 }],
    });
  });
  afterAll(() => mock.close());

  const form = (fields: Record<string, string>): string => new URLSearchParams(fields).toString();
  const acme = { client_id: 'acme', client_secret: SECRET, grant_type: 'client_credentials' };

  it('records each request with how the client authenticated, never the secret', async () => {
    const posted = await sendRaw(mock.tokenUrl, { headers: { 'content-type': FORM }, body: form(acme) });
    const basic = await sendRaw(mock.tokenUrl, {
      headers: { 'content-type': FORM, authorization: basicAuthorization('acme', SECRET) },
      body: form({ grant_type: 'client_credentials' }),
    });
    await sendRaw(mock.tokenUrl, {
      headers: { 'content-type': FORM, authorization: basicAuthorization('acme', SECRET) },
      body: form(acme),
    });
    await sendRaw(`${mock.tokenUrl}?client_secret=${SECRET}`, {
      headers: { 'content-type': FORM },
      body: form(acme),
    });
    await sendRaw(mock.tokenUrl, {
      headers: { 'content-type': FORM },
      body: form({ ...acme, client_secret: 'x' }),
    });
    await sendRaw(mock.tokenUrl, {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(acme),
    });

    const jtiOf = (text: string): unknown =>
      decodeJwt((JSON.parse(text) as { access_token: string }).access_token).jti;
    const recordings = mock.control.recordings({ clientId: 'acme' });
    expect(recordings.map((r) => [r.auth_method, r.status, r.error, r.credentials_in_query])).toEqual([
      ['client_secret_post', 200, null, false],
      ['client_secret_basic', 200, null, false],
      ['both', 400, 'invalid_request', false],
      ['client_secret_post', 400, 'invalid_request', true],
      ['client_secret_post', 401, 'invalid_client', false],
    ]);
    expect(recordings[0]).toMatchObject({
      endpoint: 'token',
      method: 'POST',
      path: '/v2.0/oauth2/token',
      time_ms: receivedAt,
      client_id: 'acme',
      grant_type: 'client_credentials',
      content_type: 'application/x-www-form-urlencoded',
      jti_issued: jtiOf(posted.text),
      expires_in: 120,
      request_body: null,
    });
    expect(recordings[1]?.jti_issued).toBe(jtiOf(basic.text));
    expect(recordings[3]?.query_keys).toEqual(['client_secret']);

    // The JSON body named no client the endpoint could read: recorded without one.
    const all = mock.control.recordings();
    expect(all.at(-1)).toMatchObject({
      client_id: null,
      content_type: 'application/json',
      auth_method: 'none',
    });

    expect(JSON.stringify(all)).not.toContain(SECRET);
    expect(JSON.stringify(mock.control.har())).not.toContain(SECRET);
  });

  it('records the demo-client style request of the README the same way', async () => {
    const before = mock.control.recordings().length;
    await sendRaw(mock.tokenUrl, { headers: { 'content-type': FORM }, body: form(DEMO_FORM) });
    const [last] = mock.control.recordings().slice(before);
    expect(last).toMatchObject({ status: 401, error: 'invalid_client', client_id: 'demo-client' });
  });
});
