import { jwtVerify, createLocalJWKSet, type JSONWebKeySet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClock, createMockServer, type MockServer } from '../index.js';
import { assertMatchesSpec } from '../../test-support/openapi-validator.js';
import { DEMO_FORM, OAUTH_ERROR_BODIES } from '../../test-support/token-requests.js';

const issuedAt = Date.UTC(2026, 0, 15, 14, 30);

/** `createMockServer({ listen: false })`: the same app through `mock.fetch`, with no socket. */
describe('the token endpoint in-process, without a listening port', () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await createMockServer({ listen: false, clock: createClock({ frozenAt: issuedAt }) });
  });
  afterAll(() => mock.close());

  const post = (body: BodyInit, headers: Record<string, string> = {}) =>
    mock.fetch(new Request(mock.tokenUrl, { method: 'POST', body, headers }));

  it('issues a token that verifies against the JWKS', async () => {
    const response = await post(new URLSearchParams(DEMO_FORM));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as { access_token: string };
    assertMatchesSpec('POST', '/v2.0/oauth2/token', 200, body);
    const jwks = (await (await mock.fetch(new Request(mock.jwksUrl))).json()) as JSONWebKeySet;
    const { payload } = await jwtVerify(body.access_token, createLocalJWKSet(jwks), {
      currentDate: new Date(issuedAt),
    });
    expect(payload.iat).toBe(issuedAt / 1000);
  });

  it('refuses a streamed body over 64 KiB with 413', async () => {
    const chunk = new TextEncoder().encode('a'.repeat(16 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 1;
        if (sent > 64) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const response = await mock.fetch(
      new Request(mock.tokenUrl, {
        method: 'POST',
        body: stream,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        duplex: 'half',
      } as RequestInit),
    );
    expect(response.status).toBe(413);
    // It stopped pulling soon after the limit: 64 KiB is 4 chunks, not the 64 on offer.
    expect(sent).toBeLessThan(10);
  });

  it('answers invalid_client with the exact body', async () => {
    const response = await post(new URLSearchParams({ ...DEMO_FORM, client_secret: 'nope' }));
    expect(response.status).toBe(401);
    expect(await response.json()).toStrictEqual(OAUTH_ERROR_BODIES.invalid_client);
  });
});
