import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClock, createMockServer, TOKEN_PATH, type MockServer } from '../index.js';
import { assertMatchesSpec } from '../../test-support/openapi-validator.js';
import { basicAuthorization, DEMO_FORM, OAUTH_ERROR_BODIES } from '../../test-support/token-requests.js';

// Late in a second, so that a claim truncated to whole seconds would show.
const issuedAt = Date.UTC(2026, 0, 15, 14, 30, 0, 875);
// jose reads its clock in whole seconds (floor), so a token whose fractional nbf is 14:30:00.875 verifies
// from 14:30:01 on; see docs/fidelity.md.
const verifiedAt = new Date(Date.UTC(2026, 0, 15, 14, 30, 1));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A client whose credentials need RFC 6749 §2.3.1 form-encoding to survive the Basic scheme. */
const AWKWARD = { clientId: 'acme dispatch+1', clientSecret: 'p@ss:w+rd %41 100%' } as const;

describe('POST /v2.0/oauth2/token issues tokens', () => {
  let mock: MockServer;
  const clock = createClock({ frozenAt: issuedAt });

  beforeAll(async () => {
    mock = await createMockServer({
      port: 0,
      clock,
      clients: [
        { clientId: 'demo-client', clientSecret: 'demo-secret' },
        { clientId: 'short-lived', clientSecret: 'short-secret', expiresIn: 90 },
        AWKWARD,
      ],
    });
  });
  afterAll(() => mock.close());

  async function getToken(
    form: Record<string, string> = DEMO_FORM,
  ): Promise<{ response: Response; body: Record<string, unknown> }> {
    const response = await fetch(mock.tokenUrl, { method: 'POST', body: new URLSearchParams(form) });
    const body = (await response.json()) as Record<string, unknown>;
    assertMatchesSpec('POST', TOKEN_PATH, response.status, body);
    return { response, body };
  }

  it('answers 200 with exactly access_token, token_type "bearer" and expires_in, in that order', async () => {
    const { response, body } = await getToken();
    expect(response.status).toBe(200);
    expect(body).toStrictEqual({
      access_token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      token_type: 'bearer',
      expires_in: 3600,
    });
    expect(Object.keys(body)).toEqual(['access_token', 'token_type', 'expires_in']);
  });

  it('is checked against openapi.yaml by a validator that fails on a wrong body', () => {
    expect(() =>
      assertMatchesSpec('POST', TOKEN_PATH, 200, { access_token: 'x', token_type: 'Bearer', expires_in: 1 }),
    ).toThrow(/does not match/);
    expect(() =>
      assertMatchesSpec('POST', TOKEN_PATH, 200, {
        access_token: 'x',
        token_type: 'bearer',
        expires_in: 1,
        scope: '',
      }),
    ).toThrow(/does not match/);
  });

  it('sends Content-Type application/json, Cache-Control no-store and Pragma no-cache (RFC 6749 §5.1)', async () => {
    const { response } = await getToken();
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('pragma')).toBe('no-cache');
    expect(response.headers.get('www-authenticate')).toBeNull();
  });

  it('issues an RS256 JWT that verifies with jose against the served JWKS, with exact claims', async () => {
    const { body } = await getToken();
    const token = body['access_token'] as string;
    const jwks = createRemoteJWKSet(new URL(mock.jwksUrl));
    const { payload, protectedHeader } = await jwtVerify(token, jwks, {
      issuer: mock.url,
      audience: 'demo-client',
      subject: 'demo-client',
      typ: 'JWT',
      algorithms: ['RS256'],
      currentDate: verifiedAt,
    });
    const served = (await (await fetch(mock.jwksUrl)).json()) as { keys: { kid: string }[] };
    expect(protectedHeader).toStrictEqual({ typ: 'JWT', alg: 'RS256', kid: served.keys[0]?.kid });
    expect(Object.keys(decodeProtectedHeader(token))).toEqual(['typ', 'alg', 'kid']);
    expect(payload).toStrictEqual({
      aud: 'demo-client',
      jti: expect.stringMatching(UUID),
      iat: issuedAt / 1000,
      nbf: issuedAt / 1000,
      exp: issuedAt / 1000 + 3600,
      sub: 'demo-client',
      scopes: [],
      iss: mock.url,
    });
    expect(Object.keys(payload)).toEqual(['aud', 'jti', 'iat', 'nbf', 'exp', 'sub', 'scopes', 'iss']);
    expect((payload.exp as number) - (payload.iat as number)).toBe(body['expires_in']);
  });

  it('keeps fractional NumericDates so a token issued late in a second is not cut short', async () => {
    const { body } = await getToken();
    const claims = JSON.parse(
      Buffer.from((body['access_token'] as string).split('.')[1] ?? '', 'base64url').toString('utf8'),
    ) as Record<string, number>;
    expect(claims['iat']).toBe(1768487400.875);
    expect(claims['exp']).toBe(1768491000.875);
  });

  it('stays valid for the full expires_in after issue and expires right after', async () => {
    const { body } = await getToken();
    const token = body['access_token'] as string;
    const jwks = createRemoteJWKSet(new URL(mock.jwksUrl));
    // Exactly expires_in after issue: a token with exp truncated to whole seconds would already be expired.
    await expect(
      jwtVerify(token, jwks, { currentDate: new Date(issuedAt + 3_600_000) }),
    ).resolves.toBeDefined();
    await expect(
      jwtVerify(token, jwks, { currentDate: new Date(issuedAt + 3_601_000) }),
    ).rejects.toMatchObject({
      code: 'ERR_JWT_EXPIRED',
    });
  });

  it('follows the injected clock: a token issued later carries the later times', async () => {
    clock.advance(61_500);
    try {
      const { body } = await getToken();
      const { payload } = await jwtVerify(
        body['access_token'] as string,
        createRemoteJWKSet(new URL(mock.jwksUrl)),
        { currentDate: new Date(Date.UTC(2026, 0, 15, 14, 31, 3)) },
      );
      expect(payload.iat).toBe((issuedAt + 61_500) / 1000);
      expect(payload.nbf).toBe(payload.iat);
      expect(payload.exp).toBe((issuedAt + 61_500) / 1000 + 3600);
    } finally {
      clock.freeze(issuedAt);
    }
  });

  it('gives every token its own jti', async () => {
    const tokens = await Promise.all(Array.from({ length: 20 }, () => getToken()));
    const jtis = tokens.map(({ body }) => {
      const claims = JSON.parse(
        Buffer.from((body['access_token'] as string).split('.')[1] ?? '', 'base64url').toString('utf8'),
      ) as { jti: string };
      return claims.jti;
    });
    expect(new Set(jtis).size).toBe(20);
  });

  it("uses the client's own expires_in in the body and in exp", async () => {
    const { response, body } = await getToken({
      client_id: 'short-lived',
      client_secret: 'short-secret',
      grant_type: 'client_credentials',
    });
    expect(response.status).toBe(200);
    expect(body['expires_in']).toBe(90);
    const { payload } = await jwtVerify(
      body['access_token'] as string,
      createRemoteJWKSet(new URL(mock.jwksUrl)),
      {
        audience: 'short-lived',
        currentDate: verifiedAt,
      },
    );
    expect((payload.exp as number) - (payload.iat as number)).toBe(90);
  });

  describe('HTTP Basic (RFC 6749 §2.3.1)', () => {
    it('accepts id and secret form-encoded before base64, as the RFC prescribes', async () => {
      const response = await request(mock.url)
        .post(TOKEN_PATH)
        .set('authorization', basicAuthorization(AWKWARD.clientId, AWKWARD.clientSecret, true))
        .type('form')
        .send({ grant_type: 'client_credentials' });
      expect(response.status).toBe(200);
      assertMatchesSpec('POST', TOKEN_PATH, 200, response.body);
      const { payload } = await jwtVerify(
        (response.body as { access_token: string }).access_token,
        createRemoteJWKSet(new URL(mock.jwksUrl)),
        { currentDate: verifiedAt },
      );
      expect(payload.sub).toBe(AWKWARD.clientId);
    });

    it('accepts id and secret sent as they are, without form-encoding, as authlib and others do', async () => {
      const response = await request(mock.url)
        .post(TOKEN_PATH)
        .set('authorization', basicAuthorization(AWKWARD.clientId, AWKWARD.clientSecret, false))
        .type('form')
        .send({ grant_type: 'client_credentials' });
      expect(response.status).toBe(200);
      assertMatchesSpec('POST', TOKEN_PATH, 200, response.body);
    });

    it('accepts a client_id in the body that repeats the Basic one', async () => {
      const response = await request(mock.url)
        .post(TOKEN_PATH)
        .set('authorization', basicAuthorization('demo-client', 'demo-secret'))
        .type('form')
        .send({ grant_type: 'client_credentials', client_id: 'demo-client' });
      expect(response.status).toBe(200);
    });

    it('treats an empty client_secret in the body as omitted (RFC 6749 §3.2), not as a second method', async () => {
      const response = await request(mock.url)
        .post(TOKEN_PATH)
        .set('authorization', basicAuthorization('demo-client', 'demo-secret'))
        .type('form')
        .send('grant_type=client_credentials&client_secret=&client_id=');
      expect(response.status).toBe(200);
    });

    it('refuses a client_id in the body that differs from the Basic one', async () => {
      const response = await request(mock.url)
        .post(TOKEN_PATH)
        .set('authorization', basicAuthorization('demo-client', 'demo-secret'))
        .type('form')
        .send({ grant_type: 'client_credentials', client_id: 'short-lived' });
      expect(response.status).toBe(401);
      expect(response.body).toStrictEqual(OAUTH_ERROR_BODIES.invalid_client);
      expect(response.headers['www-authenticate']).toBe('Basic realm="OAuth"');
    });
  });

  it('accepts multipart/form-data, which VectorCare\'s docs call "form-data"', async () => {
    const form = new FormData();
    for (const [name, value] of Object.entries(DEMO_FORM)) form.append(name, value);
    const response = await fetch(mock.tokenUrl, { method: 'POST', body: form });
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    assertMatchesSpec('POST', TOKEN_PATH, 200, body);
    expect(Object.keys(body)).toEqual(['access_token', 'token_type', 'expires_in']);
  });

  it('accepts a credential in multipart with Basic, too', async () => {
    const form = new FormData();
    form.append('grant_type', 'client_credentials');
    const response = await fetch(mock.tokenUrl, {
      method: 'POST',
      body: form,
      headers: { authorization: basicAuthorization(AWKWARD.clientId, AWKWARD.clientSecret) },
    });
    expect(response.status).toBe(200);
  });

  it('accepts a charset parameter and any case in the form content type', async () => {
    const response = await fetch(mock.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'Application/X-WWW-Form-URLEncoded; charset=UTF-8' },
      body: new URLSearchParams(DEMO_FORM).toString(),
    });
    expect(response.status).toBe(200);
  });
});
