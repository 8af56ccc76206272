import { afterEach, describe, expect, it } from 'vitest';
import { createClock, createMockServer, type MockServer } from '../../mock-server/index.js';
import { assertRecorderConsistent } from './support/recorder-consistency.js';

const startedAt = Date.UTC(2026, 0, 15, 14, 30);
/** How far all clients together move the clock per ten calls each: past the 600 s lifetime. */
const CLOCK_TRAVEL_MS = 800_000;

/** What one virtual client sent, to compare with what the recorder kept. */
interface Sent {
  readonly nonces: string[];
  tokenRequests: number;
  readonly statuses: number[];
}

/**
 * A client that reuses its token, revokes its own tokens and moves the mock clock now and then through
 * the control API, and on a 401 gets a fresh token and retries once. Each hub call carries a nonce, so the recorder's copy of the
 * body says exactly which call it was.
 */
async function runClient(
  mock: MockServer,
  send: (request: Request) => Promise<Response>,
  calls: number,
  index: number,
  clientId: string,
  secret: string,
  sent: Sent,
  clockStepMs: number,
): Promise<void> {
  let token: string | undefined;
  const fetchToken = async (): Promise<void> => {
    sent.tokenRequests += 1;
    const response = await send(
      new Request(mock.tokenUrl, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: clientId,
          client_secret: secret,
        }),
      }),
    );
    sent.statuses.push(response.status);
    token = ((await response.json()) as { access_token: string }).access_token;
  };
  const hubCall = async (nonce: string): Promise<number> => {
    sent.nonces.push(nonce);
    const response = await send(
      new Request(`${mock.apiUrl}/requests/KP-${index}/state/`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token ?? ''}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          name: 'en_route',
          timestamp: new Date(mock.clock.now() - 1_000).toISOString(),
          nonce,
        }),
      }),
    );
    await response.text();
    sent.statuses.push(response.status);
    return response.status;
  };

  await fetchToken();
  for (let call = 0; call < calls; call += 1) {
    if (call % 17 === index % 17) {
      const response = await send(
        new Request(`${mock.url}/__control/tokens/revoke`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ client_id: clientId }),
        }),
      );
      sent.statuses.push(response.status);
    }
    if (call % 10 === index % 10) {
      // Each client moves the clock forward once per ten calls: together, past the 600 s lifetime.
      const response = await send(
        new Request(`${mock.url}/__control/clock`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ advance_ms: clockStepMs }),
        }),
      );
      sent.statuses.push(response.status);
    }
    if ((await hubCall(`${index}-${call}`)) === 401) {
      await fetchToken();
      await hubCall(`${index}-${call}-retry`);
    }
  }
}

describe('concurrent clients with revocations and clock moves', () => {
  let mock: MockServer | undefined;
  afterEach(async () => {
    await mock?.close();
    mock = undefined;
  });

  // In-process, 200 clients, with room for everything and with a recorder smaller than the run. Over real
  // sockets, 50 clients (the bench's connection count) with fewer calls: there most of the CPU is the test's
  // own fetch (profiled with 100 clients: undici and Web streams about 4 s of the run's 5 s CPU, the mock's
  // code under 1 s). 200 clients took 7 s of CPU, and 100.7 s of the 120 s limit at load 20; 50 take 2.5 s.
  for (const { transport, clients: clientCount, capacity, calls } of [
    { transport: 'in-process', clients: 200, capacity: 50_000, calls: 50 },
    { transport: 'in-process', clients: 200, capacity: 4_000, calls: 50 },
    { transport: 'socket', clients: 50, capacity: 50_000, calls: 10 },
  ] as const) {
    it(`${transport}, ${clientCount} clients, ${calls} calls each: no 5xx, and the recorder (capacity ${capacity}) holds exactly what was sent, up to its bound`, async () => {
      mock = await createMockServer({
        listen: transport === 'socket',
        ...(transport === 'socket' ? { port: 0 } : {}),
        clock: createClock({ frozenAt: startedAt }),
        recorderCapacity: capacity,
      });
      const server = mock;
      const send = transport === 'socket' ? (request: Request) => fetch(request) : server.fetch;
      const clients = Array.from({ length: clientCount }, () =>
        server.control.createClient({ expiresIn: 600 }),
      );
      const clockStepMs = CLOCK_TRAVEL_MS / clientCount;
      const sent = clients.map((): Sent => ({ nonces: [], tokenRequests: 0, statuses: [] }));

      await Promise.all(
        clients.map((client, index) =>
          runClient(
            server,
            send,
            calls,
            index,
            client.clientId,
            client.clientSecret,
            sent[index] as Sent,
            clockStepMs,
          ),
        ),
      );

      const statuses = sent.flatMap((client) => client.statuses);
      expect(statuses.filter((status) => status >= 500)).toEqual([]);
      expect(statuses.filter((status) => ![200, 201, 401].includes(status))).toEqual([]);
      expect(server.clock.now() - startedAt).toBeGreaterThan(600_000);

      const recordings = server.control.recordings();
      const nonces = sent.flatMap((client) => client.nonces);
      const tokenRequests = sent.reduce((sum, client) => sum + client.tokenRequests, 0);
      const total = nonces.length + tokenRequests;
      expect(server.recorder.size).toBe(Math.min(total, capacity));
      expect(server.recorder.dropped).toBe(Math.max(0, total - capacity));
      assertRecorderConsistent(server, clients[0]?.clientSecret ?? '');
      const recordedNonces = recordings
        .filter((recording) => recording.endpoint === 'hub')
        .map((recording) => (recording.request_body as { nonce: string }).nonce);
      expect(new Set(recordedNonces).size).toBe(recordedNonces.length);
      if (capacity >= total) {
        expect(recordedNonces.sort()).toEqual([...nonces].sort());
        expect(recordings.filter((recording) => recording.endpoint === 'token')).toHaveLength(tokenRequests);
      } else {
        // The ring buffer keeps the newest exchanges: all of them were sent.
        const sentNonces = new Set(nonces);
        for (const nonce of recordedNonces) expect(sentNonces.has(nonce)).toBe(true);
      }
    }, 120_000);
  }
});
