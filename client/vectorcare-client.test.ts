import { describe, expect, it } from 'vitest';
import { createClock } from '../mock-server/clock.js';
import { VectorCareApiError, VectorCareAuthError } from './errors.js';
import {
  API_URL,
  CLIENT_ID,
  CLIENT_SECRET,
  deferred,
  FakeVectorCare,
  HUB_401,
  json,
  TOKEN_URL,
} from './test-support/fake-vectorcare.js';
import { createVectorCareClient } from './vectorcare-client.js';

const startedAt = Date.UTC(2026, 0, 15, 14, 30);
const STATE = { name: 'en_route', timestamp: '2026-01-15T14:29:00Z' } as const;

function setup(options: { refreshRatio?: number } = {}) {
  const fake = new FakeVectorCare();
  const clock = createClock({ frozenAt: startedAt });
  const client = createVectorCareClient({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    tokenUrl: TOKEN_URL,
    apiUrl: `${API_URL}/`,
    fetch: fake.fetch,
    clock,
    ...options,
  });
  return { fake, clock, client };
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('createVectorCareClient: the token request', () => {
  it('posts client_credentials with the secret in a form body (client_secret_post), nowhere else', async () => {
    const { fake, client } = setup();
    await client.getAccessToken();
    const [request] = fake.tokenRequests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe(TOKEN_URL);
    expect(request?.headers.get('content-type')).toBe('application/x-www-form-urlencoded');
    expect(request?.headers.get('authorization')).toBeNull();
    expect(request?.redirect).toBe('manual');
    const form = new URLSearchParams(request?.body);
    expect([...form.keys()].sort()).toEqual(['client_id', 'client_secret', 'grant_type']);
    expect(form.get('grant_type')).toBe('client_credentials');
    expect(form.get('client_id')).toBe(CLIENT_ID);
    expect(form.get('client_secret')).toBe(CLIENT_SECRET);
  });

  it('uses the default token URL when none is given', async () => {
    const seen: string[] = [];
    const client = createVectorCareClient({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      fetch: async (input) => {
        seen.push(input);
        return json(200, { access_token: 'tok', token_type: 'bearer', expires_in: 60 });
      },
    });
    await client.getAccessToken();
    expect(seen).toEqual(['https://auth.vectorcare.com/v2.0/oauth2/token']);
  });

  it('an unreachable token endpoint is a VectorCareAuthError with status 0', async () => {
    const client = createVectorCareClient({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      fetch: async () => {
        throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:9') });
      },
    });
    const error = await rejectionOf(client.getAccessToken());
    expect(error).toBeInstanceOf(VectorCareAuthError);
    expect(error).toMatchObject({ status: 0, error: 'network_error' });
    expect((error as VectorCareAuthError).errorDescription).toBe(
      'The token endpoint could not be reached: fetch failed: connect ECONNREFUSED 127.0.0.1:9',
    );
    expect((error as Error).cause).toBeUndefined();
  });
});

describe('createVectorCareClient: caching and refresh', () => {
  it('reuses one token for every call before 80% of expires_in, and refreshes exactly at it', async () => {
    const { fake, clock, client } = setup();
    for (let at = 0; at < 2_880_000; at += 28_800) {
      clock.freeze(startedAt + at);
      expect((await client.fetch('/requests/KP-1/state/', { method: 'POST', body: '{}' })).status).toBe(201);
    }
    clock.freeze(startedAt + 2_879_999);
    await client.fetch('/requests/KP-1/state/', { method: 'POST', body: '{}' });
    expect(fake.tokenRequests).toHaveLength(1);
    expect(fake.hubCalls).toHaveLength(101);
    expect(new Set(fake.hubCalls.map(FakeVectorCare.bearerOf))).toEqual(new Set([fake.issued[0]]));

    clock.freeze(startedAt + 2_880_000);
    await client.fetch('/requests/KP-1/state/', { method: 'POST', body: '{}' });
    expect(fake.tokenRequests).toHaveLength(2);
    expect(FakeVectorCare.bearerOf(fake.hubCalls.at(-1)!)).toBe(fake.issued[1]);
  });

  it('follows the expires_in each response carries, not a constant', async () => {
    const { fake, clock, client } = setup({ refreshRatio: 0.5 });
    fake.expiresIn = 10;
    await client.getAccessToken();
    clock.freeze(startedAt + 4_999);
    await client.getAccessToken();
    expect(fake.tokenRequests).toHaveLength(1);
    fake.expiresIn = 7200;
    clock.freeze(startedAt + 5_000);
    await client.getAccessToken();
    clock.freeze(startedAt + 5_000 + 3_599_999);
    await client.getAccessToken();
    expect(fake.tokenRequests).toHaveLength(2);
  });

  it.each([
    ['missing', undefined],
    ['zero', 0],
    ['negative', -1],
    ['a string', '3600'],
  ])('expires_in %s: each call gets a new token', async (_label, expiresIn) => {
    const { fake, client } = setup();
    fake.expiresIn = expiresIn;
    await client.fetch('/requests/KP-1/state/', { method: 'POST', body: '{}' });
    await client.fetch('/requests/KP-1/state/', { method: 'POST', body: '{}' });
    expect(fake.tokenRequests).toHaveLength(2);
    expect(fake.hubCalls.map(FakeVectorCare.bearerOf)).toEqual(fake.issued);
  });

  it('50 concurrent calls on a cold client make one token request', async () => {
    const { fake, client } = setup();
    const held = deferred();
    fake.tokenAnswers.push(async () => {
      await held.promise;
      return fake.issue();
    });
    const calls = Array.from({ length: 50 }, (_, i) =>
      client.fetch(`/requests/KP-${i}/state/`, { method: 'POST', body: '{}' }),
    );
    held.resolve();
    const responses = await Promise.all(calls);
    expect(responses.every((response) => response.status === 201)).toBe(true);
    expect(fake.tokenRequests).toHaveLength(1);
    expect(fake.hubCalls).toHaveLength(50);
  });

  it('a failed shared token request fails every waiting call, and the next call asks again', async () => {
    const { fake, client } = setup();
    fake.tokenAnswers.push(() => json(503, { error: 'temporarily_unavailable', error_description: 'Down.' }));
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () => rejectionOf(client.updateState('KP-1', STATE))),
    );
    expect(new Set(outcomes).size).toBe(1);
    expect(outcomes[0]).toMatchObject({
      name: 'VectorCareAuthError',
      status: 503,
      error: 'temporarily_unavailable',
    });
    expect(fake.tokenRequests).toHaveLength(1);
    expect(fake.hubCalls).toHaveLength(0);

    await expect(client.updateState('KP-1', STATE)).resolves.toEqual(STATE);
    expect(fake.tokenRequests).toHaveLength(2);
  });
});

