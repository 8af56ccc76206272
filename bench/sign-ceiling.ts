import { sign, type KeyObject } from 'node:crypto';
import { availableParallelism } from 'node:os';

/** What RS256 signing alone costs on this machine: the ceiling no token endpoint can beat. */
export interface SignCeiling {
  /** Synchronous signatures per second on one core. */
  readonly perSecondOneCore: number;
  /** CPU milliseconds per signature (process CPU time over signatures, synchronous). */
  readonly cpuMsPerSignature: number;
  /** Asynchronous signatures per second with libuv's thread pool busy on every core. */
  readonly perSecondThreadPool: number;
  readonly signatures: number;
}

// A JWT-sized signing input, so the hash cost matches a real token's.
const SIGNING_INPUT = Buffer.from('x'.repeat(420));

function signSync(key: KeyObject, durationMs: number): { count: number; cpuMs: number; wallMs: number } {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let count = 0;
  while (performance.now() - started < durationMs) {
    sign('sha256', SIGNING_INPUT, key);
    count += 1;
  }
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return { count, cpuMs: (cpu.user + cpu.system) / 1000, wallMs };
}

function signAsyncOnce(key: KeyObject): Promise<void> {
  return new Promise((resolve, reject) => {
    sign('sha256', SIGNING_INPUT, key, (error) => (error ? reject(error) : resolve()));
  });
}

async function signThreadPool(key: KeyObject, durationMs: number): Promise<number> {
  const started = performance.now();
  let count = 0;
  // Twice as many in flight as cores keeps every pool thread busy without queueing much.
  const lanes = Array.from({ length: availableParallelism() * 2 }, async () => {
    while (performance.now() - started < durationMs) {
      await signAsyncOnce(key);
      count += 1;
    }
  });
  await Promise.all(lanes);
  return (count * 1000) / (performance.now() - started);
}

/**
 * Measures RS256 (2048-bit) signing in-process: synchronous on one core for the CPU cost of one signature,
 * then asynchronous on the thread pool for what all cores can do.
 */
export async function measureSignCeiling(key: KeyObject, durationMs: number): Promise<SignCeiling> {
  signSync(key, Math.min(200, durationMs / 4)); // warm-up
  const sync = signSync(key, durationMs);
  const perSecondThreadPool = await signThreadPool(key, durationMs);
  return {
    perSecondOneCore: (sync.count * 1000) / sync.wallMs,
    cpuMsPerSignature: sync.cpuMs / sync.count,
    perSecondThreadPool,
    signatures: sync.count,
  };
}
