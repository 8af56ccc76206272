import fc from 'fast-check';
import { jwtVerify } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMockServer, DEMO_CLIENT, TOKEN_PATH, type MockServer } from '../../mock-server/index.js';
import {
  inProcess,
  OutcomeTally,
  overSocket,
  sendAndCheck,
  type FuzzTransport,
} from './support/fuzz-harness.js';
import { requestText, type FuzzRequest } from './support/fuzz-request.js';
import { fuzzParameters, fuzzRuns, fuzzTimeoutMs, reportFuzzRun } from './support/fuzz-runs.js';
import {
  anyString,
  assembleRequest,
  authorizationArbitrary,
  bodyArbitrary,
  extraHeadersArbitrary,
  hugeString,
  methodArbitrary,
  multipart,
  MULTIPART_BOUNDARY,
  pathNear,
  queryArbitrary,
  type BodyAndType,
} from './support/request-arbitraries.js';
import { assertServesValidToken } from './support/token-health.js';

const { clientId, clientSecret } = DEMO_CLIENT;
const FORM = 'application/x-www-form-urlencoded';
const TOKEN_PARAMETERS = ['grant_type', 'client_id', 'client_secret', 'scope', 'audience'];

const tokenValues = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('client_credentials', clientId, clientSecret) },
  { weight: 3, arbitrary: anyString },
  {
    weight: 1,
    arbitrary: fc.constantFrom('password', 'CLIENT_CREDENTIALS', 'client_credentials ', 'refresh_token'),
  },
);

/** A valid request body with one mutation: a parameter dropped, repeated, emptied or added. */
const nearValidBody: fc.Arbitrary<BodyAndType> = fc
  .tuple(
    fc.constantFrom('none', 'drop', 'repeat', 'empty', 'extra', 'reorder', 'huge'),
    fc.constantFrom(...TOKEN_PARAMETERS.slice(0, 3)),
    fc.oneof({ weight: 5, arbitrary: anyString }, { weight: 1, arbitrary: hugeString }),
    fc.constantFrom(FORM, `${FORM}; charset=UTF-8`, 'multipart'),
  )
  .map(([mutation, name, extra, type]) => {
    let pairs: [string, string][] = [
      ['grant_type', 'client_credentials'],
      ['client_id', clientId],
      ['client_secret', clientSecret],
    ];
    if (mutation === 'drop') pairs = pairs.filter(([key]) => key !== name);
    if (mutation === 'repeat') pairs.push([name, pairs.find(([key]) => key === name)?.[1] ?? '']);
    if (mutation === 'empty') pairs = pairs.map(([key, value]) => [key, key === name ? '' : value]);
    if (mutation === 'extra') pairs.push([extra, extra]);
    if (mutation === 'reorder') pairs.reverse();
    if (mutation === 'huge')
      pairs = pairs.map(([key, value]) => [key, key === name ? `${value}${extra}` : value]);
    if (type !== 'multipart') {
      return { body: new TextEncoder().encode(new URLSearchParams(pairs).toString()), contentType: type };
    }
    return {
      body: new TextEncoder().encode(multipart(pairs, MULTIPART_BOUNDARY)),
      contentType: `multipart/form-data; boundary=${MULTIPART_BOUNDARY}`,
    };
  });

const tokenRequest: fc.Arbitrary<FuzzRequest> = fc
  .record({
    method: methodArbitrary(['POST']),
    path: pathNear(TOKEN_PATH),
    query: queryArbitrary,
    body: fc.oneof(
      { weight: 3, arbitrary: bodyArbitrary(TOKEN_PARAMETERS, tokenValues) },
      { weight: 2, arbitrary: nearValidBody },
    ),
    authorization: authorizationArbitrary([clientId, clientSecret]),
    extra: extraHeadersArbitrary,
  })
  .map(assembleRequest);