describe('createVectorCareClient: the retry after a 401', () => {
  it('drops the token, gets a new one and sends the same request once more', async () => {
    const { fake, client } = setup();
    await client.getAccessToken();
    fake.revokeAll();
    const response = await client.fetch('/requests/KP-1/state/?trace=1', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-correlation-id': 'abc' },
      body: JSON.stringify(STATE),
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual(STATE);
    expect(fake.tokenRequests).toHaveLength(2);
    const [refused, retried] = fake.hubCalls;
    expect(fake.hubCalls).toHaveLength(2);
    for (const call of [refused, retried]) {
      expect(call?.method).toBe('POST');
      expect(call?.url).toBe(`${API_URL}/requests/KP-1/state/?trace=1`);
      expect(call?.headers.get('x-correlation-id')).toBe('abc');
      expect(call?.headers.get('content-type')).toBe('application/json');
      expect(call?.body).toBe(JSON.stringify(STATE));
    }
    expect(FakeVectorCare.bearerOf(refused!)).toBe(fake.issued[0]);
    expect(FakeVectorCare.bearerOf(retried!)).toBe(fake.issued[1]);
  });

  it('retries at most once: a second 401 goes to the caller', async () => {
    const { fake, client } = setup();
    fake.hubAnswers.push(HUB_401, HUB_401);
    const response = await client.fetch('/requests/KP-1/state/', { method: 'POST', body: '{}' });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      message: 'Authentication failed.',
      code: 'members:authentication_failed',
    });
    expect(fake.tokenRequests).toHaveLength(2);
    expect(fake.hubCalls).toHaveLength(2);

    // The token the second 401 came with is dropped too.
    await client.fetch('/requests/KP-1/state/', { method: 'POST', body: '{}' });
    expect(fake.tokenRequests).toHaveLength(3);
  });

  it('a typed call that keeps getting 401 throws VectorCareApiError with the hub code', async () => {
    const { fake, client } = setup();
    fake.hubAnswers.push(HUB_401, HUB_401);
    const error = await rejectionOf(client.updateState('KP-1', STATE));
    expect(error).toBeInstanceOf(VectorCareApiError);
    expect(error).toMatchObject({
      status: 401,
      code: 'members:authentication_failed',
      body: { message: 'Authentication failed.', code: 'members:authentication_failed' },
    });
    expect((error as Error).message).toBe(
      'VectorCare API call POST /requests/KP-1/state/ failed (HTTP 401, members:authentication_failed): Authentication failed.',
    );
    expect(fake.hubCalls).toHaveLength(2);
  });

  it('does not retry a request whose body was a one-shot stream, but still drops the token', async () => {
    const { fake, client } = setup();
    fake.hubAnswers.push(HUB_401);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"name":"en_route"}'));
        controller.close();
      },
    });
    const response = await client.fetch('/requests/KP-1/state/', {
      method: 'POST',
      body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(401);
    expect(fake.hubCalls).toHaveLength(1);
    expect(fake.tokenRequests).toHaveLength(1);

    await client.fetch('/requests/KP-1/state/', { method: 'POST', body: '{}' });
    expect(fake.tokenRequests).toHaveLength(2);
  });

  it.each([
    ['URLSearchParams', () => new URLSearchParams({ a: '1' }), 'a=1'],
    ['a Blob', () => new Blob(['blob-body']), 'blob-body'],
    ['a Uint8Array', () => new TextEncoder().encode('bytes-body'), 'bytes-body'],
    ['an ArrayBuffer', () => new TextEncoder().encode('buffer-body').buffer, 'buffer-body'],
  ])('replays a body given as %s', async (_label, makeBody, text) => {
    const { fake, client } = setup();
    fake.hubAnswers.push(HUB_401);
    const response = await client.fetch('/requests/KP-1/state/', { method: 'POST', body: makeBody() });
    expect(response.status).toBe(201);
    expect(fake.hubCalls.map((call) => call.body)).toEqual([text, text]);
  });

  it('many calls refused with the same revoked token cost one new token', async () => {
    const { fake, client } = setup();
    await client.getAccessToken();
    fake.revokeAll();
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => client.fetch('/requests/KP-1/state/', { method: 'POST', body: '{}' })),
    );
    expect(responses.map((response) => response.status)).toEqual(Array.from({ length: 20 }, () => 201));
    expect(fake.tokenRequests).toHaveLength(2);
    expect(fake.hubCalls).toHaveLength(40);
  });

  it('a 403 or a 500 is not retried', async () => {
    const { fake, client } = setup();
    fake.hubAnswers.push(
      () =>
        json(403, {
          message: 'You do not have permission to perform this action.',
          code: 'members:permission_denied',
        }),
      () => json(500, { message: 'Unknown error.', code: 'api:unknown_error' }),
    );
    expect((await client.fetch('/requests/KP-1/accept/', { method: 'PUT' })).status).toBe(403);
    expect((await client.fetch('/requests/KP-1/accept/', { method: 'PUT' })).status).toBe(500);
    expect(fake.hubCalls).toHaveLength(2);
    expect(fake.tokenRequests).toHaveLength(1);
  });

  it('a token endpoint refusal during the retry reaches the caller', async () => {
    const { fake, client } = setup();
    fake.hubAnswers.push(HUB_401);
    fake.tokenAnswers.push(
      () => fake.issue(),
      () => json(401, { error_description: 'Client authentication failed.', error: 'invalid_client' }),
    );
    const error = await rejectionOf(client.updateState('KP-1', STATE));
    expect(error).toMatchObject({ name: 'VectorCareAuthError', status: 401, error: 'invalid_client' });
    expect(fake.hubCalls).toHaveLength(1);
  });
});

