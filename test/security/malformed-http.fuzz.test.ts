import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMockServer, DEMO_CLIENT, TOKEN_PATH, type MockServer } from '../../mock-server/index.js';
import { assertMatchesSchema } from '../../test-support/openapi-validator.js';
import { fuzzParameters, fuzzRuns, fuzzTimeoutMs, reportFuzzRun } from './support/fuzz-runs.js';
import { rawExchange, type RawResponse } from './support/raw-http.js';
import { leaksIn } from './support/response-invariants.js';
import { assertServesValidToken } from './support/token-health.js';

const GOOD_BODY = new URLSearchParams({
  grant_type: 'client_credentials',
  client_id: DEMO_CLIENT.clientId,
  client_secret: DEMO_CLIENT.clientSecret,
}).toString();

const requestLine = fc.record({
  method: fc.oneof(
    { weight: 10, arbitrary: fc.constant('POST') },
    { weight: 2, arbitrary: fc.constant('GET') },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        'post',
        'P OST',
        'POST\u0000',
        'PRI',
        'CONNECT',
        'TRACE',
        'FOO',
        '',
        'X'.repeat(300),
      ),
    },
    { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 10 }) },
  ),
  target: fc.oneof(
    { weight: 10, arbitrary: fc.constant(TOKEN_PATH) },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        '*',
        `http://127.0.0.1${TOKEN_PATH}`,
        `http://evil.example${TOKEN_PATH}`,
        `ftp://x${TOKEN_PATH}`,
        `//evil.example${TOKEN_PATH}`,
        TOKEN_PATH.slice(1),
        `${TOKEN_PATH}\\..\\x`,
        `${TOKEN_PATH}?a=\u0000`,
        `/${'a'.repeat(20_000)}`,
        '/%',
        '/\u007f',
        '/é',
        '',
      ),
    },
    { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 30 }) },
  ),
  version: fc.oneof(
    { weight: 8, arbitrary: fc.constant('HTTP/1.1') },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        'HTTP/1.0',
        'HTTP/0.9',
        'HTTP/2.0',
        'HTTP/1.1x',
        'http/1.1',
        'HTTP/1.1 extra',
        '',
      ),
    },
  ),
});

const headerLine = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('Content-Type: application/x-www-form-urlencoded', 'Accept: */*') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'Host:',
      'Host: a b',
      'Host: evil.example',
      'Host: 127.0.0.1:99999',
      'Host: [::1',
      'Content-Length: -1',
      'Content-Length: abc',
      'Content-Length: 99999999999999999999',
      'Content-Length: 10, 11',
      'Content-Length: 0',
      'Content-Length: 1000000',
      'Transfer-Encoding: chunked',
      'Transfer-Encoding: gzip, chunked',
      'Transfer-Encoding: chunked, identity',
      'Transfer-Encoding: xchunked',
      'Transfer-Encoding : chunked',
      ' folded: continuation',
      '\tcontinued',
      'NoColonHere',
      'Bad Name: x',
      ': empty name',
      'X-Nul: a\u0000b',
      'X-Del: \u007f',
      'X-Bell: \u0007',
      'Expect: 100-continue',
      'Expect: 417-nothing',
      'Connection: upgrade',
      'Upgrade: websocket',
      'Upgrade: h2c',
      'Authorization: Basic !!!',
      `Authorization: Bearer ${'e'.repeat(20_000)}`,
      `X-Huge: ${'h'.repeat(17_000)}`,
      'Cookie: a=b; a=c',
    ),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.string({ unit: 'binary-ascii', maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 20 }))
      .map(([name, value]) => `${name}: ${value}`),
  },
);

