import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockServer, type MockServer } from '../index.js';
import { assertMatchesSpec } from '../../test-support/openapi-validator.js';

describe('token endpoint smoke', () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await createMockServer({ port: 0 });
  });
  afterAll(() => mock.close());

  it('issues a token to the demo client over loopback', async () => {
    const response = await fetch(mock.tokenUrl, {
      method: 'POST',
      body: new URLSearchParams({
        client_id: 'demo-client',
        client_secret: 'demo-secret',
        grant_type: 'client_credentials',
      }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    assertMatchesSpec('POST', '/v2.0/oauth2/token', 200, body);
    expect(Object.keys(body)).toEqual(['access_token', 'token_type', 'expires_in']);
  });

  it('a body that does not match the spec fails the validator', () => {
    expect(() =>
      assertMatchesSpec('POST', '/v2.0/oauth2/token', 200, { access_token: 'x', token_type: 'Bearer' }),
    ).toThrow(/does not match/);
  });
});