describe('createVectorCareClient: fetch()', () => {
  it('sends the bearer token to the path under apiUrl, keeping the caller’s method, headers and body', async () => {
    const { fake, client } = setup();
    await client.fetch('requests/KP-9/decline/', {
      method: 'PUT',
      headers: [['accept-language', 'en']],
      body: '{"response_notes":"no"}',
    });
    const [call] = fake.hubCalls;
    expect(call?.url).toBe(`${API_URL}/requests/KP-9/decline/`);
    expect(call?.method).toBe('PUT');
    expect(call?.headers.get('accept-language')).toBe('en');
    expect(call?.headers.get('authorization')).toBe(`Bearer ${fake.issued[0]}`);
  });

  it('replaces an Authorization header the caller set', async () => {
    const { fake, client } = setup();
    await client.fetch('/requests/KP-9/accept/', {
      method: 'PUT',
      headers: { Authorization: 'Bearer stale' },
    });
    expect(fake.hubCalls[0]?.headers.get('authorization')).toBe(`Bearer ${fake.issued[0]}`);
  });

  it.each(['https://evil.test/steal', 'HTTP://evil.test/', '//evil.test/steal', 'javascript:alert(1)'])(
    'refuses the absolute URL %s, so the token never leaves the hub',
    async (path) => {
      const { fake, client } = setup();
      await expect(client.fetch(path)).rejects.toThrow(TypeError);
      expect(fake.exchanges).toHaveLength(0);
    },
  );

  it('an abort while waiting for the shared token request rejects that caller only', async () => {
    const { fake, client } = setup();
    const held = deferred();
    fake.tokenAnswers.push(async () => {
      await held.promise;
      return fake.issue();
    });
    const controller = new AbortController();
    const aborted = client.fetch('/requests/KP-1/state/', {
      method: 'POST',
      body: '{}',
      signal: controller.signal,
    });
    const other = client.fetch('/requests/KP-2/state/', { method: 'POST', body: '{}' });
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    held.resolve();
    expect((await other).status).toBe(201);
    expect(fake.hubCalls.map((call) => call.url)).toEqual([`${API_URL}/requests/KP-2/state/`]);
  });

  it('passes a network failure of the hub call through, as fetch does', async () => {
    const { fake, client } = setup();
    const failure = new TypeError('fetch failed');
    fake.hubAnswers.push(() => {
      throw failure;
    });
    await expect(client.fetch('/requests/KP-1/state/', { method: 'POST', body: '{}' })).rejects.toBe(failure);
  });
});

