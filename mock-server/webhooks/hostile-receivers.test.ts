import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createClock, type Clock } from '../clock.js';
import { IDLE_CONNECTION_MS } from './http1-connections.js';
import { loadTestOnlyWebhookKey, type WebhookKey } from './webhook-key.js';
import { WebhookSender, type WebhookAttemptRecord } from './webhook-sender.js';

/**
 * What a hostile receiver does once a whole request has arrived on its connection. It calls `ready` when
 * the attempt is where the test wants it (answered, or stuck for the answer limit to cut).
 */
type Script = (socket: Socket, ready: () => void, port: number) => void;

interface Case {
  readonly name: string;
  readonly script: Script;
  /** The receiver never finishes: the test moves the mock's clock by the 10 s answer limit. */
  readonly cutAtLimit: boolean;
  /**
   * The attempt's record. `status` is left out only where the limit may cut the attempt before the bytes
   * written reach it (no real-time wait decides that); the rest holds either way.
   */
  readonly expected: Pick<WebhookAttemptRecord, 'delivered' | 'error'> &
    Partial<Pick<WebhookAttemptRecord, 'status'>>;
}

const CLOSE = 'Connection: close\r\n';
const KEEP_ALIVE = 'Connection: keep-alive\r\n';

/** Writes `piece()` each time the last write left, until the connection is gone: a receiver with no end. */
const pump = (socket: Socket, piece: () => string | Buffer): void => {
  const next = (): void => {
    if (!socket.destroyed && socket.writable) socket.write(piece(), next);
  };
  next();
};

/** Writes the text a byte every 5 ms, then calls `ready` after `readyAfter` bytes; stops when the socket goes. */
const drip = (socket: Socket, text: string, readyAfter: number, ready: () => void): void => {
  let at = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || at >= text.length) {
      clearInterval(timer);
      return;
    }
    socket.write(text[at] ?? '');
    at += 1;
    if (at === readyAfter) ready();
  }, 5);
  socket.on('close', () => clearInterval(timer));
};

/** Waits until the connection's bytes are sent and then writes the rest: an answer in pieces, in time. */
const later = (socket: Socket, ...pieces: string[]): void => {
  const next = (): void => {
    const piece = pieces.shift();
    if (piece === undefined || socket.destroyed) return;
    socket.write(piece, () => setTimeout(next, 5));
  };
  next();
};

