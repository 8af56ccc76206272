import fc from 'fast-check';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { createClock, createMockServer, DEMO_CLIENT, HUB_BASE_PATH } from '../../mock-server/index.js';
import {
  inProcess,
  OutcomeTally,
  overSocket,
  sendAndCheck,
  type FuzzTransport,
} from './support/fuzz-harness.js';
import type { FuzzRequest } from './support/fuzz-request.js';
import { fuzzParameters, fuzzRuns, fuzzTimeoutMs, reportFuzzRun } from './support/fuzz-runs.js';
import { buildJwtAttacks } from './support/jwt-attack-corpus.js';
import { fetchToken } from '../../test-support/hub-calls.js';
import {
  anyString,
  assembleRequest,
  authorizationArbitrary,
  bodyArbitrary,
  extraHeadersArbitrary,
  methodArbitrary,
  queryArbitrary,
  type BodyAndType,
} from './support/request-arbitraries.js';
import { assertServesValidToken } from './support/token-health.js';

const now = Date.UTC(2026, 0, 15, 14, 30);
const iso = (ms: number): string => new Date(ms).toISOString();

const unbound = await createMockServer({ listen: false, clock: createClock({ frozenAt: now }) });
const listening = await createMockServer({ port: 0, clock: createClock({ frozenAt: now }) });

const issue = (mock: typeof unbound): Promise<string> =>
  fetchToken(mock, DEMO_CLIENT.clientId, DEMO_CLIENT.clientSecret, mock.fetch);

/** The six endpoints: path segment, method, and a generator of bodies near a valid one. */
const text = (max: number): fc.Arbitrary<string> =>
  fc.oneof(
    anyString,
    fc.constantFrom(max - 1, max, max + 1).map((n) => 'é'.repeat(n)),
    fc.constantFrom(max, max + 1).map((n) => '😀'.repeat(n)),
  );
const instant = fc.oneof(
  fc.constantFrom(
    iso(now - 60_000),
    iso(now),
    iso(now + 60_000),
    iso(now - 8 * 24 * 3600_000),
    '2026-01-15T14:29:00+00:00',
    '2026-01-15T14:29:00+01:00',
    '2026-01-15 14:29:00',
    '2026-02-30T00:00:00Z',
    '9999-12-31T23:59:59Z',
    '0000-01-01T00:00:00Z',
    '',
  ),
  anyString,
);
const anyJsonValue = fc.oneof(
  { weight: 3, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constantFrom(null, 0, -0, 1e308, -1e308, true, [], {}) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);
const location = fc.record(
  {
    lat: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), anyJsonValue),
    lng: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), anyJsonValue),
    alt: fc.oneof(fc.integer(), anyJsonValue),
    timestamp: fc.oneof(fc.constant(now / 1000), anyJsonValue),
    speed: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), anyJsonValue),
  },
  { requiredKeys: [] },
);
const ENDPOINTS: readonly { segment: string; method: string; body: fc.Arbitrary<unknown> }[] = [
  {
    segment: 'state',
    method: 'POST',
    body: fc.record(
      {
        name: fc.oneof(
          fc.constantFrom(
            'en_route',
            'arrived',
            'on_board',
            'arrived_at_destination',
            'completed',
            'canceled',
            'dry_run',
          ),
          fc.constantFrom('EN_ROUTE', 'en_route ', 'unknown'),
          anyJsonValue,
        ),
        timestamp: fc.oneof(instant, anyJsonValue),
      },
      { requiredKeys: [] },
    ),
  },
  {
    segment: 'locations',
    method: 'POST',
    body: fc.oneof(
      fc.array(location, { maxLength: 5 }),
      fc
        .constantFrom(199, 200, 201)
        .map((n) => Array.from({ length: n }, () => ({ lat: 1, lng: 2, alt: 3, timestamp: now / 1000 }))),
      anyJsonValue,
    ),
  },
  {
    segment: 'accept',
    method: 'PUT',
    body: fc.record({ response_notes: fc.oneof(text(450), anyJsonValue) }, { requiredKeys: [] }),
  },
  {
    segment: 'decline',
    method: 'PUT',
    body: fc.record({ response_notes: fc.oneof(text(450), anyJsonValue) }, { requiredKeys: [] }),
  },
  {
    segment: 'best-time',
    method: 'PUT',
    body: fc.record({ proposed_agreed_dt: fc.oneof(instant, anyJsonValue) }, { requiredKeys: [] }),
  },
  {
    segment: 'change-request',
    method: 'POST',
    body: fc.record(
      { agreed_dt: fc.oneof(instant, anyJsonValue), change_reason: fc.oneof(text(450), anyJsonValue) },
      { requiredKeys: [] },
    ),
  },
];

