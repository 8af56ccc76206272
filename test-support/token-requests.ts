import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';

/** The exact error bodies of DESIGN.md §2, as VectorCare's auth server sends them (description first). */
export const OAUTH_ERROR_BODIES = Object.freeze({
  invalid_client: { error_description: 'Client authentication failed.', error: 'invalid_client' },
  invalid_request: {
    error_description:
      'The request is missing a required parameter, includes an invalid parameter value, includes a parameter more than once, or is otherwise malformed.',
    error: 'invalid_request',
  },
  unsupported_grant_type: {
    error_description: 'The authorization grant type is not supported by the authorization server.',
    error: 'unsupported_grant_type',
  },
});

/** The demo client's form, the body of the README's curl command. */
export const DEMO_FORM = Object.freeze({
  client_id: 'demo-client',
  client_secret: 'demo-secret',
  grant_type: 'client_credentials',
});

/** RFC 6749 Appendix B: application/x-www-form-urlencoded, space as `+`. */
export const formEncode = (value: string): string =>
  new URLSearchParams({ v: value }).toString().slice('v='.length);

/**
 * An `Authorization: Basic` value. With `formEncoded` (RFC 6749 §2.3.1) id and secret are form-encoded before
 * base64; without, they are sent as they are, as many clients do.
 */
export function basicAuthorization(clientId: string, clientSecret: string, formEncoded = true): string {
  const pair = formEncoded
    ? `${formEncode(clientId)}:${formEncode(clientSecret)}`
    : `${clientId}:${clientSecret}`;
  return `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`;
}

/** A response read off the wire: status, headers as Node saw them, and the raw body text. */
export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly text: string;
}

/**
 * Sends one request with `node:http`, exactly as given: any method, any headers, any body bytes. fetch
 * would normalise some of that away (it refuses bodies on GET, sets its own content type).
 */
export function sendRaw(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'POST', headers: options.headers ?? {} });
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.end(options.body);
  });
}

/**
 * Writes `head` and then `bodyBytes` on a raw TCP socket, keeps the socket open without sending the rest of
 * the declared body, and resolves with whatever the server answered. Proves an answer came before the body.
 */
export function sendHeadAndPartialBody(
  url: string,
  head: string,
  bodyBytes: string,
  timeoutMs = 30_000,
): Promise<{ readonly response: string; readonly bytesSent: number }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) });
    let response = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms; got ${JSON.stringify(response)}`));
    }, timeoutMs);
    socket.on('connect', () => {
      socket.write(head);
      socket.write(bodyBytes);
    });
    socket.on('data', (chunk: Buffer) => {
      response += chunk.toString('utf8');
      // The whole answer is in once the JSON body closes.
      if (/\r\n\r\n[\s\S]*}$/.test(response)) {
        clearTimeout(timer);
        socket.destroy();
        resolve({ response, bytesSent: Buffer.byteLength(bodyBytes) });
      }
    });
    socket.on('end', () => {
      clearTimeout(timer);
      resolve({ response, bytesSent: Buffer.byteLength(bodyBytes) });
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}
