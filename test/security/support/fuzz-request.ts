/**
 * A request as the fuzzers generate it: raw enough to carry what a broken client sends (any bytes in the
 * body, odd methods and paths), structured enough to be sent in-process, by `fetch` over loopback, or as
 * raw bytes on a socket.
 */
export interface FuzzRequest {
  readonly method: string;
  /** Path and query, exactly as put on the request line. */
  readonly target: string;
  readonly headers: readonly (readonly [string, string])[];
  readonly body: Uint8Array | null;
}

const latin1 = (value: string): Buffer => Buffer.from(value, 'latin1');

/** The request as a Web `Request` for `mock.fetch`, against the given origin. */
export function toWebRequest(origin: string, request: FuzzRequest): Request {
  const headers = new Headers();
  for (const [name, value] of request.headers) headers.append(name, value);
  const method = request.method.toUpperCase();
  const withBody = request.body !== null && method !== 'GET' && method !== 'HEAD';
  return new Request(`${origin}${request.target}`, {
    method: request.method,
    headers,
    ...(withBody ? { body: new Uint8Array(request.body ?? []) as Uint8Array<ArrayBuffer> } : {}),
  });
}

/** The request as HTTP/1.1 bytes, with `Host` and `Content-Length` added unless the request sets them. */
export function toRawHttp(host: string, request: FuzzRequest): Buffer {
  const names = new Set(request.headers.map(([name]) => name.toLowerCase()));
  const lines = [`${request.method} ${request.target} HTTP/1.1`];
  if (!names.has('host')) lines.push(`Host: ${host}`);
  for (const [name, value] of request.headers) lines.push(`${name}: ${value}`);
  if (request.body !== null && !names.has('content-length') && !names.has('transfer-encoding'))
    lines.push(`Content-Length: ${request.body.byteLength}`);
  lines.push('Connection: close', '', '');
  const head = latin1(lines.join('\r\n'));
  return request.body === null ? head : Buffer.concat([head, request.body]);
}

/** Everything the client sent, as text, to tell a reflected input from a leak. */
export function requestText(request: FuzzRequest): string {
  const head = `${request.method} ${request.target}\n${request.headers.map(([n, v]) => `${n}: ${v}`).join('\n')}`;
  return request.body === null ? head : `${head}\n${Buffer.from(request.body).toString('latin1')}`;
}