const requestId = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('KP-ABCD1234', 'VC-1') },
  {
    weight: 1,
    arbitrary: fc.constantFrom('..', '%2e%2e', 'a%2Fb', '%00', 'é', 'x'.repeat(5_000), '__proto__'),
  },
  {
    weight: 1,
    arbitrary: fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 12 }).map(encodeURIComponent),
  },
);

const endpointCall = fc.constantFrom(...ENDPOINTS).chain((endpoint) =>
  fc.record({
    endpoint: fc.constant(endpoint),
    method: methodArbitrary([endpoint.method]),
    path: fc.oneof(
      {
        weight: 10,
        arbitrary: requestId.map((id) => `${HUB_BASE_PATH}/requests/${id}/${endpoint.segment}/`),
      },
      {
        weight: 2,
        arbitrary: fc.constantFrom(
          `${HUB_BASE_PATH}/requests/KP-1/${endpoint.segment}`,
          `${HUB_BASE_PATH}/requests/KP-1/${endpoint.segment.toUpperCase()}/`,
          `${HUB_BASE_PATH}/requests/KP-1/${endpoint.segment}//`,
          `${HUB_BASE_PATH}/requests//${endpoint.segment}/`,
          `${HUB_BASE_PATH}/requests/KP-1/${endpoint.segment}/extra/`,
          `${HUB_BASE_PATH}/requests/KP-1/`,
          `${HUB_BASE_PATH}/`,
          HUB_BASE_PATH,
          `${HUB_BASE_PATH}/requests/service/SVC-1/`,
          '/openapi/v1.0/requests/KP-1/state/',
        ),
      },
    ),
    body: fc.oneof(
      {
        weight: 6,
        arbitrary: fc
          .tuple(
            endpoint.body,
            fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain'),
          )
          .map(([value, contentType]): BodyAndType => ({
            body: value === undefined ? null : new TextEncoder().encode(JSON.stringify(value)),
            contentType,
          })),
      },
      {
        weight: 1,
        arbitrary: fc.constantFrom<BodyAndType>(
          {
            body: new TextEncoder().encode(
              `{"__proto__":{"name":"en_route"},"constructor":{"prototype":{"x":1}}}`,
            ),
            contentType: 'application/json',
          },
          {
            body: new TextEncoder().encode(
              '{"name":"en_route","name":"arrived","timestamp":"2026-01-15T14:29:00Z"}',
            ),
            contentType: 'application/json',
          },
          {
            body: new TextEncoder().encode(
              `{"response_notes":${JSON.stringify({ secret: 'x', nested: { password: 'y' } })}}`,
            ),
            contentType: 'application/json',
          },
        ),
      },
      {
        weight: 3,
        arbitrary: bodyArbitrary(['name', 'timestamp', 'response_notes', 'agreed_dt'], anyString),
      },
    ),
  }),
);

function hubRequest(validToken: string, attackTokens: readonly string[]): fc.Arbitrary<FuzzRequest> {
  const bearer = fc.oneof(
    { weight: 6, arbitrary: fc.constant(`Bearer ${validToken}`) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        `bearer ${validToken}`,
        `Bearer  ${validToken} `,
        `Bearer ${validToken}, Basic x`,
      ),
    },
    { weight: 2, arbitrary: fc.constantFrom(...attackTokens).map((token) => `Bearer ${token}`) },
    { weight: 2, arbitrary: authorizationArbitrary([DEMO_CLIENT.clientId, DEMO_CLIENT.clientSecret]) },
  );
  return fc
    .record({
      call: endpointCall,
      query: queryArbitrary,
      authorization: bearer,
      extra: extraHeadersArbitrary,
    })
    .map(({ call, query, authorization, extra }) =>
      assembleRequest({ method: call.method, path: call.path, query, body: call.body, authorization, extra }),
    );
}

