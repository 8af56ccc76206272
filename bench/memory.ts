import { fetchToken, stateUpdateRequest } from './hub-request.js';
import { runLoad } from './load.js';
import { median } from './figure.js';
import { startServer, type ServerHandle } from './server-handle.js';

/** RSS of the mock's process around a long run of hub calls, after a full GC each time. */
export interface MemoryResult {
  readonly requests: number;
  readonly warmUpRequests: number;
  readonly rssBeforeMb: number;
  readonly rssAfterMb: number;
  readonly heapUsedBeforeMb: number;
  readonly heapUsedAfterMb: number;
  readonly errors: number;
}

const MB = 2 ** 20;
const READINGS = 5;

/**
 * The median of a few readings, each after a full GC: V8 keeps or returns young-generation pages from one
 * collection to the next, which moves RSS by tens of MB with no change in live memory.
 */
export async function settledMemory(server: ServerHandle): Promise<{ rssMb: number; heapUsedMb: number }> {
  const rss: number[] = [];
  const heap: number[] = [];
  for (let i = 0; i < READINGS; i += 1) {
    const stats = await server.stats(true);
    rss.push(stats.rssBytes / MB);
    heap.push(stats.heapUsedBytes / MB);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { rssMb: median(rss), heapUsedMb: median(heap) };
}

/**
 * Runs `requests` hub state updates against a mock with the recorder at its default bound, and reads the
 * server's RSS before and after. The warm-up fills the recorder's ring buffer (at least twice over) and
 * lets V8 size its heap for this load, so what grows afterwards is growth, not start-up.
 */
export async function measureMemory(requests: number, warmUpRequests: number): Promise<MemoryResult> {
  const mock = await startServer('mock');
  try {
    const request = stateUpdateRequest(mock.url, await fetchToken(mock));
    const warmUp = await runLoad(mock, request, {
      connections: 10,
      durationSeconds: 0,
      amount: warmUpRequests,
    });
    const before = await settledMemory(mock);
    const run = await runLoad(mock, request, { connections: 10, durationSeconds: 0, amount: requests });
    const after = await settledMemory(mock);
    return {
      requests: run.ok,
      warmUpRequests: warmUp.ok,
      rssBeforeMb: before.rssMb,
      rssAfterMb: after.rssMb,
      heapUsedBeforeMb: before.heapUsedMb,
      heapUsedAfterMb: after.heapUsedMb,
      errors: warmUp.errors + run.errors,
    };
  } finally {
    await mock.close();
  }
}
