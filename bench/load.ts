import autocannon from 'autocannon';
import type { ServerHandle } from './server-handle.js';

/** One HTTP request shape to repeat. */
export interface LoadRequest {
  readonly url: string;
  readonly method: 'GET' | 'POST';
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** What one bounded load run measured, with the server's own CPU time over it. */
export interface LoadResult {
  readonly connections: number;
  readonly requestsPerSecond: number;
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
  /** Successful (2xx) responses. */
  readonly ok: number;
  /** Connection errors, timeouts and non-2xx responses. */
  readonly errors: number;
  /** Server CPU milliseconds per successful response. */
  readonly serverCpuMsPerRequest: number;
}

export interface LoadOptions {
  readonly connections: number;
  /** Seconds of load; ignored when `amount` is set. */
  readonly durationSeconds: number;
  /** A fixed number of requests instead of a duration. */
  readonly amount?: number;
}

/**
 * Loads `server` with autocannon from this process (the server runs in its own), on loopback, bounded in
 * time or count, and charges the server's CPU time over the run to the successful responses.
 */
export async function runLoad(
  server: ServerHandle,
  request: LoadRequest,
  options: LoadOptions,
): Promise<LoadResult> {
  const before = await server.stats();
  const result = await autocannon({
    url: request.url,
    method: request.method,
    headers: { ...request.headers },
    ...(request.body === undefined ? {} : { body: request.body }),
    connections: options.connections,
    ...(options.amount === undefined
      ? { duration: options.durationSeconds }
      : { amount: options.amount, duration: 3600 }),
    timeout: 10,
    // autocannon notices the end of a run only at a sample tick (1 s by default); short runs need finer ticks.
    sampleInt: 100,
  });
  const after = await server.stats();
  const ok = result['2xx'];
  const cpuMs = (after.cpuMicros - before.cpuMicros) / 1000;
  return {
    connections: options.connections,
    // Counted from the successes over the wall time: autocannon's per-second average is 0 for sub-second runs.
    requestsPerSecond: result.duration > 0 ? ok / result.duration : 0,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    ok,
    errors: result.errors + result.timeouts + result.non2xx,
    serverCpuMsPerRequest: ok === 0 ? Number.NaN : cpuMs / ok,
  };
}
