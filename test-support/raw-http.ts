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
