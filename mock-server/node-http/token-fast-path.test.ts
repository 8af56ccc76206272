import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { exchangeRaw } from '../../test-support/raw-http.js';
import { createClock } from '../clock.js';
import { createMockServer, type MockServer } from '../create-mock-server.js';
import { TOKEN_PATH } from '../options.js';

// What both transports answer alike, case by case, is in transport-parity.test.ts.

const issuedAt = Date.UTC(2026, 0, 15, 14, 30);

/** Headers as a record, or as name/value pairs when a case repeats one. */
type Headers = Record<string, string> | readonly (readonly [string, string])[];

function post(target: string, body: string, headers: Headers = {}): string {
  const pairs = Array.isArray(headers) ? headers : Object.entries(headers);
  const lines = [
    `POST ${target} HTTP/1.1`,
    'Host: 127.0.0.1',
    'Connection: close',
    `Content-Length: ${Buffer.byteLength(body)}`,
    ...pairs.map(([name, value]) => `${name}: ${value}`),
  ];
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

describe('the token fast path', () => {
  let mock: MockServer;
  beforeAll(async () => {
    // Frozen time and a fixed jti make two tokens for the same client identical, RS256 being deterministic.
    mock = await createMockServer({
      port: 0,
      clock: createClock({ frozenAt: issuedAt }),
      randomId: () => '00000000-0000-4000-8000-000000000001',
    });
  });
  afterAll(() => mock.close());

  it('records the exchange as the Hono route does, the query aside', async () => {
    mock.recorder.clear();
    const body = 'grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret';
    await exchangeRaw(mock.port, post(TOKEN_PATH, body, FORM));
    await exchangeRaw(mock.port, post(`${TOKEN_PATH}?via=hono`, body, FORM));
    const [fast, viaHono] = mock.control.recordings();
    expect(fast).toMatchObject({ status: 200, client_id: 'demo-client', auth_method: 'client_secret_post' });
    expect({ ...fast, seq: 0, query_keys: [] }).toEqual({ ...viaHono, seq: 0, query_keys: [] });
    expect(viaHono?.query_keys).toEqual(['via']);
  });

  it('leaves other methods to the Hono route', async () => {
    const answer = await exchangeRaw(
      mock.port,
      `GET ${TOKEN_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 405 /);
    expect(answer).toContain('Allow: POST');
  });

  it('logs a failure it cannot answer by its kind alone, closes that connection, and keeps serving', async () => {
    const body = 'grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret';
    // A recorder listener that throws fails the request after its answer was decided, outside the
    // endpoint's own error handling: the fast path's last resort.
    const stop = mock.recorder.subscribe(() => {
      throw new TypeError('listener saw demo-secret');
    });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(await exchangeRaw(mock.port, post(TOKEN_PATH, body, FORM))).toBe('');
      expect(errors.mock.calls).toEqual([
        ['vectorcare-auth-mock: token request failed, connection closed:', 'TypeError'],
      ]);
    } finally {
      stop();
      errors.mockRestore();
    }
    expect(await exchangeRaw(mock.port, post(TOKEN_PATH, body, FORM))).toMatch(/^HTTP\/1\.1 200 /);
  });
});