const CASES: readonly Case[] = [
  {
    name: 'a chunked 2xx, written in pieces',
    script: (socket, ready) => {
      later(
        socket,
        `HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n${CLOSE}\r\n`,
        '5\r\nhel',
        'lo\r\n',
        '0\r\n\r\n',
      );
      ready();
    },
    cutAtLimit: false,
    expected: { delivered: true, status: 200, error: null },
  },
  {
    name: 'a Content-Length 2xx, written in pieces, kept alive',
    script: (socket, ready) => {
      later(socket, `HTTP/1.1 202 Accepted\r\nContent-Length: 6\r\n${KEEP_ALIVE}\r\nque`, 'ued');
      ready();
    },
    cutAtLimit: false,
    expected: { delivered: true, status: 202, error: null },
  },
  {
    name: 'no answer: the connection closed',
    script: (socket, ready) => {
      socket.end();
      ready();
    },
    cutAtLimit: false,
    expected: { delivered: false, status: null, error: 'connection_reset' },
  },
  {
    name: 'no answer: the connection held open',
    script: (_socket, ready) => ready(),
    cutAtLimit: true,
    expected: { delivered: false, status: null, error: 'timeout' },
  },
  {
    name: 'a reset (RST) halfway through the answer body',
    script: (socket, ready) => {
      socket.write(`HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789`, () => {
        socket.resetAndDestroy();
        ready();
      });
    },
    cutAtLimit: false,
    expected: { delivered: false, status: 200, error: 'connection_reset' },
  },
  {
    name: 'the connection closed (FIN) halfway through the answer body',
    script: (socket, ready) => {
      socket.end(`HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789`);
      ready();
    },
    cutAtLimit: false,
    expected: { delivered: false, status: 200, error: 'connection_reset' },
  },
  {
    name: 'the connection closed halfway through the headers',
    script: (socket, ready) => {
      socket.end(`HTTP/1.1 200 OK\r\nContent-Le`);
      ready();
    },
    cutAtLimit: false,
    expected: { delivered: false, status: null, error: 'connection_reset' },
  },
  {
    name: 'a 307 redirect (never followed)',
    script: (socket, ready, port) => {
      socket.write(
        `HTTP/1.1 307 Temporary Redirect\r\nLocation: http://127.0.0.1:${port}/elsewhere\r\nContent-Length: 0\r\n\r\n`,
      );
      ready();
    },
    cutAtLimit: false,
    expected: { delivered: false, status: 307, error: null },
  },
  {
    name: 'an endless body behind a huge Content-Length',
    script: (socket, ready) => {
      socket.write(`HTTP/1.1 200 OK\r\nContent-Length: 999999999999\r\n\r\n`);
      pump(socket, () => Buffer.alloc(16 * 1024, 0x61));
      ready();
    },
    cutAtLimit: false,
    expected: { delivered: false, status: 200, error: 'response_too_large' },
  },
  {
    name: 'an endless chunked body',
    script: (socket, ready) => {
      socket.write(`HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n`);
      pump(socket, () => `4000\r\n${'a'.repeat(0x4000)}\r\n`);
      ready();
    },
    cutAtLimit: false,
    expected: { delivered: false, status: 200, error: 'response_too_large' },
  },
  {
    name: 'endless headers',
    script: (socket, ready) => {
      socket.write(`HTTP/1.1 200 OK\r\n`);
      pump(socket, () => `X-Padding: ${'p'.repeat(1000)}\r\n`);
      ready();
    },
    cutAtLimit: false,
    expected: { delivered: false, status: null, error: 'protocol_error' },
  },
  {
    name: 'headers dripped a byte at a time, never ending',
    script: (socket, ready) => drip(socket, `HTTP/1.1 200 OK\r\nX-Slow: ${'s'.repeat(10_000)}`, 30, ready),
    cutAtLimit: true,
    expected: { delivered: false, status: null, error: 'timeout' },
  },
  {
    name: 'a 2xx framed by the close, and a connection that never closes',
    script: (socket, ready) => {
      socket.write(`HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nqueued`, () => ready());
    },
    cutAtLimit: true,
    expected: { delivered: false, error: 'timeout' },
  },
  {
    name: 'not HTTP at all',
    script: (socket, ready) => {
      socket.write('SSH-2.0-OpenSSH_9.6\r\n\r\n');
      ready();
    },
    cutAtLimit: false,
    expected: { delivered: false, status: null, error: 'protocol_error' },
  },
];

/** The bytes of one request are all there: its head, and as many body bytes as its Content-Length says. */
function wholeRequest(bytes: Buffer): boolean {
  const end = bytes.indexOf('\r\n\r\n');
  if (end < 0) return false;
  const length = /\r\nContent-Length: (\d+)\r\n/i.exec(bytes.subarray(0, end + 2).toString('latin1'));
  return bytes.length >= end + 4 + Number(length?.[1] ?? 0);
}

