import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createClock, createMockServer, DEMO_CLIENT } from '../../mock-server/index.js';
import { assertMatchesSpec } from '../../test-support/openapi-validator.js';
import { buildJwtAttacks } from './support/jwt-attack-corpus.js';
import { NODE_MAX_HEADER_BYTES } from './support/response-invariants.js';
import { fetchToken } from '../../test-support/hub-calls.js';

const now = Date.UTC(2026, 0, 15, 14, 30);
const STATE_PATH = '/openapi/v2.0/requests/KP-ABCD1234/state/';
const STATE_BODY = JSON.stringify({ name: 'en_route', timestamp: '2026-01-15T14:29:00Z' });
const AUTH_FAILED = { message: 'Authentication failed.', code: 'members:authentication_failed' };

/** A loopback server standing in for an attacker's key host: it only counts what reaches it. */
const keyServerHits: string[] = [];
const keyServer: Server = createServer((request, response) => {
  keyServerHits.push(`${request.method} ${request.url}`);
  response.end('{"keys":[]}');
});
await new Promise<void>((resolve) => keyServer.listen(0, '127.0.0.1', resolve));
const keyServerUrl = `http://127.0.0.1:${(keyServer.address() as AddressInfo).port}`;

const mock = await createMockServer({ port: 0, clock: createClock({ frozenAt: now }) });
const issue = (): Promise<string> =>
  fetchToken(mock, DEMO_CLIENT.clientId, DEMO_CLIENT.clientSecret, mock.fetch);
const validToken = await issue();
const attacks = buildJwtAttacks({
  privateKey: mock.context.key.privateKey,
  publicKey: mock.context.key.publicKey,
  kid: mock.context.key.kid,
  issuer: mock.context.issuer,
  clientId: DEMO_CLIENT.clientId,
  nowMs: now,
  validToken,
  otherValidToken: await issue(),
  keyServerUrl,
});

const stateCall = (origin: string, token: string): Request =>
  new Request(`${origin}${STATE_PATH}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: STATE_BODY,
  });

describe('JWT attack corpus against the hub', () => {
  const outbound = vi.spyOn(globalThis, 'fetch');
  afterAll(async () => {
    await mock.close();
    await new Promise((resolve) => keyServer.close(resolve));
  });

  it('the untouched token is accepted, so each refusal below is the attack’s doing', async () => {
    const response = await mock.fetch(stateCall(mock.url, validToken));
    expect(response.status).toBe(201);
  });

  it.each(attacks.map((attack) => [attack.name, attack.token]))(
    '%s: 401 members:authentication_failed, in-process and over a socket',
    async (_name, token) => {
      const before = mock.recorder.list().at(-1)?.seq ?? 0;
      const response = await mock.fetch(stateCall(mock.url, token));
      const body: unknown = await response.json();
      expect(response.status).toBe(401);
      expect(body).toEqual(AUTH_FAILED);
      assertMatchesSpec('POST', STATE_PATH, 401, body);
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="api", error="invalid_token"');
      const [recorded] = mock.control.recordings({ sinceSeq: before });
      expect(recorded?.token_check).not.toBe('valid');
      expect(recorded?.error).toBe('members:authentication_failed');

      const overSocket = await fetch(stateCall(mock.url, token));
      if (token.length > NODE_MAX_HEADER_BYTES) {
        // Node's HTTP parser refuses a header section over 16 KiB before the app sees it.
        expect(overSocket.status).toBe(431);
      } else {
        expect(overSocket.status).toBe(401);
        expect(await overSocket.json()).toEqual(AUTH_FAILED);
      }
    },
  );

  it('never fetched a key: no jku/x5u request reached the loopback key host, no outbound fetch', () => {
    expect(attacks.some((attack) => attack.name.startsWith('jku'))).toBe(true);
    expect(keyServerHits).toEqual([]);
    // The only fetches in this file are the test's own calls to the mock.
    for (const [input] of outbound.mock.calls) {
      const url = input instanceof Request ? input.url : String(input);
      expect(url.startsWith(mock.url)).toBe(true);
    }
  });
});
