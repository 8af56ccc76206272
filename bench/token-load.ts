import { medianResult } from './median-result.js';
import { runLoad, type LoadRequest, type LoadResult } from './load.js';
import { clientCredentialsRequest } from './token-request.js';
import { startServer, type ServerHandle } from './server-handle.js';

/** Ours and the anchor at one connection count: medians over the rounds. */
export interface TokenLoadPoint {
  readonly connections: number;
  readonly ours: LoadResult;
  readonly anchor: LoadResult;
  /** At the busiest point only: a server that does nothing but sign (see sign-floor-server.ts). */
  readonly floor?: LoadResult;
}

export interface TokenLoadOptions {
  readonly connectionCounts: readonly number[];
  readonly durationSeconds: number;
  /** Rounds per point, ours and the anchor alternating, so a burst of load elsewhere hits both. */
  readonly rounds: number;
}

async function warmUp(server: ServerHandle, request: LoadRequest): Promise<void> {
  await runLoad(server, request, { connections: 4, durationSeconds: 0, amount: 100 });
}

/**
 * Loads our token endpoint and oauth2-mock-server's the same way (same body, same connections, same
 * duration), alternating between them round by round; at the busiest point, also the sign-only floor.
 */
export async function measureTokenLoad(options: TokenLoadOptions): Promise<TokenLoadPoint[]> {
  const [ours, anchor, floor] = await Promise.all([
    startServer('mock'),
    startServer('anchor'),
    startServer('sign-floor'),
  ]);
  try {
    const oursRequest = clientCredentialsRequest(ours.tokenUrl);
    const anchorRequest = clientCredentialsRequest(anchor.tokenUrl);
    const floorRequest = clientCredentialsRequest(floor.tokenUrl);
    await warmUp(ours, oursRequest);
    await warmUp(anchor, anchorRequest);
    await warmUp(floor, floorRequest);
    const busiest = Math.max(...options.connectionCounts);
    const points: TokenLoadPoint[] = [];
    for (const connections of options.connectionCounts) {
      const oursRuns: LoadResult[] = [];
      const anchorRuns: LoadResult[] = [];
      const floorRuns: LoadResult[] = [];
      for (let round = 0; round < options.rounds; round += 1) {
        const load = { connections, durationSeconds: options.durationSeconds };
        oursRuns.push(await runLoad(ours, oursRequest, load));
        anchorRuns.push(await runLoad(anchor, anchorRequest, load));
        if (connections === busiest) floorRuns.push(await runLoad(floor, floorRequest, load));
      }
      points.push({
        connections,
        ours: medianResult(oursRuns),
        anchor: medianResult(anchorRuns),
        ...(floorRuns.length === 0 ? {} : { floor: medianResult(floorRuns) }),
      });
    }
    return points;
  } finally {
    await Promise.all([ours.close(), anchor.close(), floor.close()]);
  }
}
