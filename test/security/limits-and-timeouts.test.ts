import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createMockServer,
  DEFAULTS,
  DEMO_CLIENT,
  TOKEN_PATH,
  type MockServer,
} from '../../mock-server/index.js';
import { parseResponses } from './support/raw-http.js';
import { assertServesValidToken } from './support/token-health.js';

const LIMIT = DEFAULTS.bodyLimitBytes;

/** A socket with what the server sent so far, and a promise that settles when it closes. */
function open(port: number): { socket: Socket; received: () => string; closed: Promise<number> } {
  const socket = connect({ port, host: '127.0.0.1' });
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  socket.on('error', () => undefined);
  const closed = new Promise<number>((resolve) => socket.on('close', () => resolve(performance.now())));
  return { socket, received: () => Buffer.concat(chunks).toString('latin1'), closed };
}

const tokenRequestHead = (headers: string): string =>
  `POST ${TOKEN_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n${headers}\r\n`;

describe('limits and timeouts', () => {
  let mock: MockServer | undefined;
  afterEach(async () => {
    await mock?.close();
    mock = undefined;
  });

  it('refuses a declared body over the limit with 413 before reading it', async () => {
    mock = await createMockServer({ port: 0 });
    const { socket, received, closed } = open(mock.port);
    socket.write(tokenRequestHead(`Content-Length: ${100 * 1024 * 1024}\r\n`));
    socket.write('grant_type=client_credentials&');
    await closed;
    const [response] = parseResponses(received()).responses;
    expect(response?.status).toBe(413);
    expect(JSON.parse(response?.body ?? '')).toEqual({
      error_description: `The request body is larger than ${LIMIT} bytes.`,
      error: 'invalid_request',
    });
    await assertServesValidToken((request) => fetch(request), mock.url);
  });

  it('stops reading an undeclared (chunked) body once it passes the limit', async () => {
    mock = await createMockServer({ port: 0 });
    const { socket, received, closed } = open(mock.port);
    socket.write(tokenRequestHead('Transfer-Encoding: chunked\r\n'));
    const chunk = `${(16 * 1024).toString(16)}\r\n${'a'.repeat(16 * 1024)}\r\n`;
    // Streams up to 64 MB as fast as the socket takes it. A server that read the body whole would take
    // all of it before answering; this one stops at the limit, so only what the kernel's socket buffers
    // hold (a few MB on loopback) gets written before the 413 and the close.
    let sent = 0;
    let answered = false;
    void closed.then(() => (answered = true));
    while (!answered && sent < 64 * 1024 * 1024 && received() === '') {
      if (!socket.write(chunk))
        await new Promise((resolve) => socket.once('drain', resolve).once('close', resolve));
      sent += 16 * 1024;
    }
    await closed;
    expect(parseResponses(received()).responses[0]?.status).toBe(413);
    expect(sent).toBeLessThan(32 * 1024 * 1024);
  });

  it('stops pulling an in-process body stream once it passes the limit', async () => {
    mock = await createMockServer({ listen: false });
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 4096;
        controller.enqueue(new Uint8Array(4096).fill(97));
      },
    });
    const response = await mock.fetch(
      new Request(mock.tokenUrl, {
        method: 'POST',
        body: endless,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        duplex: 'half',
      } as RequestInit),
    );
    expect(response.status).toBe(413);
    expect(pulled).toBeLessThan(LIMIT + 64 * 1024);
  });

  it('cuts off a client that trickles its headers (slowloris) after the headers timeout', async () => {
    mock = await createMockServer({ port: 0, headersTimeoutMs: 400, requestTimeoutMs: 800 });
    const { socket, received, closed } = open(mock.port);
    const started = performance.now();
    socket.write(`POST ${TOKEN_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\n`);
    const trickle = setInterval(() => socket.write('X-Slow: a\r\n', () => undefined), 50);
    const closedAt = await closed;
    clearInterval(trickle);
    expect(closedAt - started).toBeGreaterThanOrEqual(350);
    // Well before the 10 s default headers timeout, so the option was applied; no tighter, because the
    // server shares its event loop with the test on a busy machine.
    expect(closedAt - started).toBeLessThan(DEFAULTS.headersTimeoutMs * 0.8);
    expect(received()).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('cuts off a client that trickles its body after the request timeout', async () => {
    mock = await createMockServer({ port: 0, headersTimeoutMs: 300, requestTimeoutMs: 700 });
    const { socket, closed } = open(mock.port);
    const started = performance.now();
    socket.write(tokenRequestHead('Content-Length: 10000\r\n'));
    const trickle = setInterval(() => socket.write('a', () => undefined), 50);
    const closedAt = await closed;
    clearInterval(trickle);
    expect(closedAt - started).toBeGreaterThanOrEqual(600);
    // Well before the 10 s headers and 30 s request defaults (see above).
    expect(closedAt - started).toBeLessThan(DEFAULTS.headersTimeoutMs * 0.8);
  });

  it('does not cut off a slow answer: the timeouts bound the request, not the response', async () => {
    // The whole request must arrive within the request timeout, so that bound has room for a busy machine
    // (the test and the server share one event loop); the answer then comes twice that late.
    mock = await createMockServer({ port: 0, headersTimeoutMs: 1_000, requestTimeoutMs: 1_500 });
    mock.control.addFault({ target: 'token', kind: 'delay', delay_ms: 3_000, count: 1 });
    const response = await fetch(mock.tokenUrl, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: DEMO_CLIENT.clientId,
        client_secret: DEMO_CLIENT.clientSecret,
      }),
    });
    expect(response.status).toBe(200);
  });

  it('keeps answering while 1,000 idle and half-open connections are held', async () => {
    mock = await createMockServer({ port: 0 });
    const port = mock.port;
    const held = Array.from({ length: 1_000 }, (_, index) => {
      const connection = open(port);
      // Half of them idle, half stopped in the middle of their headers.
      if (index % 2 === 1) connection.socket.write(`POST ${TOKEN_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\n`);
      return connection;
    });
    await Promise.all(held.map(({ socket }) => new Promise((resolve) => socket.once('connect', resolve))));
    const started = performance.now();
    await assertServesValidToken((request) => fetch(request), mock.url);
    // A server that capped connections or stalled on idle ones would not answer at all; the bound is loose
    // because the machine may be busy.
    expect(performance.now() - started).toBeLessThan(10_000);
    for (const { socket } of held) socket.destroy();
  });
});
