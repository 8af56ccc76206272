import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createMockServer, DEMO_CLIENT, TOKEN_PATH, type MockServer } from '../../mock-server/index.js';
import { assertRecorderConsistent } from './support/recorder-consistency.js';
import { assertServesValidToken } from './support/token-health.js';

const FORM = new URLSearchParams({
  grant_type: 'client_credentials',
  client_id: DEMO_CLIENT.clientId,
  client_secret: DEMO_CLIENT.clientSecret,
}).toString();

/** A token request that stops half-way through its body and hangs up once the server has started on it. */
function abandonMidBody(port: number): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.on('error', () => undefined);
    socket.on('close', () => resolve());
    socket.on('data', (chunk: Buffer) => {
      // 100 Continue: the app has the request and waits for the body. Hang up now.
      if (chunk.toString('latin1').startsWith('HTTP/1.1 100')) socket.destroy();
    });
    socket.on('connect', () =>
      socket.write(
        `POST ${TOKEN_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n` +
          `Content-Length: ${FORM.length}\r\nExpect: 100-continue\r\n\r\n${FORM.slice(0, 20)}`,
      ),
    );
  });
}

function tokenRequest(mock: MockServer): Promise<Response> {
  return fetch(mock.tokenUrl, { method: 'POST', body: new URLSearchParams(FORM) });
}

describe('faults: the server keeps serving and the recorder stays consistent', () => {
  let mock: MockServer | undefined;
  afterEach(async () => {
    await mock?.close();
    mock = undefined;
  });

  it('clients that hang up mid-body: each exchange recorded once, nothing else disturbed', async () => {
    mock = await createMockServer({ port: 0 });
    const port = mock.port;
    const good = Array.from({ length: 20 }, () => tokenRequest(mock as MockServer));
    await Promise.all(Array.from({ length: 50 }, () => abandonMidBody(port)));
    const statuses = await Promise.all(good.map(async (response) => (await response).status));
    expect(statuses.every((status) => status === 200)).toBe(true);
    // The app saw each abandoned request: it is recorded (as unreadable), never as a success.
    await expect.poll(() => mock?.recorder.size, { timeout: 60_000 }).toBe(70);
    const abandoned = mock.control.recordings().filter((recording) => recording.status !== 200);
    expect(abandoned).toHaveLength(50);
    for (const recording of abandoned) expect(recording.jti_issued).toBeNull();
    assertRecorderConsistent(mock, DEMO_CLIENT.clientSecret);
    await assertServesValidToken((request) => fetch(request), mock.url);
  });

  it('a drop_connection fault: the dropped requests fail, the others succeed, all are recorded', async () => {
    mock = await createMockServer({ port: 0 });
    mock.control.addFault({ target: 'token', kind: 'drop_connection', count: 15 });
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, () =>
        tokenRequest(mock as MockServer).then(
          (response) => response.status,
          () => 'dropped' as const,
        ),
      ),
    );
    expect(outcomes.filter((outcome) => outcome === 'dropped')).toHaveLength(15);
    expect(outcomes.filter((outcome) => outcome === 200)).toHaveLength(25);
    const recordings = mock.control.recordings();
    expect(
      recordings.filter((recording) => recording.fault === 'drop_connection' && recording.status === 0),
    ).toHaveLength(15);
    expect(recordings.filter((recording) => recording.status === 200)).toHaveLength(25);
    assertRecorderConsistent(mock, DEMO_CLIENT.clientSecret);
    await assertServesValidToken((request) => fetch(request), mock.url);
  });

  it('a control-plane reset in the middle of traffic: no 5xx, no lost exchange after it', async () => {
    mock = await createMockServer({ port: 0 });
    const server = mock;
    const token = ((await (await tokenRequest(server)).json()) as { access_token: string }).access_token;
    const hubCall = (): Promise<number> =>
      fetch(`${server.apiUrl}/requests/KP-ABCD1234/state/`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'arrived', timestamp: new Date(Date.now() - 1_000).toISOString() }),
      }).then((response) => response.status);
    const reset = (): Promise<number> =>
      fetch(`${server.url}/__control/reset`, { method: 'POST' }).then((response) => response.status);

    const traffic: Promise<number>[] = [];
    const resets: Promise<number>[] = [];
    for (let round = 0; round < 10; round += 1) {
      for (let i = 0; i < 30; i += 1)
        traffic.push(i % 3 === 0 ? tokenRequest(server).then((r) => r.status) : hubCall());
      resets.push(reset());
      server.control.addFault({ target: 'hub', kind: 'hub_unauthorized', count: 2 });
    }
    expect(await Promise.all(resets)).toEqual(Array(10).fill(200));
    const statuses = await Promise.all(traffic);
    expect(statuses.filter((status) => status >= 500)).toEqual([]);
    // Tokens of demo-client survive a reset; a queued hub_unauthorized fault answers 401.
    expect(statuses.filter((status) => ![200, 201, 401].includes(status))).toEqual([]);

    // After a final reset, every exchange is recorded exactly once.
    expect(await reset()).toBe(200);
    const after = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        i % 2 === 0 ? hubCall() : tokenRequest(server).then((r) => r.status),
      ),
    );
    expect(after.every((status) => status === 200 || status === 201)).toBe(true);
    expect(server.recorder.size).toBe(30);
    assertRecorderConsistent(server, DEMO_CLIENT.clientSecret);
  });
});