async function corpusFor(mock: typeof unbound): Promise<{ validToken: string; attacks: string[] }> {
  const validToken = await issue(mock);
  const attacks = buildJwtAttacks({
    privateKey: mock.context.key.privateKey,
    publicKey: mock.context.key.publicKey,
    kid: mock.context.key.kid,
    issuer: mock.context.issuer,
    clientId: DEMO_CLIENT.clientId,
    nowMs: now,
    validToken,
    otherValidToken: await issue(mock),
    keyServerUrl: 'http://127.0.0.1:9',
  }).map((attack) => attack.token);
  return { validToken, attacks };
}

describe('hub under fuzzing', () => {
  const errors = vi.spyOn(console, 'error');
  afterAll(() => listening.close());
  afterEach(() => {
    expect(errors.mock.calls.map((call) => call.join(' '))).toEqual([]);
  });

  /** The shared invariants, then the hub's: no success without the live token, one recording per call. */
  async function check(
    transport: FuzzTransport,
    fuzz: FuzzRequest,
    validToken: string,
    tally: OutcomeTally,
  ): Promise<void> {
    const exchange = await sendAndCheck(transport, fuzz, tally);
    if (exchange === undefined) return;
    const authorization = exchange.request.headers.get('authorization');
    if (exchange.status < 300) {
      expect(authorization?.replace(/^bearer\s+/i, '').trim()).toBe(validToken);
    }
    if (exchange.status === 401) {
      expect(exchange.headers.get('www-authenticate')).toMatch(/^Bearer realm="api"/);
      if (authorization === null && exchange.request.method !== 'HEAD')
        expect(exchange.bodyText).toContain('members:not_authenticated');
    }
    if (exchange.path.startsWith(`${HUB_BASE_PATH}/`)) {
      expect(exchange.recorded).toHaveLength(1);
      expect(exchange.recorded[0]?.status).toBe(exchange.status);
    }
  }

  const REACHED = [
    '200',
    '201',
    '400',
    '401 members:authentication_failed',
    '401 members:not_authenticated',
    '404 api:not_found',
    '405 api:method_not_allowed',
  ];

  it(
    `keeps every invariant for ${fuzzRuns(5_000)} in-process requests`,
    async () => {
      const { validToken, attacks } = await corpusFor(unbound);
      const tally = new OutcomeTally();
      const transport = inProcess(unbound);
      await fc.assert(
        fc.asyncProperty(hubRequest(validToken, attacks), (fuzz) =>
          check(transport, fuzz, validToken, tally),
        ),
        fuzzParameters(5_000),
      );
      await assertServesValidToken(unbound.fetch, unbound.url, () => now);
      reportFuzzRun({
        surface: 'hub',
        transport: 'in-process',
        cases: tally.total,
        outcomes: tally.toJSON(),
      });
      const reached = tally.keys().map((key) => (/^400 /.test(key) ? '400' : key));
      expect(reached).toEqual(expect.arrayContaining(REACHED));
    },
    fuzzTimeoutMs(5_000),
  );

  it(
    `keeps every invariant for ${Math.ceil(fuzzRuns(5_000) / 10)} requests over a real socket`,
    async () => {
      const { validToken, attacks } = await corpusFor(listening);
      const tally = new OutcomeTally();
      const transport = overSocket(listening);
      const { numRuns, ...rest } = fuzzParameters(5_000);
      await fc.assert(
        fc.asyncProperty(hubRequest(validToken, attacks), (fuzz) =>
          check(transport, fuzz, validToken, tally),
        ),
        { ...rest, numRuns: Math.ceil(numRuns / 10) },
      );
      await assertServesValidToken(transport.send, listening.url, () => now);
      reportFuzzRun({ surface: 'hub', transport: 'socket', cases: tally.total, outcomes: tally.toJSON() });
    },
    fuzzTimeoutMs(500),
  );
});