/** Resolves true when the socket closes within `ms` real milliseconds, false when it is still open then. */
function closesWithin(socket: Socket, ms: number): Promise<boolean> {
  if (socket.destroyed) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

describe('hostile receivers: every answer is a recorded attempt, with no timer or socket left behind', () => {
  let key: WebhookKey;
  let server: Server;
  let port: number;
  let script: Script = () => undefined;
  let connections: Socket[] = [];
  let arrived: () => void = () => undefined;

  beforeAll(async () => {
    key = await loadTestOnlyWebhookKey();
    server = createServer((socket) => {
      connections.push(socket);
      // The sender hanging up makes writes fail with EPIPE or ECONNRESET: expected here.
      socket.on('error', () => undefined);
      let seen = Buffer.alloc(0);
      let answered = false;
      socket.on('data', (chunk: Buffer) => {
        seen = Buffer.concat([seen, chunk]);
        if (answered || !wholeRequest(seen)) return;
        answered = true;
        script(socket, arrived, port);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const socket of connections) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    connections = [];
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, hostile) => {
    const clock: Clock = createClock({ frozenAt: Date.UTC(2026, 2, 3, 9, 15) });
    const attempts: WebhookAttemptRecord[] = [];
    // One attempt per delivery: after it, nothing may be left on the mock's clock.
    const sender = new WebhookSender({ key, clock, scheduleMs: [0], onAttempt: (r) => attempts.push(r) });
    script = hostile.script;
    const ready = new Promise<void>((resolve) => (arrived = resolve));
    try {
      sender.subscribe({ url: `http://127.0.0.1:${port}/hook` });
      sender.trigger({ action: 'BROADCAST_RECEIVED' });
      await ready;
      if (hostile.cutAtLimit) {
        clock.advance(9_999);
        expect(attempts).toEqual([]);
        clock.advance(1);
      }
      await sender.settled();
      expect(attempts).toHaveLength(1);
      expect(attempts[0]).toMatchObject({ ...hostile.expected, attempt: 1, nextAttemptAtMs: null });
      if (hostile.cutAtLimit) expect(attempts[0]?.durationMs).toBe(10_000);
      expect(sender.timers.pending).toBe(0);
      expect(sender.pendingRetries).toBe(0);
      // A redirect is never followed, nor anything retried on another connection.
      expect(connections).toHaveLength(1);
    } finally {
      await sender.close();
    }
    // Closed by the sender (or its pool on close): no socket left open. A real-time margin, not a wait.
    expect(await closesWithin(connections[0]!, 5_000)).toBe(true);
  });

  it('bytes a receiver sends on an idle kept-alive connection close it: the next delivery goes on a fresh connection', async () => {
    const clock = createClock({ frozenAt: Date.UTC(2026, 2, 3, 9, 15) });
    const attempts: WebhookAttemptRecord[] = [];
    const sender = new WebhookSender({ key, clock, scheduleMs: [0], onAttempt: (r) => attempts.push(r) });
    const unsolicited = new Promise<void>((resolve) => (arrived = resolve));
    // The first connection answers its request, keeps alive, then sends a second 2xx nobody asked for;
    // a later connection answers 503.
    script = (socket, ready) => {
      if (connections.length > 1) {
        socket.end(`HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n${CLOSE}\r\n`);
        return;
      }
      const answer = `HTTP/1.1 200 OK\r\nContent-Length: 0\r\n${KEEP_ALIVE}\r\n`;
      socket.write(answer, () => setTimeout(() => socket.write(answer, () => ready()), 10));
    };
    try {
      sender.subscribe({ url: `http://127.0.0.1:${port}/hook` });
      sender.trigger({ action: 'BROADCAST_RECEIVED' });
      await unsolicited;
      await sender.settled();
      // The pool dropped the connection the stray bytes came on: an event, with a real-time margin short of
      // the pool's 4 s idle close, which would close it anyway.
      expect(IDLE_CONNECTION_MS).toBeGreaterThan(3_000);
      expect(await closesWithin(connections[0]!, 3_000)).toBe(true);
      sender.trigger({ action: 'BROADCAST_RECEIVED' });
      await sender.settled();
      expect(attempts.map((a) => [a.delivered, a.status])).toEqual([
        [true, 200],
        [false, 503],
      ]);
      expect(connections).toHaveLength(2);
    } finally {
      await sender.close();
    }
  });
});
