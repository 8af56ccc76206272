// The README's "Use it from a test suite" example, kept here verbatim (but for the import path) so it
// cannot rot.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createMockServer, type MockServer } from '../index.js';

let mock: MockServer;
beforeAll(async () => {
  mock = await createMockServer({ port: 0 });
  mock.clock.freeze(Date.UTC(2026, 0, 15, 14, 30)); // token times, expiry and validation follow it
});
afterAll(() => mock.close());

it('refuses a token once it has expired', async () => {
  const client = mock.control.createClient({ expiresIn: 60 }); // isolated credentials for this test
  const tokenResponse = await fetch(mock.tokenUrl, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: client.clientId,
      client_secret: client.clientSecret,
    }),
  });
  const { access_token } = (await tokenResponse.json()) as { access_token: string };
  const call = () =>
    fetch(`${mock.apiUrl}/requests/KP-ABCD1234/state/`, {
      method: 'POST',
      headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'en_route', timestamp: new Date(mock.clock.now()).toISOString() }),
    });

  expect((await call()).status).toBe(201);
  mock.clock.advance(60_000);
  expect((await call()).status).toBe(401);

  const hubCalls = mock.control.recordings({ clientId: client.clientId }).filter((r) => r.endpoint === 'hub');
  expect(hubCalls.map((r) => r.token_check)).toEqual(['valid', 'expired']);
});
