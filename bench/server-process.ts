import { startAnchorServer } from './anchor-server.js';
import { startBareHonoServer } from './bare-hono-server.js';
import { startSignFloorServer } from './sign-floor-server.js';
import { createMockServer } from '../mock-server/index.js';

/** The servers the benchmark loads, each in a child process of its own. */
export type ServerKind = 'mock' | 'anchor' | 'bare-hono' | 'sign-floor';

/** Parent → child. */
export type ServerRequest =
  { readonly type: 'stats'; readonly collectGarbage: boolean } | { readonly type: 'close' };

/** Child → parent. */
export type ServerMessage =
  | { readonly type: 'ready'; readonly url: string; readonly tokenUrl: string }
  | {
      readonly type: 'stats';
      /** The process's own CPU time (all threads), microseconds. */
      readonly cpuMicros: number;
      /** Resident set size, bytes (after a full GC when asked to collect). */
      readonly rssBytes: number;
      /** Live JavaScript heap, bytes: what a leak would grow, without V8's page-keeping noise. */
      readonly heapUsedBytes: number;
    };

interface Started {
  readonly url: string;
  readonly tokenUrl: string;
  close(): Promise<void>;
}

async function start(kind: ServerKind): Promise<Started> {
  switch (kind) {
    case 'mock':
      return createMockServer({ port: 0 });
    case 'anchor':
      return startAnchorServer();
    case 'sign-floor':
      return startSignFloorServer();
    case 'bare-hono': {
      const bare = await startBareHonoServer();
      return { ...bare, tokenUrl: '' };
    }
  }
}

function send(message: ServerMessage): void {
  process.send?.(message);
}

function stats(collectGarbage: boolean): ServerMessage {
  // CPU is read before the collection, so a GC asked for by the benchmark never counts as request work.
  const cpu = process.cpuUsage();
  if (collectGarbage) (globalThis as { gc?: () => void }).gc?.();
  const memory = process.memoryUsage();
  return {
    type: 'stats',
    cpuMicros: cpu.user + cpu.system,
    rssBytes: memory.rss,
    heapUsedBytes: memory.heapUsed,
  };
}

/** Runs as `node server-process.js <kind>` under `fork()`: starts the server and answers over IPC. */
async function main(): Promise<void> {
  const kind = process.argv[2] as ServerKind;
  const server = await start(kind);
  process.on('message', (request: ServerRequest) => {
    if (request.type === 'stats') send(stats(request.collectGarbage));
    else void server.close().finally(() => process.exit(0));
  });
  // The parent going away must not leave a server behind.
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', url: server.url, tokenUrl: server.tokenUrl });
}

void main();
