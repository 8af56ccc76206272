import { describe, expect, it } from 'vitest';
import { VectorCareAuthError } from './errors.js';
import { createRedactor } from './secret-redaction.js';
import { CLIENT_SECRET, json } from './test-support/fake-vectorcare.js';
import { parseTokenResponse } from './token-response.js';

const redact = createRedactor([CLIENT_SECRET]);
const TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.payload.signature';

async function authErrorOf(response: Response): Promise<VectorCareAuthError> {
  const error: unknown = await parseTokenResponse(response, redact).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(VectorCareAuthError);
  return error as VectorCareAuthError;
}

describe('parseTokenResponse', () => {
  it('reads a VectorCare token response into a lifetime in milliseconds', async () => {
    const token = await parseTokenResponse(
      json(200, { access_token: TOKEN, token_type: 'bearer', expires_in: 3600 }),
      redact,
    );
    expect(token).toEqual({ accessToken: TOKEN, lifetimeMs: 3_600_000 });
  });

  it.each(['Bearer', 'BEARER', 'bEaReR'])(
    'accepts token_type %s (RFC 6749 §5.1: case-insensitive)',
    async (type) => {
      const token = await parseTokenResponse(
        json(200, { access_token: TOKEN, token_type: type, expires_in: 60 }),
        redact,
      );
      expect(token.accessToken).toBe(TOKEN);
    },
  );

  it.each([
    ['missing', undefined],
    ['zero', 0],
    ['negative', -30],
    ['a string', '3600'],
    ['null', null],
    ['a boolean', true],
    ['an object', { seconds: 3600 }],
  ])('expires_in %s: a token with no lifetime (single use)', async (_label, expiresIn) => {
    const body: Record<string, unknown> = { access_token: TOKEN, token_type: 'bearer' };
    if (expiresIn !== undefined) body['expires_in'] = expiresIn;
    const token = await parseTokenResponse(json(200, body), redact);
    expect(token).toEqual({ accessToken: TOKEN, lifetimeMs: undefined });
  });

  it('keeps a fractional expires_in', async () => {
    const token = await parseTokenResponse(
      json(200, { access_token: TOKEN, token_type: 'bearer', expires_in: 1.5 }),
      redact,
    );
    expect(token.lifetimeMs).toBe(1500);
  });

  it.each([
    ['not JSON (the token as plain text)', new Response(TOKEN, { status: 200 })],
    ['an empty body', new Response('', { status: 200 })],
    ['HTML', new Response('<html><body>Welcome</body></html>', { status: 200 })],
    ['a JSON array', json(200, [{ access_token: TOKEN, token_type: 'bearer', expires_in: 60 }])],
    ['JSON null', json(200, null)],
    ['a JSON string', json(200, TOKEN)],
    ['no access_token', json(200, { token_type: 'bearer', expires_in: 3600 })],
    ['an empty access_token', json(200, { access_token: '', token_type: 'bearer', expires_in: 3600 })],
    ['a numeric access_token', json(200, { access_token: 42, token_type: 'bearer', expires_in: 3600 })],
    ['no token_type', json(200, { access_token: TOKEN, expires_in: 3600 })],
    ['token_type mac', json(200, { access_token: TOKEN, token_type: 'mac', expires_in: 3600 })],
    ['token_type DPoP', json(200, { access_token: TOKEN, token_type: 'DPoP', expires_in: 3600 })],
    [
      'token_type "bearer " with a space',
      json(200, { access_token: TOKEN, token_type: 'bearer ', expires_in: 60 }),
    ],
    ['a numeric token_type', json(200, { access_token: TOKEN, token_type: 1, expires_in: 3600 })],
    ['an OAuth2 error body with status 200', json(200, { error: 'invalid_client' })],
  ])(
    'a 2xx with %s is an invalid_token_response error that does not quote the body',
    async (_label, response) => {
      const error = await authErrorOf(response);
      expect(error.status).toBe(200);
      expect(error.error).toBe('invalid_token_response');
      expect(error.errorDescription).toMatch(/^The token response /);
      expect(`${error.message} ${error.errorDescription ?? ''} ${error.stack ?? ''}`).not.toContain(TOKEN);
    },
  );

  it('a refusal keeps the OAuth2 error and description', async () => {
    const error = await authErrorOf(
      json(401, { error_description: 'Client authentication failed.', error: 'invalid_client' }),
    );
    expect(error).toMatchObject({
      name: 'VectorCareAuthError',
      status: 401,
      error: 'invalid_client',
      errorDescription: 'Client authentication failed.',
    });
    expect(error.message).toBe(
      'VectorCare token request failed (HTTP 401, invalid_client): Client authentication failed.',
    );
  });

  it('a refusal without error_description has none', async () => {
    const error = await authErrorOf(json(400, { error: 'unsupported_grant_type' }));
    expect(error).toMatchObject({
      status: 400,
      error: 'unsupported_grant_type',
      errorDescription: undefined,
    });
  });

  it.each([
    ['no body', new Response(null, { status: 503 })],
    ['an HTML page', new Response('<h1>Bad Gateway</h1>', { status: 502 })],
    ['JSON without error', json(500, { message: 'boom' })],
    ['an empty error', json(400, { error: '' })],
    ['a numeric error', json(400, { error: 7 })],
    ['a redirect', new Response(null, { status: 302, headers: { location: 'https://elsewhere.test/' } })],
  ])('an error status with %s is unexpected_response', async (_label, response) => {
    const error = await authErrorOf(response);
    expect(error.status).toBe(response.status);
    expect(error.error).toBe('unexpected_response');
    expect(error.errorDescription).toBe(
      `The token endpoint answered HTTP ${response.status} without an OAuth2 error body.`,
    );
  });

  it('a server that echoes the secret in its error gets it redacted, in every spelling', async () => {
    const error = await authErrorOf(
      json(401, {
        error: `invalid_client ${CLIENT_SECRET}`,
        error_description: `bad secret ${CLIENT_SECRET} / ${encodeURIComponent(CLIENT_SECRET)} / ${new URLSearchParams({ s: CLIENT_SECRET }).toString()}`,
      }),
    );
    expect(error.errorDescription).toBe('bad secret [REDACTED] / [REDACTED] / s=[REDACTED]');
    expect(error.error).toBe('invalid_client [REDACTED]');
    expect(JSON.stringify({ ...error, message: error.message, stack: error.stack })).not.toContain(
      CLIENT_SECRET,
    );
  });

  it('a body cut off mid-stream is a network_error, not a crash', async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"access_token":"'));
        controller.error(new Error('socket hang up'));
      },
    });
    const error = await authErrorOf(new Response(body, { status: 200 }));
    expect(error).toMatchObject({ status: 200, error: 'network_error' });
  });
});
