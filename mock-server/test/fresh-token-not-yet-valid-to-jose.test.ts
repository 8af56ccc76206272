import { createLocalJWKSet, decodeJwt, jwtVerify, type JSONWebKeySet } from 'jose';
import { describe, expect, it } from 'vitest';
import { createClock, createMockServer, DEMO_CLIENT } from '../index.js';

// Regression: nbf was the fractional issue time, and jose compares nbf with the current time floored to
// whole seconds, so a token verified in the second it was issued failed with "nbf claim timestamp check
// failed" (jsonwebtoken and Authlib floor the same way).
describe('a token verified in the second it was issued', () => {
  const issuedAt = Date.UTC(2026, 0, 15, 14, 30, 0, 900);

  it('is valid to jose at once, and still lives its full expires_in', async () => {
    const mock = await createMockServer({ listen: false, clock: createClock({ frozenAt: issuedAt }) });
    const response = await mock.fetch(
      new Request(mock.tokenUrl, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: DEMO_CLIENT.clientId,
          client_secret: DEMO_CLIENT.clientSecret,
        }),
      }),
    );
    const { access_token: token, expires_in: expiresIn } = (await response.json()) as {
      access_token: string;
      expires_in: number;
    };
    const jwks = (await (await mock.fetch(new Request(mock.jwksUrl))).json()) as JSONWebKeySet;

    const { payload } = await jwtVerify(token, createLocalJWKSet(jwks), { currentDate: new Date(issuedAt) });
    expect(payload.nbf).toBe(Math.floor(issuedAt / 1000));
    expect(payload.nbf).toBeLessThanOrEqual(issuedAt / 1000);

    const claims = decodeJwt(token);
    expect(claims.iat).toBe(issuedAt / 1000);
    expect(claims.exp).toBe(issuedAt / 1000 + expiresIn);
  });
});
