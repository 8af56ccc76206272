import { describe, expect, it } from 'vitest';
import { createClock, createMockServer, DEMO_CLIENT } from '../index.js';
import { MAX_JSON_DEPTH } from '../http/json-depth.js';

// Regression: a hub body nested a few thousand levels deep (6 KB of "[") overflowed the stack while the
// recorder redacted it (and JSON.stringify while echoing it in a choice error), and the hub answered 500.
describe('a deeply nested JSON body on the hub', () => {
  const now = Date.UTC(2026, 0, 15, 14, 30);

  it('gets 400 api:bad_request beyond the depth limit, and the mock keeps recording and serving', async () => {
    const mock = await createMockServer({ listen: false, clock: createClock({ frozenAt: now }) });
    const tokenResponse = await mock.fetch(
      new Request(mock.tokenUrl, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: DEMO_CLIENT.clientId,
          client_secret: DEMO_CLIENT.clientSecret,
        }),
      }),
    );
    const { access_token: token } = (await tokenResponse.json()) as { access_token: string };
    const call = (body: string): Promise<Response> =>
      mock.fetch(
        new Request(`${mock.apiUrl}/requests/KP-ABCD1234/state/`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body,
        }),
      );

    for (const depth of [5_000, 30_000]) {
      const nested = await call(`{"name":${'['.repeat(depth)}${']'.repeat(depth)}}`);
      expect(nested.status).toBe(400);
      expect(await nested.json()).toEqual({ message: 'Bad request.', code: 'api:bad_request' });
    }
    // At the limit the body is read as usual: the field error echoes the value.
    const atLimit = await call(`{"name":${'['.repeat(MAX_JSON_DEPTH - 1)}${']'.repeat(MAX_JSON_DEPTH - 1)}}`);
    expect(atLimit.status).toBe(400);
    expect(JSON.stringify(await atLimit.json())).toContain('common:choice_invalid');
    expect(mock.recorder.list().map((recording) => recording.status)).toEqual([200, 400, 400, 400]);
  });
});
