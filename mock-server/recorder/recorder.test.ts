import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { callControl } from '../../test-support/control-calls.js';
import { fetchToken } from '../../test-support/hub-calls.js';
import { createClock } from '../clock.js';
import { toRecordings } from '../control/recording-json.js';
import { createMockServer, type MockServer } from '../create-mock-server.js';
import { HUB_BASE_PATH } from '../options.js';
import type { RecordedEvent } from './recorded-event.js';

const now = Date.UTC(2026, 0, 15, 14, 30);
const STATE = `${HUB_BASE_PATH}/requests/KP-ABCD1234/state/`;

describe('the recorder keeps typed domain events', () => {
  let mock: MockServer;
  let ids = 0;
  beforeAll(async () => {
    mock = await createMockServer({
      port: 0,
      clock: createClock({ frozenAt: now }),
      nextRequestId: () => `test-${(ids += 1)}`,
    });
  });
  afterAll(() => mock.close());
  beforeEach(() => {
    mock.control.reset();
    mock.clock.freeze(now);
  });

  async function stateUpdate(token: string): Promise<number> {
    const response = await fetch(`${mock.url}${STATE}?b=1`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'en_route', timestamp: '2026-01-15T14:29:00Z', secret: 'x' }),
    });
    return response.status;
  }

  it('a token request and a hub call, camelCase, each with its request id', async () => {
    const token = await fetchToken(mock, 'demo-client', 'demo-secret');
    expect(await stateUpdate(token)).toBe(201);
    const [issued, call, ...more] = mock.recorder.list();
    expect(more).toEqual([]);
    expect(issued).toMatchObject({
      kind: 'token',
      atMs: now,
      durationMs: 0,
      method: 'POST',
      path: '/v2.0/oauth2/token',
      queryKeys: [],
      status: 200,
      clientId: 'demo-client',
      grantType: 'client_credentials',
      expiresIn: 3600,
      contentType: 'application/x-www-form-urlencoded',
      authMethod: 'client_secret_post',
      credentialsInQuery: false,
      error: null,
      fault: null,
    });
    expect(issued?.kind === 'token' ? issued.jtiIssued : undefined).toMatch(/^[0-9a-f-]{36}$/);
    expect(call).toMatchObject({
      kind: 'hub',
      seq: (issued?.seq ?? 0) + 1,
      path: STATE,
      queryKeys: ['b'],
      status: 201,
      clientId: 'demo-client',
      tokenCheck: 'valid',
      authMethod: 'bearer',
      requestBody: { name: 'en_route', timestamp: '2026-01-15T14:29:00Z', secret: '[redacted]' },
    });
    expect(call?.kind === 'hub' ? call.jtiPresented : undefined).toBe(
      issued?.kind === 'token' ? issued.jtiIssued : 'no token',
    );
    expect(issued?.requestId).toMatch(/^test-\d+$/);
    expect(call?.requestId).toMatch(/^test-\d+$/);
    expect(call?.requestId).not.toBe(issued?.requestId);
    // No snake_case inside: that shape is made at the control API's edge only.
    for (const event of [issued, call])
      expect(Object.keys(event ?? {}).filter((key) => key.includes('_'))).toEqual([]);
  });

  it('control API requests in a ring of their own, which neither count as exchanges nor renumber them', async () => {
    await fetchToken(mock, 'demo-client', 'demo-secret');
    const before = mock.recorder.list();
    expect((await callControl(mock.url, 'GET', '/__control/clock')).status).toBe(200);
    expect((await callControl(mock.url, 'GET', '/__control/nothing')).status).toBe(404);
    await fetchToken(mock, 'demo-client', 'demo-secret');
    const after = mock.recorder.list();
    expect(after.map((event) => event.seq)).toEqual([before[0]?.seq, (before[0]?.seq ?? 0) + 1]);
    expect(mock.recorder.size).toBe(2);
    const control = mock.recorder.controlExchanges();
    expect(
      control.map(({ kind, method, path, status, error }) => ({ kind, method, path, status, error })),
    ).toEqual([
      { kind: 'control', method: 'GET', path: '/__control/clock', status: 200, error: null },
      { kind: 'control', method: 'GET', path: '/__control/nothing', status: 404, error: 'not_found' },
    ]);
    expect(control[1]?.seq).toBe((control[0]?.seq ?? 0) + 1);
  });

  it('tells a subscriber of every event, whatever its kind, as it is kept', async () => {
    const seen: RecordedEvent[] = [];
    const stop = mock.recorder.subscribe((event) => seen.push(event));
    try {
      const token = await fetchToken(mock, 'demo-client', 'demo-secret');
      await stateUpdate(token);
      await callControl(mock.url, 'GET', '/__control/faults');
    } finally {
      stop();
    }
    expect(seen.map((event) => event.kind)).toEqual(['token', 'hub', 'control']);
    await fetchToken(mock, 'demo-client', 'demo-secret');
    expect(seen).toHaveLength(3);
  });

  it('the control API serves the same exchanges in the wire shape', async () => {
    const token = await fetchToken(mock, 'demo-client', 'demo-secret');
    await stateUpdate(token);
    const served = (await callControl(mock.url, 'GET', '/__control/recordings')).body as {
      recordings: unknown;
    };
    expect(served.recordings).toEqual(toRecordings(mock.recorder.list()));
    expect(mock.control.recordings()).toEqual(served.recordings);
  });
});
