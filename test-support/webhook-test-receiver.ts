import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One request the receiver got, as it arrived on the wire. */
export interface ReceivedWebhook {
  readonly method: string;
  readonly path: string;
  /** Header names and values as Node parsed them (names lower-cased). */
  readonly headers: IncomingHttpHeaders;
  /** Header names in the case the sender wrote them. */
  readonly rawHeaderNames: readonly string[];
  readonly body: Buffer;
  /** performance.now() when the request's headers arrived (its first byte, give or take parsing). */
  readonly arrivedAt: number;
}

/** How the receiver answers one request. */
export type ReceiverBehaviour =
  | {
      readonly kind: 'status';
      readonly status: number;
      readonly headers?: Record<string, string>;
      readonly body?: string;
    }
  /** Reads the request and never answers. */
  | { readonly kind: 'hang' }
  /** Reads the request and destroys the connection. */
  | { readonly kind: 'reset' }
  /** Answers 200 with a body of this many bytes. */
  | { readonly kind: 'huge'; readonly bytes: number }
  /** Sends the status line and headers, then nothing more. */
  | { readonly kind: 'stall-body'; readonly status: number };

export interface WebhookTestReceiver {
  readonly url: string;
  readonly port: number;
  readonly received: readonly ReceivedWebhook[];
  /** Queues answers for the next requests; afterwards `fallback` (default 200) answers. */
  answerNext(...behaviours: ReceiverBehaviour[]): void;
  /** How requests beyond the queue are answered. */
  setFallback(behaviour: ReceiverBehaviour): void;
  /** Resolves once `count` requests in all have arrived (their bodies read). */
  waitFor(count: number): Promise<readonly ReceivedWebhook[]>;
  close(): Promise<void>;
}

const status = (code: number): ReceiverBehaviour => ({ kind: 'status', status: code });

/**
 * A webhook receiver on loopback for tests: it keeps every request's exact bytes and answers each as told
 * (a status, a hang, a reset, a huge body). Closing destroys every connection, hung ones included.
 */
export async function startWebhookTestReceiver(path = '/webhooks/vectorcare'): Promise<WebhookTestReceiver> {
  const received: ReceivedWebhook[] = [];
  const queue: ReceiverBehaviour[] = [];
  let fallback: ReceiverBehaviour = status(200);
  const waiters: { count: number; resolve: (list: readonly ReceivedWebhook[]) => void }[] = [];
  const sockets = new Set<Socket>();

  const answer = (behaviour: ReceiverBehaviour, response: ServerResponse): void => {
    switch (behaviour.kind) {
      case 'status':
        response.writeHead(behaviour.status, behaviour.headers ?? {});
        response.end(behaviour.body ?? '');
        return;
      case 'hang':
        return;
      case 'reset':
        response.socket?.destroy();
        return;
      case 'huge':
        response.writeHead(200, { 'content-type': 'text/plain' });
        response.end(Buffer.alloc(behaviour.bytes, 0x61));
        return;
      case 'stall-body':
        response.writeHead(behaviour.status, { 'content-length': '100' });
        response.flushHeaders();
        return;
    }
  };

  const server = createServer((request, response) => {
    const arrivedAt = performance.now();
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const names: string[] = [];
      for (let i = 0; i < request.rawHeaders.length; i += 2) names.push(request.rawHeaders[i] ?? '');
      received.push({
        method: request.method ?? '',
        path: request.url ?? '',
        headers: request.headers,
        rawHeaderNames: names,
        body: Buffer.concat(chunks),
        arrivedAt,
      });
      answer(queue.shift() ?? fallback, response);
      for (const waiter of waiters.splice(0)) {
        if (received.length >= waiter.count) waiter.resolve(received);
        else waiters.push(waiter);
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    port,
    received,
    answerNext: (...behaviours) => void queue.push(...behaviours),
    setFallback(behaviour) {
      fallback = behaviour;
    },
    waitFor(count) {
      if (received.length >= count) return Promise.resolve(received);
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