describe('createVectorCareClient: typed hub methods', () => {
  it.each([
    ['updateState', 'POST', 'state', STATE, 201, STATE],
    [
      'sendLocations',
      'POST',
      'locations',
      [{ lat: 40.7, lng: -74, alt: 10, timestamp: 1768487400.5 }],
      200,
      {},
    ],
    [
      'accept',
      'PUT',
      'accept',
      { response_notes: 'Unit 42 dispatched.' },
      201,
      { response_notes: 'Unit 42 dispatched.' },
    ],
    ['decline', 'PUT', 'decline', { response_notes: 'No units.' }, 201, {}],
    ['proposeBestTime', 'PUT', 'best-time', { proposed_agreed_dt: '2026-01-15T16:00:00Z' }, 201, {}],
    [
      'requestChange',
      'POST',
      'change-request',
      { agreed_dt: '2026-01-15T16:00:00Z', change_reason: 'Traffic' },
      200,
      {},
    ],
  ] as const)(
    '%s sends %s …/%s/ and resolves with the parsed body',
    async (method, verb, action, body, status, answer) => {
      const { fake, client } = setup();
      fake.hubAnswers.push(() => json(status, answer));
      const call = client[method] as (requestId: string, body: unknown) => Promise<unknown>;
      await expect(call('KP-ABCD1234', body)).resolves.toEqual(answer);
      const [sent] = fake.hubCalls;
      expect(sent?.method).toBe(verb);
      expect(sent?.url).toBe(`${API_URL}/requests/KP-ABCD1234/${action}/`);
      expect(sent?.headers.get('content-type')).toBe('application/json');
      expect(JSON.parse(sent?.body ?? 'null')).toEqual(body);
    },
  );

  it('accept and decline without notes send {}', async () => {
    const { fake, client } = setup();
    fake.hubAnswers.push(
      () => json(201, {}),
      () => json(201, {}),
    );
    await client.accept('KP-1');
    await client.decline('KP-1');
    expect(fake.hubCalls.map((call) => call.body)).toEqual(['{}', '{}']);
  });

  it('encodes the request id into the path', async () => {
    const { fake, client } = setup();
    fake.hubAnswers.push(() => json(201, STATE));
    await client.updateState('KP/../x?y', STATE);
    expect(fake.hubCalls[0]?.url).toBe(`${API_URL}/requests/KP%2F..%2Fx%3Fy/state/`);
    await expect(client.updateState('', STATE)).rejects.toThrow('requestId must be a non-empty string');
  });

  it('a field error gives the first field’s code', async () => {
    const { fake, client } = setup();
    const body = { name: [{ message: '"flying" is not a valid choice.', code: 'common:choice_invalid' }] };
    fake.hubAnswers.push(() => json(400, body));
    const error = await rejectionOf(client.updateState('KP-1', { ...STATE, name: 'flying' as never }));
    expect(error).toMatchObject({
      name: 'VectorCareApiError',
      status: 400,
      code: 'common:choice_invalid',
      body,
    });
    expect((error as Error).message).toContain('name: "flying" is not a valid choice.');
  });

  it('a per-item location error list gives the first item’s code', async () => {
    const { fake, client } = setup();
    const body = [{}, { lat: [{ message: 'This field is required.', code: 'common:required' }] }];
    fake.hubAnswers.push(() => json(400, body));
    const error = await rejectionOf(client.sendLocations('KP-1', []));
    expect(error).toMatchObject({ status: 400, code: 'common:required', body });
  });

  it.each([
    [
      'a non-JSON error',
      () => new Response('<h1>502 Bad Gateway</h1>', { status: 502 }),
      502,
      '<h1>502 Bad Gateway</h1>',
    ],
    ['an empty error', () => new Response(null, { status: 404 }), 404, undefined],
    ['a non-JSON 201', () => new Response('created', { status: 201 }), 201, 'created'],
    ['a JSON error without a code', () => json(500, { detail: 'x' }), 500, { detail: 'x' }],
  ])('%s is a VectorCareApiError without a code', async (_label, answer, status, body) => {
    const { fake, client } = setup();
    fake.hubAnswers.push(answer);
    const error = await rejectionOf(client.decline('KP-1'));
    expect(error).toBeInstanceOf(VectorCareApiError);
    expect(error).toMatchObject({ status, code: undefined, body });
  });
});