/** Whether the request carried the demo client's secret anywhere a server could read it from. */
function presentedSecret(request: FuzzRequest): boolean {
  if (requestText(request).includes(clientSecret)) return true;
  const authorization = request.headers.find(([name]) => name === 'authorization')?.[1] ?? '';
  const encoded = /^basic\s+(\S+)/i.exec(authorization)?.[1];
  return encoded !== undefined && Buffer.from(encoded, 'base64').toString('utf8').includes(clientSecret);
}

describe('token endpoint under fuzzing', () => {
  let listening: MockServer;
  let unbound: MockServer;
  const errors = vi.spyOn(console, 'error');

  beforeAll(async () => {
    unbound = await createMockServer({ listen: false });
    listening = await createMockServer({ port: 0 });
  });
  afterAll(() => listening.close());
  afterEach(() => {
    // Only an unexpected exception logs: a fuzz case must never reach that path.
    expect(errors.mock.calls.map((call) => call.join(' '))).toEqual([]);
  });

  /** The shared invariants, then the token endpoint's own: no token without the secret, one recording. */
  async function check(transport: FuzzTransport, fuzz: FuzzRequest, tally: OutcomeTally): Promise<void> {
    const exchange = await sendAndCheck(transport, fuzz, tally);
    if (exchange === undefined) return;
    if (exchange.status === 200) {
      // Never grant what should be refused: a token only for a POST that presented the secret.
      expect(exchange.request.method).toBe('POST');
      expect(presentedSecret(fuzz)).toBe(true);
      const { access_token: token } = JSON.parse(exchange.bodyText) as { access_token: string };
      const key = transport.mock.context.key.publicKey;
      // nbf is the fractional issue time and jose floors the current time (docs/fidelity.md).
      const { payload } = await jwtVerify(token, key, { algorithms: ['RS256'], clockTolerance: 1 });
      expect(payload.sub).toBe(clientId);
      expect(exchange.headers.get('cache-control')).toBe('no-store');
    }
    if (exchange.path === TOKEN_PATH) {
      // The recorder holds exactly this exchange, with its status, and never the secret.
      expect(exchange.recorded).toHaveLength(1);
      expect(exchange.recorded[0]?.status).toBe(exchange.status);
      const { client_id: _id, grant_type: _grant, ...rest } = exchange.recorded[0] ?? {};
      expect(JSON.stringify(rest)).not.toContain(clientSecret);
    }
  }

  it(
    `keeps every invariant for ${fuzzRuns(5_000)} in-process requests`,
    async () => {
      const tally = new OutcomeTally();
      const transport = inProcess(unbound);
      await fc.assert(
        fc.asyncProperty(tokenRequest, (fuzz) => check(transport, fuzz, tally)),
        fuzzParameters(5_000),
      );
      await assertServesValidToken(unbound.fetch, unbound.url);
      reportFuzzRun({
        surface: 'token endpoint',
        transport: 'in-process',
        cases: tally.total,
        outcomes: tally.toJSON(),
      });
      // The generators must reach every answer the endpoint has, or the run proves little.
      expect(tally.keys()).toEqual(
        expect.arrayContaining([
          '200',
          '400 invalid_request',
          '400 unsupported_grant_type',
          '401 invalid_client',
          '404 api:not_found',
          '405 invalid_request',
          '413 invalid_request',
        ]),
      );
    },
    fuzzTimeoutMs(5_000),
  );

  it(
    `keeps every invariant for ${Math.ceil(fuzzRuns(5_000) / 10)} requests over a real socket`,
    async () => {
      const tally = new OutcomeTally();
      const transport = overSocket(listening);
      const { numRuns, ...rest } = fuzzParameters(5_000);
      await fc.assert(
        fc.asyncProperty(tokenRequest, (fuzz) => check(transport, fuzz, tally)),
        { ...rest, numRuns: Math.ceil(numRuns / 10) },
      );
      await assertServesValidToken(transport.send, listening.url);
      reportFuzzRun({
        surface: 'token endpoint',
        transport: 'socket',
        cases: tally.total,
        outcomes: tally.toJSON(),
      });
      expect(tally.keys()).toEqual(
        expect.arrayContaining(['200', '400 invalid_request', '401 invalid_client']),
      );
    },
    fuzzTimeoutMs(500),
  );
});
