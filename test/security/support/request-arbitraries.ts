import fc from 'fast-check';
import type { FuzzRequest } from './fuzz-request.js';

/**
 * The building blocks of hostile requests: odd methods, paths, content types, bodies and Authorization
 * headers. Each surface's fuzz test combines them with values its routes care about, so a share of the
 * cases come close to valid and reach the deeper checks.
 */

const utf8 = (value: string): Uint8Array => new TextEncoder().encode(value);
const latin1Bytes = (value: string): Uint8Array => new Uint8Array(Buffer.from(value, 'latin1'));
const base64 = (value: string | Uint8Array): string => Buffer.from(value).toString('base64');

/** Values that have broken parsers before: prototype keys, separators, encodings, injections. */
export const TRICKY_STRINGS: readonly string[] = [
  '',
  ' ',
  'null',
  'undefined',
  'true',
  '0',
  '-1',
  '1e309',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '%',
  '%zz',
  '%00',
  '%C0%AF',
  '%ED%A0%80',
  '\u0000',
  '\uD800',
  '\uFEFF',
  '🔑',
  'é',
  '+',
  '=',
  '&',
  '&&==',
  ';',
  ':',
  '::',
  '\\',
  '../../../../etc/passwd',
  "' OR '1'='1",
  '<script>alert(1)</script>',
  '${jndi:ldap://127.0.0.1/a}',
  '{{7*7}}',
  '\r\nSet-Cookie: a=b',
];

/** A short string of any kind: tricky, printable, full Unicode or raw binary code points. */
export const anyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...TRICKY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 24 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
);

/** A value up to a little over the 64 KiB body limit. */
export const hugeString: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 1_000, max: 70_000 }), fc.constantFrom('a', '%41', 'é', '\u0000', '='))
  .map(([length, unit]) => unit.repeat(Math.ceil(length / unit.length)));

/**
 * A value for a header, sometimes enormous: what RFC 9110 allows in a field value (visible ASCII, space,
 * tab, obs-text), so `fetch` sends it too. Control characters are the raw-socket fuzzer's job.
 */
export const headerValue: fc.Arbitrary<string> = fc
  .oneof(
    { weight: 4, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 100_000 }).map((n) => 'A'.repeat(n)) },
    { weight: 1, arbitrary: fc.constantFrom('é', 'ÿ', '\t', ' x ', ',', ';;', '"') },
  )
  .map((value) => value.replace(/[^\t\u0020-\u007e\u0080-\u00ff]/g, '?'));

export const methodArbitrary = (preferred: readonly string[]): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom(...preferred) },
    {
      weight: 3,
      arbitrary: fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'post', 'Get'),
    },
    { weight: 1, arbitrary: fc.constantFrom('PROPFIND', 'FOO', 'M-SEARCH', 'LINK', 'PURGE') },
  );

/** A path near `base`: exact, with case, slash, dot-segment or encoding changes, or somewhere else. */
export function pathNear(base: string): fc.Arbitrary<string> {
  const segments = fc.array(
    fc.oneof(fc.string({ unit: 'binary-ascii', maxLength: 8 }), fc.constantFrom('..', '.', '', '%2e%2e')),
    { maxLength: 5 },
  );
  return fc.oneof(
    { weight: 16, arbitrary: fc.constant(base) },
    {
      weight: 4,
      arbitrary: fc.constantFrom(
        `${base}/`,
        base.replace(/\/$/, ''),
        base.toUpperCase(),
        `/${base}`,
        `${base}/..`,
        `${base}/./`,
        `${base};jsessionid=1`,
        `${base}%00`,
        `${base}%2F`,
        base.replace(/o/, '%6F'),
        base.replace(/\//g, '//'),
        `${base}${'/a'.repeat(500)}`,
        '/',
        '/favicon.ico',
        '/__control',
        '/__control/',
        '/openapi/v2.0/',
        '/.well-known/',
      ),
    },
    {
      weight: 2,
      arbitrary: segments.map((parts) =>
        `/${parts.join('/')}`.replace(/[^!-~]/g, (char) => encodeURIComponent(char).replace(/%25/g, '%')),
      ),
    },
  );
}

/** A query string: none, or parameters (credentials among them), repeated and empty ones included. */
export const queryArbitrary: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constant('') },
  {
    weight: 3,
    arbitrary: fc
      .array(
        fc.tuple(
          fc.oneof(fc.constantFrom('client_id', 'client_secret', 'grant_type', 'a', ''), anyString),
          anyString,
        ),
        { maxLength: 4 },
      )
      .map((pairs) => `?${new URLSearchParams(pairs.map(([k, v]) => [k, v])).toString()}`),
  },
  { weight: 1, arbitrary: fc.constantFrom('?', '??', '?&&', '?%zz', '?a=%', '?#frag', '?a[b][c]=1') },
);

