import fc from 'fast-check';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { createMockServer, type MockServer } from '../../mock-server/index.js';
import {
  inProcess,
  OutcomeTally,
  overSocket,
  sendAndCheck,
  type FuzzTransport,
} from './support/fuzz-harness.js';
import type { FuzzRequest } from './support/fuzz-request.js';
import { fuzzParameters, fuzzRuns, fuzzTimeoutMs, reportFuzzRun } from './support/fuzz-runs.js';
import {
  anyString,
  assembleRequest,
  bodyArbitrary,
  extraHeadersArbitrary,
  methodArbitrary,
  type BodyAndType,
} from './support/request-arbitraries.js';
import { assertServesValidToken } from './support/token-health.js';

const CONTROL_TOKEN = 'fuzz-control-token-4f1c9a';

/** Delay faults queued by the fuzzer must not stall anything: the injected sleep returns at once. */
const options = { sleep: async (): Promise<void> => undefined };
const open = await createMockServer({ listen: false, ...options });
const locked = await createMockServer({ listen: false, controlToken: CONTROL_TOKEN, ...options });
const listening = await createMockServer({ port: 0, ...options });

const ENDPOINTS: readonly { path: string; methods: string[]; fields: string[] }[] = [
  { path: '/__control/clients', methods: ['POST'], fields: ['client_id', 'client_secret', 'expires_in'] },
  { path: '/__control/tokens/revoke', methods: ['POST'], fields: ['jti', 'client_id'] },
  {
    path: '/__control/faults',
    methods: ['GET', 'POST', 'DELETE'],
    fields: ['target', 'kind', 'client_id', 'count', 'status', 'body', 'delay_ms', 'retry_after'],
  },
  {
    path: '/__control/clock',
    methods: ['GET', 'POST'],
    fields: ['offset_ms', 'frozen_at', 'advance_ms', 'real'],
  },
  { path: '/__control/recordings', methods: ['GET'], fields: [] },
  { path: '/__control/recordings.har', methods: ['GET'], fields: [] },
  { path: '/__control/reset', methods: ['POST'], fields: [] },
  { path: '/__control/webhooks/subscriptions', methods: ['GET', 'POST'], fields: ['url', 'client_id'] },
  { path: '/__control/webhooks/subscriptions/sub_0123456789abcdef', methods: ['DELETE'], fields: [] },
  {
    path: '/__control/webhooks/events',
    methods: ['POST'],
    fields: [
      'action',
      'service_request_id',
      'request_status',
      'data',
      'event_timestamp',
      'subscription_id',
      'client_id',
    ],
  },
  {
    path: '/__control/webhooks/events/019c7a3b5e2f00000000000000000001/redeliver',
    methods: ['POST'],
    fields: ['subscription_id'],
  },
  { path: '/__control/webhooks/deliveries', methods: ['GET'], fields: [] },
];

/** Values near the documented ranges and types, and far from them. */
const fieldValue = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'token',
      'hub',
      'delay',
      'drop_connection',
      'token_response',
      'rate_limit',
      'hub_unauthorized',
      'demo-client',
      'BROADCAST_RECEIVED',
      'BROADCAST_CANCELED',
      'UNAVAILABLE',
      'ASSIGNED',
      // Port 9 (discard) on loopback refuses at once: deliveries fail fast and are retried.
      'http://127.0.0.1:9/hook',
      'https://127.0.0.1:9/hook',
    ),
  },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      0,
      1,
      -1,
      599,
      600,
      1_000_000,
      1_000_001,
      31_536_000,
      31_536_001,
      1.5,
      1e308,
      -1e308,
      86_400,
      600_000,
    ),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(true, false, null, [], {}, '2026-01-15T14:30:00Z', 'not a date', ''),
  },
  { weight: 2, arbitrary: anyString },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 600 }).map((n) => 'x'.repeat(n)) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

const controlRequest = (authorization: fc.Arbitrary<string | null>): fc.Arbitrary<FuzzRequest> =>
  fc.constantFrom(...ENDPOINTS).chain((endpoint) => {
    const fields = endpoint.fields.length > 0 ? endpoint.fields : ['x'];
    const structured = fc
      .dictionary(
        fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...fields) }, { weight: 1, arbitrary: anyString }),
        fieldValue,
        {
          maxKeys: 4,
        },
      )
      .map((value): BodyAndType => ({
        body: new TextEncoder().encode(JSON.stringify(value)),
        contentType: 'application/json',
      }));
    const query = fc.oneof(
      { weight: 4, arbitrary: fc.constant('') },
      {
        weight: 2,
        arbitrary: fc
          .array(
            fc.tuple(
              fc.constantFrom('client_id', 'since_seq', 'event_id', 'subscription_id', 'x', ''),
              fc.oneof(anyString, fc.constantFrom('0', '-1', '1e9', '9007199254740993')),
            ),
            {
              maxLength: 3,
            },
          )
          .map((pairs) => `?${new URLSearchParams(pairs).toString()}`),
      },
    );
    return fc
      .record({
        method: methodArbitrary(endpoint.methods),
        path: fc.oneof(
          { weight: 10, arbitrary: fc.constant(endpoint.path) },
          {
            weight: 2,
            arbitrary: fc.constantFrom(
              `${endpoint.path}/`,
              endpoint.path.toUpperCase(),
              `${endpoint.path}/x`,
              '/__control/',
              '/__control',
              '/__control/../__control/reset',
              '/__control/%2e%2e/reset',
            ),
          },
        ),
        query,
        body: fc.oneof(
          { weight: 6, arbitrary: structured },
          { weight: 3, arbitrary: bodyArbitrary(fields, anyString) },
          {
            weight: 1,
            arbitrary: fc.constantFrom<BodyAndType>(
              {
                body: new TextEncoder().encode('{"__proto__":{"expires_in":1},"constructor":{}}'),
                contentType: 'application/json',
              },
              {
                body: new TextEncoder().encode(
                  `{"target":"token","kind":"token_response","body":${'['.repeat(20_000)}${']'.repeat(20_000)}}`,
                ),
                contentType: 'application/json',
              },
            ),
          },
        ),
        authorization,
        extra: extraHeadersArbitrary,
      })
      .map(assembleRequest);
  });

