import type { MockServer } from '../mock-server/index.js';

export interface TrafficShape {
  readonly clients: number;
  readonly tokensPerClient: number;
  readonly callsPerToken: number;
  /** Token lifetime, seconds. */
  readonly expiresIn: number;
  /** How far the clock moves after each round of calls, ms. */
  readonly stepMs: number;
}

/** How many exchanges `recordTraffic` makes with this shape. */
export const exchangesOf = (shape: TrafficShape): number =>
  shape.clients * shape.tokensPerClient * (1 + shape.callsPerToken);

/**
 * Fills a mock's recorder with real exchanges, made through its own app in-process (`mock.fetch`, the same
 * routes and exchanges as over HTTP, without sockets): clients `load-0`, `load-1`, ... each ask for a token,
 * make `callsPerToken` hub calls with it, one round of calls every `stepMs` on the mock's (frozen) clock, then
 * ask for the next token. Returns the client ids.
 */
export async function recordTraffic(mock: MockServer, shape: TrafficShape): Promise<string[]> {
  const clients = Array.from({ length: shape.clients }, (_, i) =>
    mock.control.createClient({
      clientId: `load-${i}`,
      clientSecret: `load-secret-${i}`,
      expiresIn: shape.expiresIn,
    }),
  );
  for (let t = 0; t < shape.tokensPerClient; t += 1) {
    const tokens = await Promise.all(
      clients.map(async (client) => {
        const response = await mock.fetch(
          new Request(mock.tokenUrl, {
            method: 'POST',
            body: new URLSearchParams({
              grant_type: 'client_credentials',
              client_id: client.clientId,
              client_secret: client.clientSecret,
            }),
          }),
        );
        if (response.status !== 200) throw new Error(`token request answered ${response.status}`);
        return ((await response.json()) as { access_token: string }).access_token;
      }),
    );
    for (let c = 0; c < shape.callsPerToken; c += 1) {
      await Promise.all(
        tokens.map(async (token, i) => {
          const response = await mock.fetch(
            new Request(`${mock.apiUrl}/requests/KP-LOAD${i}/state/`, {
              method: 'POST',
              headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
              body: JSON.stringify({ name: 'en_route', timestamp: '2026-01-15T14:30:00Z' }),
            }),
          );
          await response.arrayBuffer();
        }),
      );
      mock.clock.advance(shape.stepMs);
    }
  }
  return clients.map((client) => client.clientId);
}
