import { median } from './figure.js';
import type { LoadResult } from './load.js';

/** The median of each number across rounds (latencies and rates alike). */
export function medianResult(results: readonly LoadResult[]): LoadResult {
  const of = (pick: (result: LoadResult) => number): number => median(results.map(pick));
  return {
    connections: results[0]?.connections ?? 0,
    requestsPerSecond: of((r) => r.requestsPerSecond),
    latencyP50Ms: of((r) => r.latencyP50Ms),
    latencyP99Ms: of((r) => r.latencyP99Ms),
    ok: results.reduce((sum, r) => sum + r.ok, 0),
    errors: results.reduce((sum, r) => sum + r.errors, 0),
    serverCpuMsPerRequest: of((r) => r.serverCpuMsPerRequest),
  };
}
