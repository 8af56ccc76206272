import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { forgeToken, mockClaims } from '../../test-support/forge-token.js';
import { callHub, fetchToken } from '../../test-support/hub-calls.js';
import { createClock } from '../clock.js';
import { createMockServer, type MockServer } from '../create-mock-server.js';

const now = Date.UTC(2026, 0, 15, 14, 30);
const iso = (ms: number): string => new Date(ms).toISOString();
const STATE = '/requests/KP-ABCD1234/state/';
const AUTH_FAILED = { message: 'Authentication failed.', code: 'members:authentication_failed' };
const NOT_AUTHENTICATED = {
  message: 'Authentication credentials were not provided.',
  code: 'members:not_authenticated',
};
const required = [{ message: 'This field is required.', code: 'common:required' }];

describe('hub routes', () => {
  let mock: MockServer;
  let token: string;
  const sleeps: number[] = [];

  beforeAll(async () => {
    mock = await createMockServer({
      port: 0,
      clock: createClock({ frozenAt: now }),
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    });
  });
  afterAll(() => mock.close());
  beforeEach(async () => {
    mock.control.reset();
    mock.clock.freeze(now);
    token = await fetchToken(mock, 'demo-client', 'demo-secret');
  });

  describe('success', () => {
    it('state: 201 echoes the name and timestamp', async () => {
      const body = { name: 'en_route', timestamp: '2026-01-15T14:29:00Z' };
      const result = await callHub(mock, 'POST', STATE, { token, body: { ...body, extra: 1 } });
      expect(result.status).toBe(201);
      expect(result.body).toEqual(body);
    });

    it('state: every documented state name is accepted', async () => {
      for (const name of [
        'en_route',
        'arrived',
        'on_board',
        'arrived_at_destination',
        'completed',
        'canceled',
        'dry_run',
      ]) {
        const result = await callHub(mock, 'POST', STATE, { token, body: { name, timestamp: iso(now) } });
        expect(result.status).toBe(201);
      }
    });

    it('locations: 200 {} for up to 200 items, speed optional, fractional epoch seconds', async () => {
      const item = { lat: 40.7, lng: -74.0, alt: 10, timestamp: 1575497090.131 };
      const items = Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? item : { ...item, speed: 12.5 }));
      const result = await callHub(mock, 'POST', '/requests/KP-ABCD1234/locations/', { token, body: items });
      expect(result).toMatchObject({ status: 200, body: {} });
    });

    it('accept: 201 echoes response_notes; without a body 201 {}', async () => {
      const notes = { response_notes: 'Confirmed. Unit 42 dispatched.' };
      expect(
        await callHub(mock, 'PUT', '/requests/KP-ABCD1234/accept/', { token, body: notes }),
      ).toMatchObject({
        status: 201,
        body: notes,
      });
      expect(await callHub(mock, 'PUT', '/requests/KP-ABCD1234/accept/', { token })).toMatchObject({
        status: 201,
        body: {},
      });
    });

    it('decline: 201 {}', async () => {
      const result = await callHub(mock, 'PUT', '/requests/KP-ABCD1234/decline/', {
        token,
        body: { response_notes: 'No unit available.' },
      });
      expect(result).toMatchObject({ status: 201, body: {} });
    });

    it('best-time: 201 {} for a future proposed time', async () => {
      const result = await callHub(mock, 'PUT', '/requests/KP-ABCD1234/best-time/', {
        token,
        body: { proposed_agreed_dt: iso(now + 3_600_000) },
      });
      expect(result).toMatchObject({ status: 201, body: {} });
    });

    it('change-request: 200 {}', async () => {
      const result = await callHub(mock, 'POST', '/requests/KP-ABCD1234/change-request/', {
        token,
        body: { agreed_dt: '2026-01-15T16:00:00.000Z', change_reason: 'Traffic' },
      });
      expect(result).toMatchObject({ status: 200, body: {} });
    });
  });

  describe('validation', () => {
    it('state: an unknown name gets the documented choice_invalid body', async () => {
      const result = await callHub(mock, 'POST', STATE, {
        token,
        body: { name: 'invalid_state', timestamp: iso(now) },
      });
      expect(result.status).toBe(400);
      expect(result.body).toEqual({
        name: [{ message: '"invalid_state" is not a valid choice.', code: 'common:choice_invalid' }],
      });
    });

    it('state: missing fields are each required; null is common:null', async () => {
      expect(await callHub(mock, 'POST', STATE, { token, body: {} })).toMatchObject({
        status: 400,
        body: { name: required, timestamp: required },
      });
      expect(await callHub(mock, 'POST', STATE, { token })).toMatchObject({
        status: 400,
        body: { name: required, timestamp: required },
      });
      const nulls = await callHub(mock, 'POST', STATE, { token, body: { name: null, timestamp: iso(now) } });
      expect(nulls.body).toEqual({ name: [{ message: 'This field may not be null.', code: 'common:null' }] });
    });

    it.each([
      '2026-01-15 14:00:00Z',
      '2026-01-15T14:00:00',
      '2026-01-15T14:00:00+01:00',
      '2026-02-30T10:00:00Z',
      'yesterday',
      '',
    ])('state: timestamp %j is not an ISO 8601 UTC date-time', async (timestamp) => {
      const result = await callHub(mock, 'POST', STATE, { token, body: { name: 'arrived', timestamp } });
      expect(result.status).toBe(400);
      expect(result.body).toEqual({
        timestamp: [
          {
            message: 'Datetime format should be YYYY-MM-DDThh:mm[:ss[.uuuuuu]]Z.',
            code: 'common:datetime_invalid_format',
          },
        ],
      });
    });

    it('state: a zero offset counts as UTC', async () => {
      const result = await callHub(mock, 'POST', STATE, {
        token,
        body: { name: 'arrived', timestamp: '2026-01-15T14:00:00+00:00' },
      });
      expect(result.status).toBe(201);
    });

    it('state: a timestamp in the future by the mock clock is refused, now is accepted', async () => {
      const future = await callHub(mock, 'POST', STATE, {
        token,
        body: { name: 'arrived', timestamp: iso(now + 1000) },
      });
      expect(future).toMatchObject({
        status: 400,
        body: { timestamp: [{ message: 'Timestamp must not be in the future.', code: 'api:bad_request' }] },
      });
      mock.clock.advance(1000);
      const later = await callHub(mock, 'POST', STATE, {
        token,
        body: { name: 'arrived', timestamp: iso(now + 1000) },
      });
      expect(later.status).toBe(201);
    });

    it('state: 7 days old is accepted, older is refused', async () => {
      const week = 7 * 24 * 3_600_000;
      expect(
        (await callHub(mock, 'POST', STATE, { token, body: { name: 'arrived', timestamp: iso(now - week) } }))
          .status,
      ).toBe(201);
      const old = await callHub(mock, 'POST', STATE, {
        token,
        body: { name: 'arrived', timestamp: iso(now - week - 1000) },
      });
      expect(old).toMatchObject({
        status: 400,
        body: {
          timestamp: [
            { message: 'Timestamp must be within 7 days of the current time.', code: 'api:bad_request' },
          ],
        },
      });
    });

    it('locations: missing fields give the documented per-item body; valid items get {}', async () => {
      const result = await callHub(mock, 'POST', '/requests/KP-ABCD1234/locations/', {
        token,
        body: [{ lat: 1, lng: 2, alt: 3, timestamp: 4 }, { speed: 1 }],
      });
      expect(result.status).toBe(400);
      expect(JSON.stringify(result.body)).toBe(
        '[{},{"timestamp":[{"message":"This field is required.","code":"common:required"}],"lat":[{"message":"This field is required.","code":"common:required"}],"lng":[{"message":"This field is required.","code":"common:required"}],"alt":[{"message":"This field is required.","code":"common:required"}]}]',
      );
    });

    it('locations: numbers must be JSON numbers', async () => {
      const result = await callHub(mock, 'POST', '/requests/KP-ABCD1234/locations/', {
        token,
        body: [{ lat: '40.7', lng: 2, alt: 3, timestamp: 4, speed: null }],
      });
      expect(result.body).toEqual([
        {
          lat: [{ message: 'A valid number is required.', code: 'common:number_invalid' }],
          speed: [{ message: 'This field may not be null.', code: 'common:null' }],
        },
      ]);
    });

    it('locations: more than 200 items is responder:too_many_locations', async () => {
      const items = Array.from({ length: 201 }, () => ({ lat: 1, lng: 2, alt: 3, timestamp: 4 }));
      const result = await callHub(mock, 'POST', '/requests/KP-ABCD1234/locations/', { token, body: items });
      expect(result).toMatchObject({
        status: 400,
        body: { message: 'Too many locations. (Max 200 per request)', code: 'responder:too_many_locations' },
      });
    });

    it('locations: a body that is not a list is common:list_invalid', async () => {
      const result = await callHub(mock, 'POST', '/requests/KP-ABCD1234/locations/', {
        token,
        body: { lat: 1, lng: 2, alt: 3, timestamp: 4 },
      });
      expect(result).toMatchObject({
        status: 400,
        body: { message: 'Value should be a list.', code: 'common:list_invalid' },
      });
    });

    it('accept and decline: response_notes over 450 characters is common:max_length; 450 is fine', async () => {
      for (const segment of ['accept', 'decline']) {
        const path = `/requests/KP-ABCD1234/${segment}/`;
        expect(
          (await callHub(mock, 'PUT', path, { token, body: { response_notes: 'é'.repeat(450) } })).status,
        ).toBe(201);
        const result = await callHub(mock, 'PUT', path, { token, body: { response_notes: 'x'.repeat(451) } });
        expect(result).toMatchObject({
          status: 400,
          body: {
            response_notes: [
              { message: 'Ensure this field has no more than 450 characters.', code: 'common:max_length' },
            ],
          },
        });
      }
    });

    it('best-time: proposed_agreed_dt is required and must be ISO 8601 UTC', async () => {
      const path = '/requests/KP-ABCD1234/best-time/';
      expect(await callHub(mock, 'PUT', path, { token, body: {} })).toMatchObject({
        status: 400,
        body: { proposed_agreed_dt: required },
      });
      const bad = await callHub(mock, 'PUT', path, { token, body: { proposed_agreed_dt: 1736951400 } });
      expect(bad.body).toEqual({
        proposed_agreed_dt: [
          {
            message: 'Datetime format should be YYYY-MM-DDThh:mm[:ss[.uuuuuu]]Z.',
            code: 'common:datetime_invalid_format',
          },
        ],
      });
    });

    it('change-request: both fields are required; change_reason at most 450 characters and not blank', async () => {
      const path = '/requests/KP-ABCD1234/change-request/';
      expect(await callHub(mock, 'POST', path, { token, body: {} })).toMatchObject({
        status: 400,
        body: { agreed_dt: required, change_reason: required },
      });
      const long = await callHub(mock, 'POST', path, {
        token,
        body: { agreed_dt: iso(now), change_reason: 'x'.repeat(451) },
      });
      expect(long.body).toEqual({
        change_reason: [
          { message: 'Ensure this field has no more than 450 characters.', code: 'common:max_length' },
        ],
      });
      const blank = await callHub(mock, 'POST', path, {
        token,
        body: { agreed_dt: iso(now), change_reason: '' },
      });
      expect(blank.body).toEqual({
        change_reason: [{ message: 'This field may not be blank.', code: 'common:blank' }],
      });
    });

    it('malformed JSON and a non-object body are 400 api:bad_request', async () => {
      for (const body of ['{"name": ', '"en_route"', '[1]']) {
        const result = await callHub(mock, 'POST', STATE, { token, body });
        expect(result).toMatchObject({
          status: 400,
          body: { message: 'Bad request.', code: 'api:bad_request' },
        });
      }
    });

    it('a body over 1 MiB is 413', async () => {
      const result = await callHub(mock, 'POST', STATE, { token, body: `"${'x'.repeat(1024 * 1024)}"` });
      expect(result).toMatchObject({
        status: 413,
        body: { message: 'Bad request.', code: 'api:bad_request' },
      });
    });
  });

  describe('paths and methods', () => {
    it('a path without its trailing slash, or an unknown one, is 404 api:not_found', async () => {
      for (const path of [
        '/requests/KP-ABCD1234/state',
        '/requests/KP-ABCD1234/unknown/',
        '/requests/',
        '',
      ]) {
        const result = await callHub(mock, 'POST', path, {
          token,
          body: { name: 'en_route', timestamp: iso(now) },
        });
        expect(result).toMatchObject({ status: 404, body: { message: 'Not found.', code: 'api:not_found' } });
      }
    });

    it('a wrong method is 405 api:method_not_allowed with Allow, once authenticated', async () => {
      const result = await callHub(mock, 'GET', STATE, { token });
      expect(result).toMatchObject({
        status: 405,
        body: { message: 'Method not allowed.', code: 'api:method_not_allowed' },
      });
      expect(result.headers.get('allow')).toBe('POST');
      expect((await callHub(mock, 'POST', '/requests/KP-ABCD1234/accept/', { token })).status).toBe(405);
    });

    it('without a token, a wrong method or an invalid body gets 401: nothing is learnt before authentication', async () => {
      expect(await callHub(mock, 'GET', STATE)).toMatchObject({ status: 401, body: NOT_AUTHENTICATED });
      expect(await callHub(mock, 'POST', STATE, { body: { name: 'nope' } })).toMatchObject({
        status: 401,
        body: NOT_AUTHENTICATED,
      });
      expect(await callHub(mock, 'POST', STATE, { body: '{' })).toMatchObject({
        status: 401,
        body: NOT_AUTHENTICATED,
      });
      expect(await callHub(mock, 'POST', STATE, { token: 'x.y.z', body: { name: 'nope' } })).toMatchObject({
        status: 401,
        body: AUTH_FAILED,
      });
    });
  });

  describe('bearer verification', () => {
    it('no Authorization header, or another scheme, is members:not_authenticated', async () => {
      for (const headers of [{}, { authorization: 'Basic ZGVtby1jbGllbnQ6ZGVtby1zZWNyZXQ=' }]) {
        const result = await callHub(mock, 'POST', STATE, {
          headers,
          body: { name: 'en_route', timestamp: iso(now) },
        });
        expect(result).toMatchObject({ status: 401, body: NOT_AUTHENTICATED });
        expect(result.headers.get('www-authenticate')).toBe('Bearer realm="api"');
      }
    });

    it('the scheme is case-insensitive', async () => {
      const result = await callHub(mock, 'POST', STATE, {
        headers: { authorization: `bearer ${token}` },
        body: { name: 'en_route', timestamp: iso(now) },
      });
      expect(result.status).toBe(201);
    });

    it('every kind of bad token gets the same 401 and challenge; the recording says which check failed', async () => {
      const key = mock.context.key;
      const foreign = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
      const claims = mockClaims('demo-client', mock.context.issuer, now, 3600, 'forged');
      const kid = { kid: key.kid };
      const pem = key.publicKey.export({ type: 'spki', format: 'pem' });
      const cases: [string, string][] = [
        ['bad_signature', forgeToken(claims, { alg: 'RS256', key: foreign }, kid)],
        ['unknown_key', forgeToken(claims, { alg: 'RS256', key: foreign }, { kid: 'not-ours' })],
        ['bad_algorithm', forgeToken(claims, { alg: 'none' }, kid)],
        ['bad_algorithm', forgeToken(claims, { alg: 'HS256', secret: pem }, kid)],
        [
          'wrong_issuer',
          forgeToken(
            { ...claims, iss: 'https://auth.vectorcare.com' },
            { alg: 'RS256', key: key.privateKey },
            kid,
          ),
        ],
        [
          'not_yet_valid',
          forgeToken(
            mockClaims('demo-client', mock.context.issuer, now + 5000),
            { alg: 'RS256', key: key.privateKey },
            kid,
          ),
        ],
        [
          'critical_header',
          forgeToken(claims, { alg: 'RS256', key: key.privateKey }, { ...kid, crit: ['b64'], b64: true }),
        ],
        ['malformed', 'not-a-jwt'],
        ['malformed', `${token}.extra`],
      ];
      for (const [check, forged] of cases) {
        const result = await callHub(mock, 'POST', STATE, {
          token: forged,
          body: { name: 'en_route', timestamp: iso(now) },
        });
        expect(result, check).toMatchObject({ status: 401, body: AUTH_FAILED });
        expect(result.headers.get('www-authenticate')).toBe('Bearer realm="api", error="invalid_token"');
      }
      const checks = mock.control
        .recordings()
        .filter((r) => r.endpoint === 'hub')
        .map((r) => r.token_check);
      expect(checks).toEqual(cases.map(([check]) => check));
    });

    it('a token expires by the mock clock, at exp exactly', async () => {
      const body = { name: 'en_route', timestamp: iso(now) };
      mock.clock.advance(3_600_000 - 1);
      expect(
        (await callHub(mock, 'POST', STATE, { token, body: { ...body, timestamp: iso(now) } })).status,
      ).toBe(201);
      mock.clock.advance(1);
      const result = await callHub(mock, 'POST', STATE, { token, body });
      expect(result).toMatchObject({ status: 401, body: AUTH_FAILED });
      expect(mock.control.recordings().at(-1)?.token_check).toBe('expired');
    });

    it('revoking by jti refuses that token only; the next call is recorded with its jti and the 401', async () => {
      const other = await fetchToken(mock, 'demo-client', 'demo-secret');
      const jti = mock.control
        .recordings()
        .find((r) => r.endpoint === 'token' && r.jti_issued !== null)?.jti_issued;
      expect(jti).toBeTypeOf('string');
      expect(mock.control.revokeToken(jti as string)).toBe(1);
      const body = { name: 'arrived', timestamp: iso(now) };
      expect(await callHub(mock, 'POST', STATE, { token, body })).toMatchObject({
        status: 401,
        body: AUTH_FAILED,
      });
      expect((await callHub(mock, 'POST', STATE, { token: other, body })).status).toBe(201);
      const [refused] = mock.control
        .recordings({ clientId: 'demo-client' })
        .filter((r) => r.endpoint === 'hub');
      expect(refused).toMatchObject({
        jti_presented: jti,
        status: 401,
        token_check: 'revoked',
        error: 'members:authentication_failed',
        client_id: 'demo-client',
      });
    });

    it('revoking a client refuses all its tokens issued so far, but not new ones', async () => {
      const client = mock.control.createClient();
      const first = await fetchToken(mock, client.clientId, client.clientSecret);
      const second = await fetchToken(mock, client.clientId, client.clientSecret);
      expect(mock.control.revokeClient(client.clientId)).toBe(2);
      const body = { name: 'arrived', timestamp: iso(now) };
      for (const revoked of [first, second])
        expect((await callHub(mock, 'POST', STATE, { token: revoked, body })).status).toBe(401);
      mock.clock.advance(1);
      const fresh = await fetchToken(mock, client.clientId, client.clientSecret);
      expect((await callHub(mock, 'POST', STATE, { token: fresh, body })).status).toBe(201);
      expect((await callHub(mock, 'POST', STATE, { token, body })).status).toBe(201);
    });

    it('a token of a client forgotten by reset is refused', async () => {
      const client = mock.control.createClient({ clientId: 'short-lived' });
      const own = await fetchToken(mock, client.clientId, client.clientSecret);
      mock.control.reset();
      mock.clock.freeze(now);
      const result = await callHub(mock, 'POST', STATE, {
        token: own,
        body: { name: 'arrived', timestamp: iso(now) },
      });
      expect(result.status).toBe(401);
      expect(mock.control.recordings().at(-1)?.token_check).toBe('unknown_client');
    });
  });

  describe('faults', () => {
    const body = { name: 'en_route', timestamp: iso(now) };

    it('hub_unauthorized answers 401 for that client only, for count calls', async () => {
      const other = mock.control.createClient();
      const otherToken = await fetchToken(mock, other.clientId, other.clientSecret);
      mock.control.addFault({ target: 'hub', kind: 'hub_unauthorized', client_id: 'demo-client', count: 2 });
      expect((await callHub(mock, 'POST', STATE, { token: otherToken, body })).status).toBe(201);
      for (let i = 0; i < 2; i += 1) {
        const result = await callHub(mock, 'POST', STATE, { token, body });
        expect(result).toMatchObject({ status: 401, body: AUTH_FAILED });
        expect(result.headers.get('www-authenticate')).toBe('Bearer realm="api", error="invalid_token"');
      }
      expect((await callHub(mock, 'POST', STATE, { token, body })).status).toBe(201);
      const faults = mock.control
        .recordings({ clientId: 'demo-client' })
        .filter((r) => r.endpoint === 'hub')
        .map((r) => r.fault);
      expect(faults).toEqual(['hub_unauthorized', 'hub_unauthorized', null]);
    });

    it('rate_limit answers 429 api:too_many_requests with Retry-After', async () => {
      mock.control.addFault({ target: 'hub', kind: 'rate_limit', retry_after: 7 });
      const result = await callHub(mock, 'POST', STATE, { token, body });
      expect(result).toMatchObject({
        status: 429,
        body: { message: 'Request was throttled.', code: 'api:too_many_requests' },
      });
      expect(result.headers.get('retry-after')).toBe('7');
      expect((await callHub(mock, 'POST', STATE, { token, body })).status).toBe(201);
    });

    it('delay waits (through the injected sleep) and then answers normally', async () => {
      sleeps.length = 0;
      mock.control.addFault({ target: 'hub', kind: 'delay', delay_ms: 1500 });
      expect((await callHub(mock, 'POST', STATE, { token, body })).status).toBe(201);
      expect(sleeps).toEqual([1500]);
      expect(mock.control.recordings().at(-1)?.fault).toBe('delay');
    });

    it('drop_connection destroys the connection without an answer; recorded with status 0', async () => {
      mock.control.addFault({ target: 'hub', kind: 'drop_connection' });
      await expect(
        fetch(`${mock.apiUrl}${STATE}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      ).rejects.toThrow();
      expect(mock.control.recordings().at(-1)).toMatchObject({
        status: 0,
        fault: 'drop_connection',
        endpoint: 'hub',
      });
      expect((await callHub(mock, 'POST', STATE, { token, body })).status).toBe(201);
    });
  });

  describe('recording', () => {
    it('records a hub call with its client, jti, check, status, body and content type', async () => {
      const body = { name: 'on_board', timestamp: iso(now) };
      await callHub(mock, 'POST', `${STATE}?trace=1`, { token, body });
      const issued = mock.control.recordings().find((r) => r.endpoint === 'token');
      expect(mock.control.recordings().at(-1)).toMatchObject({
        endpoint: 'hub',
        method: 'POST',
        path: '/openapi/v2.0/requests/KP-ABCD1234/state/',
        query_keys: ['trace'],
        status: 201,
        client_id: 'demo-client',
        jti_presented: issued?.jti_issued,
        token_check: 'valid',
        auth_method: 'bearer',
        content_type: 'application/json',
        credentials_in_query: false,
        error: null,
        fault: null,
        request_body: body,
        time_ms: now,
      });
    });

    it('records the body of a refused call too, so a retry can be compared with it', async () => {
      const body = { name: 'arrived', timestamp: iso(now) };
      await callHub(mock, 'POST', STATE, { body });
      expect(mock.control.recordings().at(-1)).toMatchObject({
        status: 401,
        token_check: 'missing',
        auth_method: 'none',
        error: 'members:not_authenticated',
        request_body: body,
      });
    });

    it('keeps a large body only as its size and digest, and redacts secret-looking fields', async () => {
      const large = { response_notes: 'ok', attachment: 'x'.repeat(20_000) };
      await callHub(mock, 'PUT', '/requests/KP-ABCD1234/accept/', { token, body: large });
      expect(mock.control.recordings().at(-1)?.request_body).toEqual({
        truncated: true,
        bytes: JSON.stringify(large).length,
        sha256: expect.any(String),
      });
      await callHub(mock, 'PUT', '/requests/KP-ABCD1234/accept/', {
        token,
        body: { response_notes: 'ok', client_secret: 's3cret' },
      });
      expect(mock.control.recordings().at(-1)?.request_body).toEqual({
        response_notes: 'ok',
        client_secret: '[redacted]',
      });
    });

    it('survives bodies nested deeper than the stack: 400 for the call, summary in the recording', async () => {
      const deep = `{"name": ${'['.repeat(100_000)}${']'.repeat(100_000)}, "timestamp": "${iso(now)}"}`;
      const result = await callHub(mock, 'POST', STATE, { token, body: deep });
      expect(result).toMatchObject({ status: 400, body: { name: [{ code: 'common:choice_invalid' }] } });
      expect(mock.control.recordings().at(-1)?.request_body).toMatchObject({
        truncated: true,
        bytes: deep.length,
      });
      const listed = await fetch(`${mock.url}/__control/recordings`);
      expect(listed.status).toBe(200);
    });

    it('records the first error code of a field-error body', async () => {
      await callHub(mock, 'POST', STATE, { token, body: { name: 'nope', timestamp: iso(now) } });
      expect(mock.control.recordings().at(-1)?.error).toBe('common:choice_invalid');
    });
  });
});
