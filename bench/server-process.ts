import { readFileSync } from 'node:fs';
import { getHeapSpaceStatistics } from 'node:v8';
import { startAnchorServer } from './anchor-server.js';
import { startBareHonoServer } from './bare-hono-server.js';
import { startSignFloorServer } from './sign-floor-server.js';
import { createMockServer, type MockServer } from '../mock-server/index.js';

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
      /** The heap V8 holds from the system (live or not), bytes. */
      readonly heapTotalBytes: number;
      /** Memory of C++ objects bound to JavaScript ones (Buffers included), bytes. */
      readonly externalBytes: number;
      /** ArrayBuffers and Buffers, bytes (part of `externalBytes`). */
      readonly arrayBuffersBytes: number;
      /** Anonymous resident memory (heaps, malloc, stacks), bytes; null off Linux. */
      readonly rssAnonBytes: number | null;
      /** File-backed resident memory (the node binary's and libraries' pages touched so far), bytes. */
      readonly rssFileBytes: number | null;
      /** How full the mock's bounded structures are; null for the other servers. */
      readonly structures: MockStructures | null;
      /** TCP sockets open in the process (the listening one and each client connection). */
      readonly tcpSockets: number;
      /** V8's new and old spaces as committed (live or not), bytes. */
      readonly newSpaceBytes: number;
      readonly oldSpaceBytes: number;
    };

/** How full one bounded structure is. */
export interface Bound {
  readonly size: number;
  readonly capacity: number;
}

/** The mock's bounded structures: what grows until its cap, then stays. */
export interface MockStructures {
  /** The recorder's ring buffer (exchanges). */
  readonly recordings: Bound;
  /** The token ledger (issued tokens remembered for revocation). */
  readonly ledgerTokens: Bound;
  /** The hub verifier's cache of tokens whose signature verified. */
  readonly verifierCache: Bound;
}

interface Started {
  readonly url: string;
  readonly tokenUrl: string;
  close(): Promise<void>;
}

let mock: MockServer | undefined;

async function start(kind: ServerKind): Promise<Started> {
  switch (kind) {
    case 'mock':
      mock = await createMockServer({ port: 0 });
      return mock;
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

/** RssAnon and RssFile from /proc/self/status, bytes; null where there is no such file. */
function residentSplit(): { anon: number | null; file: number | null } {
  let status: string;
  try {
    status = readFileSync('/proc/self/status', 'utf8');
  } catch {
    return { anon: null, file: null };
  }
  const kilobytes = (name: string): number | null => {
    const match = new RegExp(`^${name}:\\s+(\\d+) kB$`, 'm').exec(status);
    return match?.[1] === undefined ? null : Number(match[1]) * 1024;
  };
  return { anon: kilobytes('RssAnon'), file: kilobytes('RssFile') };
}

function structures(): MockStructures | null {
  if (mock === undefined) return null;
  return {
    recordings: { size: mock.recorder.size, capacity: mock.recorder.capacity },
    ledgerTokens: { size: mock.context.ledger.size, capacity: mock.context.ledger.capacity },
    verifierCache: mock.context.verifyToken.cache,
  };
}

const space = (name: string): number =>
  getHeapSpaceStatistics().find((entry) => entry.space_name === name)?.space_size ?? 0;

function stats(collectGarbage: boolean): ServerMessage {
  // CPU is read before the collection, so a GC asked for by the benchmark never counts as request work.
  const cpu = process.cpuUsage();
  if (collectGarbage) (globalThis as { gc?: () => void }).gc?.();
  const memory = process.memoryUsage();
  const resident = residentSplit();
  return {
    type: 'stats',
    cpuMicros: cpu.user + cpu.system,
    rssBytes: memory.rss,
    heapUsedBytes: memory.heapUsed,
    heapTotalBytes: memory.heapTotal,
    externalBytes: memory.external,
    arrayBuffersBytes: memory.arrayBuffers,
    rssAnonBytes: resident.anon,
    rssFileBytes: resident.file,
    structures: structures(),
    tcpSockets: process.getActiveResourcesInfo().filter((name) => name === 'TCPSocketWrap').length,
    newSpaceBytes: space('new_space'),
    oldSpaceBytes: space('old_space'),
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