/** Form parameters (name, value), repeated names and empty values included. */
export function formParameters(
  names: readonly string[],
  values: fc.Arbitrary<string>,
): fc.Arbitrary<[string, string][]> {
  return fc.array(
    fc.tuple(
      fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: anyString }),
      values,
    ),
    { maxLength: 7 },
  );
}

/** The boundary the generated multipart bodies use. */
export const MULTIPART_BOUNDARY = 'fuzzBoundary7MA4YWxkTrZu0gW';

/** A multipart/form-data body with these fields, delimited by `boundary`. */
export function multipart(pairs: readonly (readonly [string, string])[], boundary: string): string {
  const parts = pairs.map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  return `${parts.join('')}--${boundary}--\r\n`;
}

/** A body and the content type it is sent with (which may lie about it). */
export interface BodyAndType {
  readonly body: Uint8Array | null;
  readonly contentType: string | null;
}

const FORM = 'application/x-www-form-urlencoded';

/** A Content-Type header value: right, wrong, malformed or absent. */
export const contentTypeArbitrary: fc.Arbitrary<string | null> = fc.oneof(
  fc.constantFrom(
    null,
    FORM,
    `${FORM}; charset=utf-8`,
    `${FORM.toUpperCase()}`,
    `${FORM};charset=latin1`,
    `multipart/form-data; boundary=${MULTIPART_BOUNDARY}`,
    'multipart/form-data',
    'multipart/form-data; boundary=',
    'multipart/form-data; boundary="unterminated',
    'application/json',
    'application/json; charset=utf-16',
    'text/plain',
    'application/octet-stream',
    '',
    ';',
    '*/*',
    'application/x-www-form-urlencoded, application/json',
  ),
  headerValue,
);

/** Bodies of every kind, each with the content type that usually goes with it. */
export function bodyArbitrary(
  formNames: readonly string[],
  formValues: fc.Arbitrary<string>,
): fc.Arbitrary<BodyAndType> {
  const params = formParameters(formNames, formValues);
  const nested = fc
    .tuple(fc.integer({ min: 1, max: 30_000 }), fc.constantFrom('[', '{"a":'))
    .map(([depth, open]) => {
      const close = open === '[' ? ']' : '}';
      return `${open.repeat(depth)}${open === '[' ? '' : '1'}${close.repeat(depth)}`;
    });
  const invalidUtf8 = fc
    .tuple(
      params,
      fc.constantFrom([0xff], [0xc3, 0x28], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80]),
    )
    .map(([pairs, bad]) => {
      const text = utf8(new URLSearchParams(pairs).toString());
      return new Uint8Array([...text, ...bad]);
    });
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc.tuple(params, contentTypeArbitrary).map(([pairs, type]) => ({
        body: utf8(new URLSearchParams(pairs).toString()),
        contentType: type ?? FORM,
      })),
    },
    {
      weight: 2,
      arbitrary: params.map((pairs) => ({
        body: utf8(pairs.map(([k, v]) => `${k}=${v}`).join('&')),
        contentType: FORM,
      })),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(params, fc.boolean()).map(([pairs, rightBoundary]) => ({
        body: utf8(multipart(pairs, rightBoundary ? MULTIPART_BOUNDARY : 'otherBoundary')),
        contentType: `multipart/form-data; boundary=${MULTIPART_BOUNDARY}`,
      })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(
          `--${MULTIPART_BOUNDARY}\r\nContent-Disposition: form-data; name="grant_type"\r\n\r\nclient_credentials`,
          `--${MULTIPART_BOUNDARY}\r\nContent-Disposition: form-data; name="f"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nx\r\n--${MULTIPART_BOUNDARY}--\r\n`,
          `--${MULTIPART_BOUNDARY}--\r\n`,
          `--${MULTIPART_BOUNDARY}\r\n\r\n\r\n--${MULTIPART_BOUNDARY}--\r\n`,
        )
        .map((text) => ({
          body: utf8(text),
          contentType: `multipart/form-data; boundary=${MULTIPART_BOUNDARY}`,
        })),
    },
    { weight: 1, arbitrary: invalidUtf8.map((body) => ({ body, contentType: FORM })) },
    {
      weight: 2,
      arbitrary: fc.tuple(fc.jsonValue({ maxDepth: 4 }), contentTypeArbitrary).map(([value, type]) => ({
        body: utf8(JSON.stringify(value) ?? 'null'),
        contentType: type ?? 'application/json',
      })),
    },
    { weight: 1, arbitrary: nested.map((text) => ({ body: utf8(text), contentType: 'application/json' })) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.uint8Array({ maxLength: 512 }), contentTypeArbitrary)
        .map(([body, contentType]) => ({ body, contentType })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(hugeString, contentTypeArbitrary)
        .map(([text, contentType]) => ({ body: utf8(text), contentType })),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom<BodyAndType>(
        { body: null, contentType: null },
        { body: new Uint8Array(), contentType: FORM },
      ),
    },
  );
}

