import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A bare local webhook receiver: reads each delivery and answers 204, noting when each request arrived. */
export interface BenchReceiver {
  readonly url: string;
  /** Deliveries received so far. */
  readonly count: number;
  /** Resolves with performance.now() when the next request's headers arrive (its first packet). */
  nextArrival(): Promise<number>;
  close(): Promise<void>;
}

/**
 * Starts the receiver on loopback. It does the least a receiver can (no verification, no parsing), so the
 * figure is the sender's: what it costs to sign, send and read the answer.
 */
export async function startBenchReceiver(): Promise<BenchReceiver> {
  let count = 0;
  let waiting: ((at: number) => void) | undefined;
  const server: Server = createServer((request, response) => {
    const at = performance.now();
    count += 1;
    const resolve = waiting;
    waiting = undefined;
    resolve?.(at);
    request.resume();
    request.on('end', () => {
      response.statusCode = 204;
      response.end();
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`,
    get count() {
      return count;
    },
    nextArrival: () => new Promise((resolve) => (waiting = resolve)),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
