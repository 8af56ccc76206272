import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createClock } from '../mock-server/clock.js';
import { VectorCareApiError, VectorCareAuthError, VectorCareError } from './errors.js';
import {
  API_URL,
  CLIENT_ID,
  CLIENT_SECRET,
  FakeVectorCare,
  json,
  TOKEN_URL,
} from './test-support/fake-vectorcare.js';
import { createVectorCareClient, type VectorCareClient } from './vectorcare-client.js';

const startedAt = Date.UTC(2026, 0, 15, 14, 30);
const STATE = { name: 'arrived', timestamp: '2026-01-15T14:29:00Z' } as const;
const PLAIN_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.plain-text-token.sig-0b7d';

/** Every way a caller, a logger or a crash reporter might turn an error into text. */
function everythingIn(error: unknown): string {
  const own = error as Record<string, unknown>;
  const properties = Object.fromEntries(Object.getOwnPropertyNames(error).map((key) => [key, own[key]]));
  return [
    String(error),
    JSON.stringify(properties),
    JSON.stringify(error),
    String(own['stack']),
    JSON.stringify(own['cause'] ?? null),
    inspect(own['cause'], { depth: Infinity, showHidden: true }),
    inspect(error, { depth: Infinity, showHidden: true }),
    inspect(error, { depth: Infinity, showHidden: true, getters: true }),
  ].join('\n');
}

function setup(): { fake: FakeVectorCare; client: VectorCareClient } {
  const fake = new FakeVectorCare();
  const client = createVectorCareClient({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    tokenUrl: TOKEN_URL,
    apiUrl: API_URL,
    fetch: fake.fetch,
    clock: createClock({ frozenAt: startedAt }),
  });
  return { fake, client };
}

const echo = (text: string): string => `${text} ${encodeURIComponent(text)}`;

type Scenario = (fake: FakeVectorCare, client: VectorCareClient) => Promise<unknown>;

const scenarios: [string, Scenario][] = [
  [
    'a token endpoint that echoes the secret in its refusal',
    (fake, client) => {
      fake.tokenAnswers.push(() =>
        json(401, { error: 'invalid_client', error_description: `secret ${echo(CLIENT_SECRET)} is wrong` }),
      );
      return client.getAccessToken();
    },
  ],
  [
    'a network failure whose error quotes the request',
    (fake, client) => {
      fake.tokenAnswers.push((exchange) => {
        throw new TypeError(`fetch failed for ${exchange.body ?? ''}`, {
          cause: new Error(`socket closed while sending ${exchange.body ?? ''}`),
        });
      });
      return client.getAccessToken();
    },
  ],
  [
    'a 200 with the token as plain text',
    (fake, client) => {
      fake.tokenAnswers.push(() => new Response(PLAIN_TOKEN, { status: 200 }));
      return client.getAccessToken();
    },
  ],
  [
    'a 200 with a token of another type',
    (fake, client) => {
      fake.tokenAnswers.push(() =>
        json(200, { access_token: PLAIN_TOKEN, token_type: 'mac', expires_in: 60 }),
      );
      return client.updateState('KP-1', STATE);
    },
  ],
  [
    'a 200 whose token_type quotes the token',
    (fake, client) => {
      fake.tokenAnswers.push(() => json(200, { access_token: PLAIN_TOKEN, token_type: PLAIN_TOKEN }));
      return client.getAccessToken();
    },
  ],
  [
    'a hub that keeps answering 401 and echoes the Authorization header',
    (fake, client) => {
      const refuse = (exchange: { headers: Headers }) =>
        json(401, {
          message: `Authentication failed for ${exchange.headers.get('authorization') ?? ''}.`,
          code: 'members:authentication_failed',
        });
      fake.hubAnswers.push(refuse, refuse);
      return client.updateState('KP-1', STATE);
    },
  ],
  [
    'a hub field error that quotes the token in a key and a value',
    (fake, client) => {
      fake.hubAnswers.push((exchange) => {
        const token = FakeVectorCare.bearerOf(exchange) ?? '';
        return json(400, { [token]: [{ message: `bad ${token}`, code: `x:${token}` }] });
      });
      return client.accept('KP-1', { response_notes: 'ok' });
    },
  ],
  [
    'a hub answering non-JSON text with the token and the secret',
    (fake, client) => {
      fake.hubAnswers.push(
        (exchange) =>
          new Response(`denied: ${exchange.headers.get('authorization') ?? ''} ${CLIENT_SECRET}`, {
            status: 500,
          }),
      );
      return client.decline('KP-1');
    },
  ],
  [
    'a hub 201 that is not JSON and echoes the token',
    (fake, client) => {
      fake.hubAnswers.push(
        (exchange) => new Response(`ok ${FakeVectorCare.bearerOf(exchange) ?? ''}`, { status: 201 }),
      );
      return client.proposeBestTime('KP-1', { proposed_agreed_dt: '2026-01-15T16:00:00Z' });
    },
  ],
  [
    'a retry whose token request is refused after the hub echoed the first token',
    (fake, client) => {
      fake.hubAnswers.push((exchange) =>
        json(401, { message: `no ${exchange.headers.get('authorization') ?? ''}` }),
      );
      fake.tokenAnswers.push(
        () => fake.issue(),
        () =>
          json(401, {
            error: 'invalid_client',
            error_description: `${fake.issued[0] ?? ''} ${CLIENT_SECRET}`,
          }),
      );
      return client.requestChange('KP-1', { agreed_dt: '2026-01-15T16:00:00Z', change_reason: 'Traffic' });
    },
  ],
];

describe('errors never carry the secret or a token', () => {
  it.each(scenarios)('%s', async (_label, scenario) => {
    const { fake, client } = setup();
    const error = await scenario(fake, client).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(VectorCareError);
    expect(error instanceof VectorCareAuthError || error instanceof VectorCareApiError).toBe(true);
    expect((error as Error).cause).toBeUndefined();

    const text = everythingIn(error);
    const secrets = [CLIENT_SECRET, encodeURIComponent(CLIENT_SECRET), PLAIN_TOKEN, ...fake.issued];
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).not.toContain('s3cr3t');
    expect(text).not.toContain('c81d4fe2');
    // The check is not vacuous: the scenario's answer really held a secret or a token.
    expect(text).toMatch(/\[REDACTED\]|invalid_token_response|network_error/);
  });

  it('nor does the client object', () => {
    const { client } = setup();
    expect(inspect(client, { depth: Infinity, showHidden: true })).not.toContain('s3cr3t');
    expect(JSON.stringify(client)).not.toContain('s3cr3t');
  });

  it('errors are named after their class and share one base', () => {
    const auth = new VectorCareAuthError({ status: 0, error: 'network_error' });
    const api = new VectorCareApiError({ status: 404, code: 'api:not_found', body: {}, request: 'PUT /x/' });
    expect(auth.name).toBe('VectorCareAuthError');
    expect(api.name).toBe('VectorCareApiError');
    expect(auth.message).toBe('VectorCare token request failed (no response, network_error)');
    expect(api.message).toBe('VectorCare API call PUT /x/ failed (HTTP 404, api:not_found)');
    expect(auth).toBeInstanceOf(VectorCareError);
    expect(api).toBeInstanceOf(Error);
  });
});
