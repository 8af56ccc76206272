import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { callControl } from '../../test-support/control-calls.js';
import { callHub, fetchToken } from '../../test-support/hub-calls.js';
import { assertMatchesSpec } from '../../test-support/openapi-validator.js';
import { createClock } from '../clock.js';
import { createMockServer, type MockServer } from '../create-mock-server.js';

const now = Date.UTC(2026, 0, 15, 14, 30);
const STATE = '/requests/KP-ABCD1234/state/';

describe('control API', () => {
  let mock: MockServer;
  const control = (method: string, path: string, body?: unknown) =>
    callControl(mock.url, method, `/__control${path}`, body === undefined ? {} : { body });

  beforeAll(async () => {
    mock = await createMockServer({ port: 0, clock: createClock({ frozenAt: now }) });
  });
  afterAll(() => mock.close());
  beforeEach(() => {
    mock.control.reset();
    mock.clock.freeze(now);
  });

  describe('clients', () => {
    it('creates a client with its own id, secret and expires_in; its tokens carry that lifetime', async () => {
      const created = await control('POST', '/clients', {
        client_id: 'scenario-1',
        client_secret: 'scenario-secret',
        expires_in: 90,
      });
      expect(created).toMatchObject({
        status: 201,
        body: { client_id: 'scenario-1', client_secret: 'scenario-secret', expires_in: 90 },
      });
      const response = await fetch(mock.tokenUrl, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: 'scenario-1',
          client_secret: 'scenario-secret',
        }),
      });
      expect(((await response.json()) as { expires_in: number }).expires_in).toBe(90);
    });

    it('generates an id and secret when none are given, and the default lifetime', async () => {
      const created = await control('POST', '/clients', {});
      expect(created.status).toBe(201);
      const body = created.body as { client_id: string; client_secret: string; expires_in: number };
      expect(body.client_id).toMatch(/^client-/);
      expect(body.client_secret.length).toBeGreaterThanOrEqual(32);
      expect(body.expires_in).toBe(3600);
    });

    it('refuses a taken client_id with 409 naming the field', async () => {
      const taken = await control('POST', '/clients', { client_id: 'demo-client' });
      expect(taken).toMatchObject({ status: 409, body: { error: 'conflict', field: 'client_id' } });
    });

    it.each([
      [{ expires_in: 0 }, 'expires_in'],
      [{ expires_in: 1.5 }, 'expires_in'],
      [{ expires_in: '60' }, 'expires_in'],
      [{ client_id: '' }, 'client_id'],
      [{ client_secret: 7 }, 'client_secret'],
      [{ lifetime: 60 }, 'lifetime'],
      ['[1]', 'body'],
      ['{"expires_in":', 'body'],
    ])('refuses %j with 400 naming %s', async (body, field) => {
      const result = await control('POST', '/clients', body);
      expect(result).toMatchObject({ status: 400, body: { error: 'invalid_body', field } });
      expect((result.body as { message: string }).message).toContain(field);
    });
  });

  describe('tokens/revoke', () => {
    it('revokes one token by jti: the hub then answers 401 for it', async () => {
      const token = await fetchToken(mock, 'demo-client', 'demo-secret');
      const jti = mock.control.recordings().at(-1)?.jti_issued;
      expect(await control('POST', '/tokens/revoke', { jti })).toMatchObject({
        status: 200,
        body: { revoked: 1 },
      });
      expect(await control('POST', '/tokens/revoke', { jti })).toMatchObject({
        status: 200,
        body: { revoked: 0 },
      });
      const result = await callHub(mock, 'POST', STATE, {
        token,
        body: { name: 'arrived', timestamp: new Date(now).toISOString() },
      });
      expect(result.status).toBe(401);
    });

    it('revokes every live token of a client', async () => {
      const client = mock.control.createClient();
      await fetchToken(mock, client.clientId, client.clientSecret);
      await fetchToken(mock, client.clientId, client.clientSecret);
      const result = await control('POST', '/tokens/revoke', { client_id: client.clientId });
      expect(result).toMatchObject({ status: 200, body: { revoked: 2 } });
    });

    it.each([[{}], [{ jti: 'a', client_id: 'b' }], [{ jti: 5 }], [{ token: 'x' }]])(
      'needs exactly one of jti and client_id: %j is 400',
      async (body) => {
        const result = await control('POST', '/tokens/revoke', body);
        expect(result).toMatchObject({ status: 400, body: { error: 'invalid_body' } });
      },
    );
  });

  describe('faults', () => {
    it('queues, lists and clears faults', async () => {
      const added = await control('POST', '/faults', {
        target: 'hub',
        kind: 'rate_limit',
        retry_after: 3,
        count: 2,
      });
      expect(added).toMatchObject({
        status: 201,
        body: { target: 'hub', kind: 'rate_limit', retry_after: 3, remaining: 2 },
      });
      expect((await control('GET', '/faults')).body).toEqual({ faults: [added.body] });
      expect(await control('DELETE', '/faults')).toMatchObject({ status: 200, body: { faults: [] } });
    });

    it('a token_response fault makes the token endpoint answer the given status and body', async () => {
      await control('POST', '/faults', {
        target: 'token',
        kind: 'token_response',
        status: 503,
        body: { error: 'temporarily_unavailable' },
      });
      const response = await fetch(mock.tokenUrl, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: 'demo-client',
          client_secret: 'demo-secret',
        }),
      });
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ error: 'temporarily_unavailable' });
      expect(mock.control.recordings().at(-1)).toMatchObject({
        endpoint: 'token',
        status: 503,
        fault: 'token_response',
      });
    });

    it('a hub_unauthorized fault for a client makes its next hub call 401 however good the token', async () => {
      const token = await fetchToken(mock, 'demo-client', 'demo-secret');
      await control('POST', '/faults', { target: 'hub', kind: 'hub_unauthorized', client_id: 'demo-client' });
      const body = { name: 'arrived', timestamp: new Date(now).toISOString() };
      expect((await callHub(mock, 'POST', STATE, { token, body })).status).toBe(401);
      expect((await callHub(mock, 'POST', STATE, { token, body })).status).toBe(201);
    });

    it.each([
      [{ target: 'token', kind: 'hub_unauthorized' }, 'kind'],
      [{ target: 'hub', kind: 'token_response', status: 500 }, 'kind'],
      [{ target: 'hub', kind: 'delay' }, 'delay_ms'],
      [{ target: 'hub', kind: 'delay', delay_ms: -1 }, 'delay_ms'],
      [{ target: 'hub', kind: 'rate_limit', delay_ms: 5 }, 'delay_ms'],
      [{ target: 'token', kind: 'token_response', status: 99 }, 'status'],
      [{ target: 'hub', kind: 'rate_limit', retry_after: 'soon' }, 'retry_after'],
      [{ target: 'hub', kind: 'drop_connection', count: 0 }, 'count'],
      [{ target: 'token', kind: 'lifetime' }, 'expires_in'],
      [{ target: 'token', kind: 'lifetime', expires_in: 0 }, 'expires_in'],
      [{ target: 'hub', kind: 'lifetime', expires_in: 60 }, 'kind'],
      [{ target: 'token', kind: 'delay', delay_ms: 1, expires_in: 60 }, 'expires_in'],
      [{ target: 'auth', kind: 'delay', delay_ms: 1 }, 'target'],
      [{ target: 'hub', kind: 'explode' }, 'kind'],
      [{ target: 'hub', kind: 'drop_connection', client: 'x' }, 'client'],
      [
        `{"target":"token","kind":"token_response","body":${'['.repeat(10_000)}${']'.repeat(10_000)}}`,
        'body',
      ],
    ])('refuses %j with 400 naming %s', async (body, field) => {
      const result = await control('POST', '/faults', body);
      expect(result).toMatchObject({ status: 400, body: { error: 'invalid_body', field } });
      expect(mock.control.listFaults()).toEqual([]);
    });
  });

  it('refuses a token_response body nested deeper than JSON can be serialised back', async () => {
    const deep = `{"target":"token","kind":"token_response","body":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
    const result = await control('POST', '/faults', deep);
    expect(result).toMatchObject({ status: 400, body: { error: 'invalid_body', field: 'body' } });
    expect(mock.control.listFaults()).toEqual([]);
  });

  describe('clock', () => {
    it('reads, freezes, advances, offsets and returns to real time', async () => {
      expect(await control('GET', '/clock')).toMatchObject({
        status: 200,
        body: { mode: 'frozen', now: '2026-01-15T14:30:00.000Z', now_ms: now },
      });
      expect((await control('POST', '/clock', { frozen_at: '2026-02-01T00:00:00Z' })).body).toMatchObject({
        mode: 'frozen',
        now_ms: Date.UTC(2026, 1, 1),
      });
      expect((await control('POST', '/clock', { advance_ms: 1500 })).body).toMatchObject({
        now_ms: Date.UTC(2026, 1, 1) + 1500,
      });
      expect((await control('POST', '/clock', { frozen_at: now })).body).toMatchObject({ now_ms: now });
      const offset = (await control('POST', '/clock', { offset_ms: 3_600_000 })).body as {
        mode: string;
        offset_ms: number;
      };
      expect(offset.mode).toBe('offset');
      expect(Math.abs(offset.offset_ms - 3_600_000)).toBeLessThan(1000);
      expect((await control('POST', '/clock', { real: true })).body).toMatchObject({ mode: 'real' });
    });

    it.each([
      [{}, 'body'],
      [{ offset_ms: 1, advance_ms: 1 }, 'advance_ms'],
      [{ advance_ms: -5 }, 'advance_ms'],
      [{ frozen_at: 'tomorrow' }, 'frozen_at'],
      [{ frozen_at: '2026-13-45T99:00:00Z' }, 'frozen_at'],
      [{ real: false }, 'real'],
      [{ offset_ms: '60' }, 'offset_ms'],
      [{ speed: 2 }, 'speed'],
      [{ offset_ms: 1e300 }, 'offset_ms'],
      [{ advance_ms: 1e300 }, 'advance_ms'],
      [{ frozen_at: -1 }, 'frozen_at'],
      [{ frozen_at: 8.64e15 }, 'frozen_at'],
    ])('refuses %j with 400 naming %s', async (body, field) => {
      const result = await control('POST', '/clock', body);
      expect(result).toMatchObject({ status: 400, body: { error: 'invalid_body', field } });
      expect(mock.clock.now()).toBe(now);
    });
  });

  describe('recordings', () => {
    it('filters by client_id and since_seq, and says how full the buffer is', async () => {
      const other = mock.control.createClient();
      await fetchToken(mock, 'demo-client', 'demo-secret');
      await fetchToken(mock, other.clientId, other.clientSecret);
      await fetchToken(mock, 'demo-client', 'demo-secret');
      const all = (await control('GET', '/recordings')).body as {
        recordings: { seq: number; client_id: string }[];
        dropped: number;
        capacity: number;
      };
      expect(all.recordings).toHaveLength(3);
      expect(all).toMatchObject({ dropped: 0, capacity: 10_000 });
      const demo = (await control('GET', '/recordings?client_id=demo-client')).body as typeof all;
      expect(demo.recordings.map((r) => r.client_id)).toEqual(['demo-client', 'demo-client']);
      const first = all.recordings[0]?.seq ?? 0;
      const since = (await control('GET', `/recordings?since_seq=${first}`)).body as typeof all;
      expect(since.recordings.map((r) => r.seq)).toEqual([first + 1, first + 2]);
    });

    it.each(['since_seq=-1', 'since_seq=abc', 'clientid=x'])('refuses ?%s with 400', async (query) => {
      const result = await control('GET', `/recordings?${query}`);
      expect(result).toMatchObject({ status: 400, body: { error: 'invalid_body' } });
    });

    it('exports HAR 1.2 with log.entries and no secret', async () => {
      const basic = Buffer.from('demo-client:demo-secret').toString('base64');
      await fetch(mock.tokenUrl, {
        method: 'POST',
        headers: { authorization: `Basic ${basic}` },
        body: new URLSearchParams({ grant_type: 'client_credentials' }),
      });
      const token = await fetchToken(mock, 'demo-client', 'demo-secret');
      const body = { name: 'arrived', timestamp: new Date(now).toISOString() };
      await callHub(mock, 'POST', `${STATE}?access_token=leak`, { token, body });
      const response = await fetch(`${mock.url}/__control/recordings.har?client_id=demo-client`);
      expect(response.status).toBe(200);
      const text = await response.text();
      const har = JSON.parse(text) as { log: { version: string; entries: Record<string, unknown>[] } };
      assertMatchesSpec('GET', '/__control/recordings.har', 200, har);
      expect(har.log.version).toBe('1.2');
      expect(har.log.entries).toHaveLength(3);
      for (const secret of ['demo-secret', basic, 'leak', token]) expect(text).not.toContain(secret);
      const [basicEntry, postEntry, hubEntry] = har.log.entries as {
        request: { url: string; headers: { name: string; value: string }[]; postData?: unknown };
        response: { status: number };
        _vectorcare: Record<string, unknown>;
      }[];
      expect(basicEntry?.request.headers).toContainEqual({
        name: 'Authorization',
        value: 'Basic [redacted]',
      });
      expect(postEntry?.request.postData).toMatchObject({
        params: expect.arrayContaining([{ name: 'client_secret', value: '[redacted]' }]),
      });
      expect(hubEntry?.request.url).toBe(`${mock.url}/openapi/v2.0${STATE}?access_token=[redacted]`);
      expect(hubEntry?.request.postData).toEqual({
        mimeType: 'application/json',
        text: JSON.stringify(body),
      });
      expect(hubEntry?.response.status).toBe(201);
      expect(hubEntry?._vectorcare).toMatchObject({
        jti_presented: postEntry?._vectorcare['jti_issued'],
        credentials_in_query: true,
      });
      expect(mock.har({ clientId: 'demo-client' })).toEqual(har);
    });
  });

  it('reset forgets created clients, faults, revocations and recordings, and returns the clock to real time', async () => {
    const client = mock.control.createClient({ clientId: 'to-forget' });
    await fetchToken(mock, client.clientId, client.clientSecret);
    mock.control.addFault({ target: 'hub', kind: 'drop_connection' });
    expect(await control('POST', '/reset')).toMatchObject({ status: 200, body: {} });
    expect(mock.control.listFaults()).toEqual([]);
    expect(mock.recorder.size).toBe(0);
    expect(mock.clock.state().mode).toBe('real');
    expect(mock.context.clients.has('to-forget')).toBe(false);
  });

  it('an unknown control path is 404 and a wrong method 405 with Allow', async () => {
    expect(await control('GET', '/nothing')).toMatchObject({ status: 404, body: { error: 'not_found' } });
    const wrong = await control('PUT', '/clock');
    expect(wrong).toMatchObject({ status: 405, body: { error: 'method_not_allowed' } });
    expect(wrong.headers.get('allow')).toBe('GET, POST');
  });
});

describe('recorder bound', () => {
  it('keeps only the newest `recorderCapacity` exchanges and counts the dropped ones', async () => {
    const mock = await createMockServer({ port: 0, recorderCapacity: 3 });
    try {
      for (let i = 0; i < 5; i += 1) await fetchToken(mock, 'demo-client', 'demo-secret');
      const list = (await callControl(mock.url, 'GET', '/__control/recordings')).body as {
        recordings: { seq: number }[];
        dropped: number;
        capacity: number;
      };
      expect(list.recordings.map((r) => r.seq)).toEqual([3, 4, 5]);
      expect(list).toMatchObject({ dropped: 2, capacity: 3 });
    } finally {
      await mock.close();
    }
  });
});