/** Authorization header values: valid-looking and broken Basic, Bearer of every size, other schemes. */
export function authorizationArbitrary(
  goodBasic: readonly [string, string],
  bearerTokens: fc.Arbitrary<string> = fc.constant('x'),
): fc.Arbitrary<string | null> {
  const [id, secret] = goodBasic;
  return fc.oneof(
    { weight: 5, arbitrary: fc.constant(null) },
    { weight: 2, arbitrary: fc.constant(`Basic ${base64(`${id}:${secret}`)}`) },
    {
      weight: 2,
      arbitrary: fc.tuple(anyString, anyString).map(([a, b]) => `Basic ${base64(utf8(`${a}:${b}`))}`),
    },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        'Basic',
        'Basic ',
        'Basic =',
        'Basic ====',
        'Basic !!!!',
        'Basic a',
        'Basic abc',
        `Basic ${base64(`${id}${secret}`)}`,
        `Basic ${base64(`${id}:${secret}`).replace(/=+$/, '')}`,
        `Basic ${base64(`${id}:${secret}`)}===`,
        `Basic ${base64(`${id}:${secret}`)} extra`,
        `basic ${base64(`${id}:${secret}`)}`,
        `BASIC    ${base64(`${id}:${secret}`)}`,
        `Basic ${base64(`:${secret}`)}`,
        `Basic ${base64(`${id}:`)}`,
        `Basic ${base64(':')}`,
        `Basic ${base64(`%zz:${secret}`)}`,
        `Basic ${Buffer.from(`${id}:${secret}`).toString('base64url')}`,
        `Basic ${base64(new Uint8Array([0xff, 0x3a, 0xfe]))}`,
        `Basic ${base64(latin1Bytes(`${id}:${secret}é`))}`,
        'Bearer',
        'Bearer ',
        'Digest username="a"',
        'Negotiate YII=',
        'null',
      ),
    },
    { weight: 2, arbitrary: bearerTokens.map((token) => `Bearer ${token}`) },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 8_000, max: 100_000 }).map((n) => `Bearer ${'e'.repeat(n)}`),
    },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 8_000, max: 60_000 }).map((n) => `Basic ${'QUFB'.repeat(n / 4)}`),
    },
    { weight: 1, arbitrary: headerValue },
  );
}

/** Extra headers a client might add, duplicates and lies about length included. */
export const extraHeadersArbitrary: fc.Arbitrary<[string, string][]> = fc.array(
  fc.tuple(
    fc.constantFrom(
      'accept',
      'x-forwarded-for',
      'x-request-id',
      'cookie',
      'user-agent',
      'origin',
      'x-http-method-override',
    ),
    headerValue,
  ),
  { maxLength: 3 },
);

/** Assembles a request from its parts. */
export function assembleRequest(parts: {
  method: string;
  path: string;
  query: string;
  body: BodyAndType;
  authorization: string | null;
  extra: readonly [string, string][];
}): FuzzRequest {
  const headers: [string, string][] = [];
  if (parts.body.contentType !== null) headers.push(['content-type', parts.body.contentType]);
  if (parts.authorization !== null) headers.push(['authorization', parts.authorization]);
  headers.push(...parts.extra);
  const request = {
    method: parts.method,
    target: `${parts.path}${parts.query}`,
    headers,
    body: parts.body.body,
  };
  return Object.defineProperty(request, fc.toStringMethod, { value: () => describeRequest(request) });
}

const clip = (text: string): string =>
  text.length > 160 ? `${text.slice(0, 160)}…(${text.length} chars)` : text;

/** A short, readable description of a request, for fast-check's counterexample reports. */
export function describeRequest(request: FuzzRequest): string {
  const body = request.body === null ? 'no body' : clip(Buffer.from(request.body).toString('latin1'));
  const headers = request.headers.map(([name, value]) => `${name}: ${clip(value)}`).join(' | ');
  return JSON.stringify(`${request.method} ${clip(request.target)} | ${headers} | ${body}`);
}