const lockedAuthorization = fc.oneof(
  { weight: 4, arbitrary: fc.constant(`Bearer ${CONTROL_TOKEN}`) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      null,
      'Bearer',
      `Bearer ${CONTROL_TOKEN.slice(0, -1)}`,
      `Bearer ${CONTROL_TOKEN}x`,
      `Bearer ${CONTROL_TOKEN.toUpperCase()}`,
      `Basic ${Buffer.from(`x:${CONTROL_TOKEN}`).toString('base64')}`,
      CONTROL_TOKEN,
      `Bearer ${'a'.repeat(50_000)}`,
    ),
  },
  {
    weight: 1,
    arbitrary: anyString.map((text) => `Bearer ${text.replace(/[^\t\u0020-\u007e\u0080-\u00ff]/g, '?')}`),
  },
);

async function restore(mock: MockServer, authorization: string | null): Promise<void> {
  const headers = authorization === null ? undefined : { authorization };
  expect(
    (
      await mock.fetch(
        new Request(`${mock.url}/__control/reset`, {
          method: 'POST',
          ...(headers === undefined ? {} : { headers }),
        }),
      )
    ).status,
  ).toBe(200);
}

describe('control API under fuzzing', () => {
  const errors = vi.spyOn(console, 'error');
  afterAll(() => Promise.all([listening.close(), open.close(), locked.close()]));
  afterEach(() => {
    expect(errors.mock.calls.map((call) => call.join(' '))).toEqual([]);
  });

  async function check(
    transport: FuzzTransport,
    fuzz: FuzzRequest,
    tally: OutcomeTally,
    token?: string,
  ): Promise<void> {
    const exchange = await sendAndCheck(transport, fuzz, tally);
    if (exchange === undefined) return;
    if (token !== undefined) {
      // With a control token, nothing but that exact bearer token gets past the guard, and a refusal
      // is always the same bare 401.
      const presented = exchange.request.headers.get('authorization');
      const guarded = /^\/__control(?:\/|$)/.test(exchange.path);
      if (guarded && presented?.trim() !== `Bearer ${token}`) {
        expect(exchange.status).toBe(401);
        if (exchange.request.method !== 'HEAD')
          expect(JSON.parse(exchange.bodyText)).toEqual({ error: 'unauthorized', message: 'Unauthorized.' });
      }
      expect(exchange.bodyText).not.toContain(token);
    }
  }

  const REACHED = ['200', '201', '400 invalid_body', '404 not_found', '405 method_not_allowed'];

  it(
    `keeps every invariant for ${fuzzRuns(5_000)} in-process requests`,
    async () => {
      const tally = new OutcomeTally();
      await fc.assert(
        fc.asyncProperty(controlRequest(fc.constant(null)), (fuzz) => check(inProcess(open), fuzz, tally)),
        fuzzParameters(5_000),
      );
      await restore(open, null);
      await assertServesValidToken(open.fetch, open.url);
      reportFuzzRun({
        surface: 'control API',
        transport: 'in-process',
        cases: tally.total,
        outcomes: tally.toJSON(),
      });
      expect(tally.keys()).toEqual(expect.arrayContaining(REACHED));
    },
    fuzzTimeoutMs(5_000),
  );

  it(
    `behind a control token: ${Math.ceil(fuzzRuns(5_000) / 5)} in-process requests, only the exact token gets in`,
    async () => {
      const tally = new OutcomeTally();
      const { numRuns, ...rest } = fuzzParameters(5_000);
      await fc.assert(
        fc.asyncProperty(controlRequest(lockedAuthorization), (fuzz) =>
          check(inProcess(locked), fuzz, tally, CONTROL_TOKEN),
        ),
        { ...rest, numRuns: Math.ceil(numRuns / 5) },
      );
      await restore(locked, `Bearer ${CONTROL_TOKEN}`);
      await assertServesValidToken(locked.fetch, locked.url);
      reportFuzzRun({
        surface: 'control API (control token)',
        transport: 'in-process',
        cases: tally.total,
        outcomes: tally.toJSON(),
      });
      expect(tally.keys()).toEqual(expect.arrayContaining(['200', '401 unauthorized']));
    },
    fuzzTimeoutMs(1_000),
  );

  it(
    `keeps every invariant for ${Math.ceil(fuzzRuns(5_000) / 10)} requests over a real socket`,
    async () => {
      const tally = new OutcomeTally();
      const { numRuns, ...rest } = fuzzParameters(5_000);
      await fc.assert(
        fc.asyncProperty(controlRequest(fc.constant(null)), (fuzz) =>
          check(overSocket(listening), fuzz, tally),
        ),
        { ...rest, numRuns: Math.ceil(numRuns / 10) },
      );
      await restore(listening, null);
      await assertServesValidToken((request) => fetch(request), listening.url);
      reportFuzzRun({
        surface: 'control API',
        transport: 'socket',
        cases: tally.total,
        outcomes: tally.toJSON(),
      });
    },
    fuzzTimeoutMs(500),
  );
});
