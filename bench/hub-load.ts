import { medianResult } from './median-result.js';
import { fetchToken, stateUpdateRequest } from './hub-request.js';
import { runLoad, type LoadResult } from './load.js';
import { startServer } from './server-handle.js';

/** The hub's state update and the bare Hono route: medians over the rounds. */
export interface HubLoadResult {
  readonly hub: LoadResult;
  readonly bare: LoadResult;
}

export interface HubLoadOptions {
  readonly connections: number;
  readonly durationSeconds: number;
  readonly rounds: number;
}

/**
 * Loads the hub's state update (with a valid token) and a bare Hono route of the same shape on the same
 * server stack, the same way, alternating round by round.
 */
export async function measureHubLoad(options: HubLoadOptions): Promise<HubLoadResult> {
  const [mock, bare] = await Promise.all([startServer('mock'), startServer('bare-hono')]);
  try {
    const hubRequest = stateUpdateRequest(mock.url, await fetchToken(mock));
    const bareRequest = stateUpdateRequest(bare.url);
    const warmUp = { connections: 4, durationSeconds: 0, amount: 500 };
    await runLoad(mock, hubRequest, warmUp);
    await runLoad(bare, bareRequest, warmUp);
    const hubRuns: LoadResult[] = [];
    const bareRuns: LoadResult[] = [];
    for (let round = 0; round < options.rounds; round += 1) {
      const load = { connections: options.connections, durationSeconds: options.durationSeconds };
      hubRuns.push(await runLoad(mock, hubRequest, load));
      bareRuns.push(await runLoad(bare, bareRequest, load));
    }
    return { hub: medianResult(hubRuns), bare: medianResult(bareRuns) };
  } finally {
    await Promise.all([mock.close(), bare.close()]);
  }
}
