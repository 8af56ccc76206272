import { fetchToken, stateUpdateRequest } from './hub-request.js';
import { runLoad } from './load.js';
import { startServer } from './server-handle.js';

/** RSS of the mock's process around a long run of hub calls, after a full GC each time. */
export interface MemoryResult {
  readonly requests: number;
  readonly warmUpRequests: number;
  readonly rssBeforeMb: number;
  readonly rssAfterMb: number;
  readonly errors: number;
}

const MB = 2 ** 20;

/**
 * Runs `requests` hub state updates against a mock with the recorder at its default bound, and reads the
 * server's RSS before and after. The warm-up first fills the recorder's ring buffer (twice over), so
 * what grows afterwards is growth, not the buffer filling up.
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
    const before = await mock.stats(true);
    const run = await runLoad(mock, request, { connections: 10, durationSeconds: 0, amount: requests });
    const after = await mock.stats(true);
    return {
      requests: run.ok,
      warmUpRequests: warmUp.ok,
      rssBeforeMb: before.rssBytes / MB,
      rssAfterMb: after.rssBytes / MB,
      errors: warmUp.errors + run.errors,
    };
  } finally {
    await mock.close();
  }
}
