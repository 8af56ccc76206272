import { connect } from 'node:net';

/** Sends raw HTTP/1.1 bytes to 127.0.0.1 and resolves with the raw answer once the connection closes. */
export function exchangeRaw(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    // Written, not ended: a half-closed connection lets Node abort the request before an async answer.
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => resolve(answer));
  });
}

/** A raw answer without its Date header, the one line two answers to the same request may differ in. */
export const withoutDate = (answer: string): string => answer.replace(/\r\nDate: [^\r]*/, '');

/** One HTTP/1.1 request as raw bytes, for `exchangeRaw`. */
export interface RawRequest {
  readonly method?: string;
  /** The request target; default `defaultTarget`. */
  readonly target?: string;
  readonly body?: string;
  /** Header lines as sent, so a header may be repeated; Content-Length is added unless given. */
  readonly headers?: readonly (readonly [string, string])[];
}

/** The bytes of `request` (POST by default), with `Host: 127.0.0.1` and `Connection: close`. */
export function rawRequest(request: RawRequest, defaultTarget: string): string {
  const { method = 'POST', target = defaultTarget, body = '', headers = [] } = request;
  const lines = [`${method} ${target} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close'];
  if (!headers.some(([name]) => name.toLowerCase() === 'content-length'))
    lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
  for (const [name, value] of headers) lines.push(`${name}: ${value}`);
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}
