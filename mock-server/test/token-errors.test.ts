import fc from 'fast-check';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockServer, TOKEN_PATH, type MockServer } from '../index.js';
import { assertMatchesSpec } from '../../test-support/openapi-validator.js';
import {
  basicAuthorization,
  DEMO_FORM,
  OAUTH_ERROR_BODIES,
  sendHeadAndPartialBody,
  sendRaw,
  type RawResponse,
} from '../../test-support/token-requests.js';

const FORM = 'application/x-www-form-urlencoded';
const form = (fields: Record<string, string>): string => new URLSearchParams(fields).toString();

/** Checks an error answer: status, exact body and key order, JSON content type, no token headers. */
function expectOAuthError(
  response: RawResponse,
  status: number,
  error: keyof typeof OAUTH_ERROR_BODIES,
): void {
  expect({ status: response.status, body: JSON.parse(response.text) as unknown }).toStrictEqual({
    status,
    body: OAUTH_ERROR_BODIES[error],
  });
  expect(Object.keys(JSON.parse(response.text) as object)).toEqual(['error_description', 'error']);
  expect(response.headers['content-type']).toBe('application/json');
  assertMatchesSpec('POST', TOKEN_PATH, status, JSON.parse(response.text));
  expectNoInternals(response);
}

describe('POST /v2.0/oauth2/token refuses what it must', () => {
  let mock: MockServer;
  let tokenUrl: string;

  beforeAll(async () => {
    mock = await createMockServer({ port: 0 });
    tokenUrl = mock.tokenUrl;
  });
  afterAll(() => mock.close());

  const post = (body: string, headers: Record<string, string> = { 'content-type': FORM }) =>
    sendRaw(tokenUrl, { method: 'POST', headers, body });

  describe('401 invalid_client', () => {
    it.each([
      ['an unknown client', { ...DEMO_FORM, client_id: 'nobody' }],
      ['a wrong secret', { ...DEMO_FORM, client_secret: 'wrong' }],
      ['a missing secret', { client_id: 'demo-client', grant_type: 'client_credentials' }],
      ['an empty secret', { ...DEMO_FORM, client_secret: '' }],
      ['no credentials at all', { grant_type: 'client_credentials' }],
      ['a secret but no client_id', { client_secret: 'demo-secret', grant_type: 'client_credentials' }],
      ['a client_id that differs by a trailing space', { ...DEMO_FORM, client_id: 'demo-client ' }],
    ])('for %s, without WWW-Authenticate when Basic was not used', async (_, fields) => {
      const response = await post(form(fields));
      expectOAuthError(response, 401, 'invalid_client');
      expect(response.headers['www-authenticate']).toBeUndefined();
    });

    it('is the same answer for an unknown id and a wrong secret (no client enumeration)', async () => {
      const unknown = await post(form({ ...DEMO_FORM, client_id: 'nobody' }));
      const wrong = await post(form({ ...DEMO_FORM, client_secret: 'wrong' }));
      expect({ status: unknown.status, text: unknown.text }).toStrictEqual({
        status: wrong.status,
        text: wrong.text,
      });
    });

    it.each([
      ['a wrong secret', basicAuthorization('demo-client', 'wrong')],
      ['an unknown client', basicAuthorization('nobody', 'demo-secret')],
      ['an empty secret', basicAuthorization('demo-client', '')],
      ['no colon', `Basic ${Buffer.from('demo-client').toString('base64')}`],
      ['bad base64', 'Basic !!!not-base64!!!'],
      ['an empty credential', 'Basic'],
    ])('with Basic and %s, with WWW-Authenticate: Basic realm="OAuth"', async (_, authorization) => {
      const response = await post(form({ grant_type: 'client_credentials' }), {
        'content-type': FORM,
        authorization,
      });
      expectOAuthError(response, 401, 'invalid_client');
      expect(response.headers['www-authenticate']).toBe('Basic realm="OAuth"');
    });

    it('over supertest too, as a typical Node test would call it', async () => {
      const response = await request(mock.url)
        .post(TOKEN_PATH)
        .type('form')
        .send({ ...DEMO_FORM, client_secret: 'wrong' });
      expect(response.status).toBe(401);
      expect(response.body).toStrictEqual(OAUTH_ERROR_BODIES.invalid_client);
      expect(response.headers['cache-control']).toBeUndefined();
    });
  });

  describe('400 invalid_request', () => {
    it('for Basic plus a client_secret in the body: two authentication methods (RFC 6749 §2.3)', async () => {
      const response = await post(form(DEMO_FORM), {
        'content-type': FORM,
        authorization: basicAuthorization('demo-client', 'demo-secret'),
      });
      expectOAuthError(response, 400, 'invalid_request');
      expect(response.headers['www-authenticate']).toBeUndefined();
    });

    it.each([
      ['grant_type', `${form(DEMO_FORM)}&grant_type=client_credentials`],
      ['client_id', `${form(DEMO_FORM)}&client_id=demo-client`],
      ['client_secret', `${form(DEMO_FORM)}&client_secret=other`],
      ['an unrelated parameter', `${form(DEMO_FORM)}&scope=a&scope=b`],
    ])('for a repeated %s (RFC 6749 §3.2)', async (_, body) => {
      expectOAuthError(await post(body), 400, 'invalid_request');
    });

    it('but not for a parameter repeated without a value: empty values count as omitted', async () => {
      const response = await post(`${form(DEMO_FORM)}&client_id=&scope=`);
      expect(response.status).toBe(200);
    });

    it('for a repeated parameter in multipart', async () => {
      const data = new FormData();
      for (const [name, value] of Object.entries(DEMO_FORM)) data.append(name, value);
      data.append('client_id', 'demo-client');
      const response = await fetch(tokenUrl, { method: 'POST', body: data });
      expect(response.status).toBe(400);
      expect(await response.json()).toStrictEqual(OAUTH_ERROR_BODIES.invalid_request);
    });

    it.each([
      ['a broken percent-escape', 'grant_type=client_credentials&client_id=demo%2&client_secret=demo-secret'],
      ['bytes that are not UTF-8', Buffer.from([0x67, 0x3d, 0xff, 0xfe])],
    ])('for an unparseable urlencoded body: %s', async (_, body) => {
      const response = await sendRaw(tokenUrl, { headers: { 'content-type': FORM }, body });
      expectOAuthError(response, 400, 'invalid_request');
    });

    it('for a multipart body that does not parse', async () => {
      const response = await post('--nope\r\nthis is not multipart', {
        'content-type': 'multipart/form-data; boundary=xyz',
      });
      expectOAuthError(response, 400, 'invalid_request');
    });

    it('for a multipart body without a boundary', async () => {
      const response = await post(form(DEMO_FORM), { 'content-type': 'multipart/form-data' });
      expectOAuthError(response, 400, 'invalid_request');
    });

    it('for a file in a multipart body', async () => {
      const data = new FormData();
      for (const [name, value] of Object.entries(DEMO_FORM)) data.append(name, value);
      data.append('upload', new Blob(['x']), 'x.txt');
      const response = await fetch(tokenUrl, { method: 'POST', body: data });
      expect(response.status).toBe(400);
      expect(await response.json()).toStrictEqual(OAUTH_ERROR_BODIES.invalid_request);
    });

    it.each([
      ['client_secret', `?client_secret=demo-secret`],
      ['client_id', `?client_id=demo-client`],
      ['both', `?client_id=demo-client&client_secret=demo-secret`],
    ])('for %s in the query string, never a token, even with valid body credentials', async (_, query) => {
      const response = await sendRaw(`${tokenUrl}${query}`, {
        headers: { 'content-type': FORM },
        body: form(DEMO_FORM),
      });
      expectOAuthError(response, 400, 'invalid_request');
      expect(response.text).not.toContain('access_token');
    });

    it('for all credentials in the query string and none in the body', async () => {
      const response = await sendRaw(`${tokenUrl}?${form(DEMO_FORM)}`, {
        headers: { 'content-type': FORM },
        body: '',
      });
      expectOAuthError(response, 400, 'invalid_request');
    });
  });

  describe('400 unsupported_grant_type', () => {
    it.each([
      ['missing', { client_id: 'demo-client', client_secret: 'demo-secret' }],
      ['empty', { ...DEMO_FORM, grant_type: '' }],
      ['password', { ...DEMO_FORM, grant_type: 'password' }],
      ['authorization_code', { ...DEMO_FORM, grant_type: 'authorization_code' }],
      ['in another case', { ...DEMO_FORM, grant_type: 'Client_Credentials' }],
    ])('when grant_type is %s', async (_, fields) => {
      expectOAuthError(await post(form(fields)), 400, 'unsupported_grant_type');
    });

    it('is checked before the client: a wrong secret with a wrong grant type is unsupported_grant_type', async () => {
      const response = await post(form({ ...DEMO_FORM, client_secret: 'wrong', grant_type: 'password' }));
      expectOAuthError(response, 400, 'unsupported_grant_type');
    });

    it.each([
      ['no content type', {}],
      ['application/json', { 'content-type': 'application/json' }],
      ['text/plain', { 'content-type': 'text/plain' }],
    ])('for a form body sent with %s: no parameters are read', async (_, headers) => {
      const response = await post(form(DEMO_FORM), headers);
      expectOAuthError(response, 400, 'unsupported_grant_type');
    });

    it('for a JSON body: the endpoint reads forms only', async () => {
      const response = await post(JSON.stringify(DEMO_FORM), { 'content-type': 'application/json' });
      expectOAuthError(response, 400, 'unsupported_grant_type');
    });

    it('for an empty body', async () => {
      expectOAuthError(await post(''), 400, 'unsupported_grant_type');
    });

    it('ignores a grant_type in the query string', async () => {
      const response = await sendRaw(`${tokenUrl}?grant_type=client_credentials`, {
        headers: { 'content-type': FORM },
        body: form({ client_id: 'demo-client', client_secret: 'demo-secret' }),
      });
      expectOAuthError(response, 400, 'unsupported_grant_type');
    });
  });

  describe('413 for a body over 64 KiB', () => {
    it('answers a declared 10 MB body after only a few bytes were sent, without waiting for the rest', async () => {
      const { port } = new URL(tokenUrl);
      const head = [
        `POST ${TOKEN_PATH} HTTP/1.1`,
        `Host: 127.0.0.1:${port}`,
        `Content-Type: ${FORM}`,
        `Content-Length: ${10 * 1024 * 1024}`,
        '',
        '',
      ].join('\r\n');
      const { response, bytesSent } = await sendHeadAndPartialBody(tokenUrl, head, 'grant_type=cli');
      expect(bytesSent).toBe(14);
      expect(response).toMatch(/^HTTP\/1\.1 413 /);
      expect(response.toLowerCase()).toContain('connection: close');
      const body = JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4)) as unknown;
      expect(body).toStrictEqual({
        error_description: 'The request body is larger than 65536 bytes.',
        error: 'invalid_request',
      });
      assertMatchesSpec('POST', TOKEN_PATH, 413, body);
    });

    it('stops reading a chunked body with no declared length as soon as it passes the limit', async () => {
      const { port } = new URL(tokenUrl);
      const head = [
        `POST ${TOKEN_PATH} HTTP/1.1`,
        `Host: 127.0.0.1:${port}`,
        `Content-Type: ${FORM}`,
        'Transfer-Encoding: chunked',
        '',
        '',
      ].join('\r\n');
      const size = 65 * 1024;
      const chunk = `${size.toString(16)}\r\n${'a'.repeat(size)}\r\n`;
      // The terminating zero-length chunk is never sent: the answer must not wait for the end of the body.
      const { response } = await sendHeadAndPartialBody(tokenUrl, head, chunk);
      expect(response).toMatch(/^HTTP\/1\.1 413 /);
    });

    it('accepts a body of exactly 64 KiB', async () => {
      const base = form(DEMO_FORM) + '&padding=';
      const body = base + 'x'.repeat(64 * 1024 - base.length);
      expect(Buffer.byteLength(body)).toBe(65_536);
      const response = await post(body);
      expect(response.status).toBe(200);
    });

    it('refuses a body one byte over', async () => {
      const base = form(DEMO_FORM) + '&padding=';
      const response = await post(base + 'x'.repeat(64 * 1024 + 1 - base.length));
      expect(response.status).toBe(413);
    });

    it('keeps serving after refusing a large body', async () => {
      const response = await post(form(DEMO_FORM));
      expect(response.status).toBe(200);
    });
  });

  describe('405 for other methods', () => {
    it.each(['GET', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])('%s', async (method) => {
      const response = await sendRaw(tokenUrl, { method, headers: {} });
      expect(response.status).toBe(405);
      expect(response.headers['allow']).toBe('POST');
      const body = JSON.parse(response.text) as unknown;
      expect(body).toStrictEqual({ error_description: 'Method not allowed.', error: 'invalid_request' });
      assertMatchesSpec('POST', TOKEN_PATH, 405, body);
    });

    it('HEAD, with no body', async () => {
      const response = await sendRaw(tokenUrl, { method: 'HEAD' });
      expect(response.status).toBe(405);
      expect(response.text).toBe('');
    });

    it('GET with the credentials in the query string gets no token', async () => {
      const response = await sendRaw(`${tokenUrl}?${form(DEMO_FORM)}`, { method: 'GET' });
      expect(response.status).toBe(405);
      expect(response.text).not.toContain('access_token');
    });
  });

  it('answers a path with a trailing slash 404, in VectorCare’s hub error shape', async () => {
    const response = await sendRaw(`${tokenUrl}/`, {
      headers: { 'content-type': FORM },
      body: form(DEMO_FORM),
    });
    expect(response.status).toBe(404);
    expect(JSON.parse(response.text)).toStrictEqual({ message: 'Not found.', code: 'api:not_found' });
  });

  describe('no input gets a 500 or a stack trace', () => {
    const headerValue = fc.oneof(
      fc.constantFrom(FORM, 'multipart/form-data; boundary=b', 'multipart/form-data', 'text/plain', ''),
      fc.string({ maxLength: 40 }).filter((value) => /^[\x20-\x7e]*$/.test(value)),
    );
    const bodyText = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc
        .dictionary(
          fc.constantFrom('grant_type', 'client_id', 'client_secret', 'scope', '%', '&&', '=='),
          fc.string({ maxLength: 20 }),
        )
        .map((fields) => form(fields)),
      fc.constantFrom('--b\r\nContent-Disposition: form-data; name="grant_type"\r\n\r\nx\r\n--b--'),
    );
    const authorization = fc.option(
      fc.oneof(
        fc.string({ maxLength: 30 }).map((value) => `Basic ${Buffer.from(value).toString('base64')}`),
        fc.string({ maxLength: 30 }).filter((value) => /^[\x20-\x7e]*$/.test(value)),
      ),
      { nil: undefined },
    );

    it('for random content types, bodies and Authorization headers', async () => {
      await fc.assert(
        fc.asyncProperty(headerValue, bodyText, authorization, async (contentType, body, auth) => {
          const headers: Record<string, string> = { 'content-type': contentType };
          if (auth !== undefined) headers['authorization'] = auth;
          const response = await sendRaw(tokenUrl, { headers, body });
          expect([200, 400, 401]).toContain(response.status);
          expectNoInternals(response);
        }),
        { numRuns: 150 },
      );
    });
  });
});

/** No stack frame, exception name, source path or module path in what the client sees. */
function expectNoInternals(response: RawResponse): void {
  expect(response.text).not.toMatch(/\bat .+:\d+:\d+|Error:|\.ts\b|\.js\b|node_modules|\/work\/|file:\/\//);
  if (response.status !== 200)
    expect(Object.keys(JSON.parse(response.text) as object)).toEqual(['error_description', 'error']);
}
