import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../shared/package-root.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startWebhookTestReceiver,
  type WebhookTestReceiver,
} from '../../test-support/webhook-test-receiver.js';
import type { CancelTimer } from '../clock-timers.js';
import { attemptDelivery, DeliveryAgents, type WebhookPost } from './webhook-attempt.js';

const body = Buffer.from('{"event_id":"019c7a3b5e2f4c1d9a8b7c6d5e4f3a2b","data":null}');
const headers = { 'Content-Type': 'application/json', 'X-VectorCare-Signature': 'c2lnbmF0dXJl' };

/** A timer the test fires by hand: the answer limit without waiting 10 s of anything. */
function manualTimer(): {
  setTimer: (ms: number, callback: () => void) => CancelTimer;
  fire: () => void;
  ms: () => number;
} {
  let pending: (() => void) | undefined;
  let limit = -1;
  return {
    setTimer(ms, callback) {
      limit = ms;
      pending = callback;
      return () => {
        const was = pending !== undefined;
        pending = undefined;
        return was;
      };
    },
    fire: () => pending?.(),
    ms: () => limit,
  };
}

describe('one delivery attempt over loopback', () => {
  let receiver: WebhookTestReceiver;
  const post = (): WebhookPost => ({ url: receiver.url, body, headers });
  beforeAll(async () => {
    receiver = await startWebhookTestReceiver();
  });
  afterAll(() => receiver.close());

  it('POSTs the exact bytes with exactly the headers given, and a 2xx is delivered', async () => {
    const before = receiver.received.length;
    receiver.answerNext({ kind: 'status', status: 204 });
    const result = await attemptDelivery(post());
    expect(result).toMatchObject({ delivered: true, status: 204, error: null });
    expect(result.timeToAnswerMs).not.toBeNull();
    const got = receiver.received[before]!;
    expect(got.method).toBe('POST');
    expect(got.path).toBe('/webhooks/vectorcare');
    expect(got.body.equals(body)).toBe(true);
    expect(got.rawHeaderNames).toEqual([
      'Host',
      'Content-Type',
      'X-VectorCare-Signature',
      'Content-Length',
      'Connection',
    ]);
    // Without a pool, the connection is closed after the answer and says so.
    expect(got.headers['connection']).toBe('close');
    expect(got.headers['x-vectorcare-signature']).toBe('c2lnbmF0dXJl');
    expect(got.headers['content-length']).toBe(String(body.length));
  });

  it.each([
    [299, true],
    [302, false],
    [400, false],
    [500, false],
  ])('answer %i: delivered %s, the status kept, a redirect never followed', async (status, delivered) => {
    const before = receiver.received.length;
    receiver.answerNext({ kind: 'status', status, headers: { location: `${receiver.url}/elsewhere` } });
    const result = await attemptDelivery(post());
    expect(result).toMatchObject({ delivered, status, error: null });
    expect(receiver.received.length).toBe(before + 1);
  });

  it('a hung receiver is cut at the answer limit (10 s unless told), with no socket left open', async () => {
    receiver.answerNext({ kind: 'hang' });
    const timer = manualTimer();
    const arrived = receiver.received.length + 1;
    const attempt = attemptDelivery(post(), { setTimer: timer.setTimer });
    await receiver.waitFor(arrived);
    timer.fire();
    expect(await attempt).toMatchObject({ delivered: false, status: null, error: 'timeout' });
    expect(timer.ms()).toBe(10_000);
  });

  it('a receiver that sends its headers and then stalls is cut too, with its status kept', async () => {
    receiver.answerNext({ kind: 'stall-body', status: 200 });
    const timer = manualTimer();
    const arrived = receiver.received.length + 1;
    const attempt = attemptDelivery(post(), { setTimer: timer.setTimer, timeoutMs: 500 });
    await receiver.waitFor(arrived);
    await new Promise((resolve) => setTimeout(resolve, 20));
    timer.fire();
    expect(await attempt).toMatchObject({ delivered: false, status: 200, error: 'timeout' });
  });

  it('a reset, a refused port and an unknown host are failed attempts, never a throw', async () => {
    receiver.answerNext({ kind: 'reset' });
    expect(await attemptDelivery(post())).toMatchObject({
      delivered: false,
      status: null,
      error: 'connection_reset',
    });

    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));
    const refused = await attemptDelivery({ ...post(), url: `http://127.0.0.1:${port}/hook` });
    expect(refused).toMatchObject({ delivered: false, error: 'connection_refused' });

    const unknown = await attemptDelivery({ ...post(), url: 'http://receiver.invalid/hook' });
    expect(unknown).toMatchObject({ delivered: false, error: 'unreachable' });
  });

  it('an answer body over the cap fails as response_too_large; one under it is read and delivered', async () => {
    receiver.answerNext({ kind: 'huge', bytes: 5 * 1024 * 1024 });
    expect(await attemptDelivery(post())).toMatchObject({
      delivered: false,
      status: 200,
      error: 'response_too_large',
    });
    receiver.answerNext({ kind: 'huge', bytes: 1000 });
    expect(await attemptDelivery(post())).toMatchObject({ delivered: true, answerBytes: 1000 });
  });

  it('dropAfterSend hangs up once the request is sent: the receiver got it whole, the attempt is dropped', async () => {
    receiver.answerNext({ kind: 'hang' });
    const arrived = receiver.received.length + 1;
    const result = await attemptDelivery(post(), { dropAfterSend: true });
    expect(result).toMatchObject({ delivered: false, status: null, error: 'dropped' });
    const [got] = (await receiver.waitFor(arrived)).slice(arrived - 1);
    expect(got?.body.equals(body)).toBe(true);
  });

  it('an abort ends the attempt at once as cancelled', async () => {
    receiver.answerNext({ kind: 'hang' });
    const abort = new AbortController();
    const arrived = receiver.received.length + 1;
    const attempt = attemptDelivery(post(), { signal: abort.signal });
    await receiver.waitFor(arrived);
    abort.abort();
    expect(await attempt).toMatchObject({ delivered: false, error: 'cancelled' });
  });

  it('keep-alive pools reuse a connection, and one that dies on reuse is retried once on a fresh one', async () => {
    // A raw server: the first connection answers one request, keep-alive, then dies on the next one
    // without an answer, as an idle connection the receiver closed behind the pool's back does.
    let connections = 0;
    const requestsSeen: number[] = [];
    const raw = createServer((socket) => {
      connections += 1;
      const connection = connections;
      let requests = 0;
      socket.on('data', (chunk: Buffer) => {
        if (!chunk.includes(body)) return;
        requests += 1;
        requestsSeen.push(connection);
        if (connection === 1 && requests === 2) socket.destroy();
        else socket.write('HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: keep-alive\r\n\r\n');
      });
    });
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(raw.address() as { port: number }).port}/hook`;
    const agents = new DeliveryAgents();
    try {
      expect((await attemptDelivery({ url, body, headers }, { agents })).delivered).toBe(true);
      expect((await attemptDelivery({ url, body, headers }, { agents })).delivered).toBe(true);
      expect(requestsSeen).toEqual([1, 1, 2]);
    } finally {
      agents.destroy();
      await new Promise((resolve) => raw.close(resolve));
    }
  });

  it('goes over TLS to an https:// receiver, and an untrusted certificate is a failed attempt, not a throw', async () => {
    const keys = join(PACKAGE_ROOT, 'fixtures', 'keys');
    let reached = 0;
    const tls = createHttpsServer(
      {
        key: readFileSync(join(keys, 'test-only-tls-key.pem')),
        cert: readFileSync(join(keys, 'test-only-tls-cert.pem')),
      },
      (_request, response) => {
        reached += 1;
        response.end();
      },
    );
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    const agents = new DeliveryAgents();
    try {
      const url = `https://127.0.0.1:${(tls.address() as { port: number }).port}/hook`;
      expect(await attemptDelivery({ url, body, headers }, { agents })).toMatchObject({
        delivered: false,
        status: null,
        error: 'tls_error',
      });
      expect(reached).toBe(0);
    } finally {
      agents.destroy();
      tls.closeAllConnections();
      await new Promise((resolve) => tls.close(resolve));
    }
  });

  it('a header that is not valid HTTP throws at once, before anything is sent', () => {
    expect(() => attemptDelivery({ ...post(), headers: { 'X-Bad': 'a\r\nInjected: 1' } })).toThrow(TypeError);
    expect(() => attemptDelivery({ ...post(), headers: { 'Bad Name': 'x' } })).toThrow(TypeError);
  });

  it('reads answers a raw server writes: chunked, close-delimited HTTP/1.0, after a 100 Continue, byte by byte', async () => {
    const answers = [
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n',
      'HTTP/1.0 202 Accepted\r\n\r\nqueued',
      'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n',
      'HTTP/1.1 503 Service Unavailable\r\nContent-Length: 4\r\nConnection: close\r\n\r\nbusy',
      'NOT HTTP AT ALL\r\n\r\n',
    ];
    const raw = createServer((socket) => {
      let seen = Buffer.alloc(0);
      socket.on('data', (chunk: Buffer) => {
        seen = Buffer.concat([seen, chunk]);
        if (!seen.includes(body)) return;
        const answer = Buffer.from(answers.shift() ?? '');
        // One byte at a time, so every boundary falls inside a read.
        let at = 0;
        const drip = (): void => {
          if (at >= answer.length) {
            if (answer.toString().startsWith('HTTP/1.0')) socket.end();
            return;
          }
          socket.write(answer.subarray(at, at + 1));
          at += 1;
          setImmediate(drip);
        };
        drip();
      });
    });
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(raw.address() as { port: number }).port}/hook`;
    try {
      const results = [];
      for (let i = 0; i < 5; i += 1) results.push(await attemptDelivery({ url, body, headers }));
      expect(results.map((r) => [r.delivered, r.status, r.error, r.answerBytes])).toEqual([
        [true, 200, null, 5],
        [true, 202, null, 6],
        [true, 204, null, 0],
        [false, 503, null, 4],
        [false, null, 'protocol_error', 0],
      ]);
    } finally {
      raw.close();
    }
  });
});