const bodyPart = fc.oneof(
  { weight: 4, arbitrary: fc.constant(GOOD_BODY) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '',
      `${GOOD_BODY.length.toString(16)}\r\n${GOOD_BODY}\r\n0\r\n\r\n`,
      `zz\r\n${GOOD_BODY}\r\n0\r\n\r\n`,
      `-1\r\nx\r\n0\r\n\r\n`,
      `5\r\nabc\r\n0\r\n\r\n`,
      `${GOOD_BODY.length.toString(16)}\r\n${GOOD_BODY}\r\n`,
      `ffffffffffffffff\r\nx\r\n`,
      `0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n`,
      `${GOOD_BODY}GET /pipelined HTTP/1.1\r\nHost: x\r\n\r\n`,
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
);

/** A raw HTTP/1.x request: line, headers (Host and Content-Length usually right), body, line endings. */
const rawRequest = fc
  .record({
    line: requestLine,
    headers: fc.oneof(
      fc.constant<string[]>(['Content-Type: application/x-www-form-urlencoded']),
      fc.array(headerLine, { maxLength: 4 }),
    ),
    host: fc.constantFrom(true, true, true, false),
    length: fc.constantFrom('right', 'right', 'right', 'none', 'short', 'long'),
    close: fc.boolean(),
    eol: fc.constantFrom('\r\n', '\r\n', '\r\n', '\n', '\r'),
    body: bodyPart,
  })
  .map(({ line, headers, host, length, close, eol, body }) => {
    const bodyBytes = Buffer.from(body, 'latin1');
    const lines = [`${line.method} ${line.target} ${line.version}`.trimEnd()];
    if (host) lines.push('Host: 127.0.0.1');
    lines.push(...headers);
    const declared = {
      right: bodyBytes.length,
      none: -1,
      short: Math.max(0, bodyBytes.length - 3),
      long: bodyBytes.length + 3,
    }[length];
    if (declared >= 0 && !headers.some((h) => /^(content-length|transfer-encoding)\s*:/i.test(h)))
      lines.push(`Content-Length: ${declared}`);
    if (close) lines.push('Connection: close');
    const bytes = Buffer.concat([Buffer.from(`${lines.join(eol)}${eol}${eol}`, 'latin1'), bodyBytes]);
    return Object.defineProperty({ bytes }, fc.toStringMethod, {
      value: () => JSON.stringify(bytes.toString('latin1').slice(0, 400)),
    });
  });

/**
 * The first batch, before the random ones: a parser refusal, a token and a 404, so the statuses the test
 * requires are reached on every run (random batches reached 404 only 2-6 times in 600 cases).
 */
const KNOWN_BATCH = [
  `POST ${TOKEN_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${GOOD_BODY.length}\r\nConnection: close\r\n\r\n${GOOD_BODY}`,
  'GET /no-such-path HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n',
  'NOT HTTP AT ALL\r\n\r\n',
].map((text) => ({ bytes: Buffer.from(text, 'latin1') }));

/** The documented bodies a raw request may legitimately get back, whatever the path it reached. */
const DOCUMENTED_BODIES = ['TokenResponse', 'OAuthError', 'HubError', 'FieldErrors', 'ControlError'];

function assertDocumentedBody(response: RawResponse): void {
  if (response.body === '') return;
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  const body: unknown = JSON.parse(response.body);
  const matches = DOCUMENTED_BODIES.filter((name) => {
    try {
      assertMatchesSchema(name, body);
      return true;
    } catch {
      return false;
    }
  });
  expect(matches, response.body).not.toEqual([]);
}

describe('malformed HTTP on raw sockets', () => {
  let mock: MockServer;
  const errors = vi.spyOn(console, 'error');
  const statuses = new Map<number, number>();

  beforeAll(async () => {
    mock = await createMockServer({ port: 0 });
  });
  afterAll(() => mock.close());
  afterEach(() => {
    expect(errors.mock.calls.map((call) => call.join(' '))).toEqual([]);
  });

  const batch = 20;
  it(
    `answers ${fuzzRuns(600)} malformed requests with no 5xx, no leak and documented bodies`,
    async () => {
      const { numRuns, ...rest } = fuzzParameters(600);
      await fc.assert(
        fc.asyncProperty(fc.array(rawRequest, { minLength: batch, maxLength: batch }), async (requests) => {
          const exchanges = await Promise.all(
            // 1 s for an answer to begin: with 150 ms, beside busy loops (load 16-24), most answers that need
            // the app (a signed token, a 404) were cut off unread and the run missed 404 altogether.
            requests.map(({ bytes }) => rawExchange(mock.port, bytes, 150, 1_000)),
          );
          exchanges.forEach((exchange, index) => {
            const sent = requests[index]?.bytes.toString('latin1') ?? '';
            for (const response of exchange.responses) {
              statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
              expect(response.status, sent.slice(0, 300)).toBeLessThan(500);
              expect(leaksIn(response.body, sent), response.body).toEqual([]);
              assertDocumentedBody(response);
            }
          });
        }),
        { ...rest, numRuns: Math.ceil(numRuns / batch), examples: [[KNOWN_BATCH]] },
      );
      await assertServesValidToken((request) => fetch(request), mock.url);
      const outcomes = Object.fromEntries([...statuses].map(([status, count]) => [String(status), count]));
      const cases = Math.ceil(numRuns / batch) * batch;
      reportFuzzRun({ surface: 'HTTP parser and adapter', transport: 'raw socket', cases, outcomes });
      // Both the parser's refusals and the app's own answers must have been reached.
      expect([...statuses.keys()]).toEqual(expect.arrayContaining([200, 400, 404]));
    },
    fuzzTimeoutMs(600, 20),
  );
});
