import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PACKAGE_ROOT } from '../shared/package-root.js';

/** What one benchmark run does; every number is bounded so a run always ends. */
export interface BenchOptions {
  readonly quick: boolean;
  /** Where the JSON goes. */
  readonly out: string;
  /** Seconds of load per measured point. */
  readonly durationSeconds: number;
  /** Alternating rounds per point (ours, baseline, ours, baseline, ...); medians are reported. */
  readonly rounds: number;
  /** Fresh processes per start-up figure. */
  readonly startUpSamples: number;
  /** Hub requests between the two RSS readings of the memory figure. */
  readonly memoryRequests: number;
  /** Milliseconds of signing for the sign ceiling. */
  readonly signMs: number;
  /** Events timed from trigger to the receiver's first byte. */
  readonly webhookSamples: number;
  readonly connectionCounts: readonly number[];
  /** Time `certify` (about half a minute) when the contract kit is built. */
  readonly certify: boolean;
}

export const DEFAULT_OUT = join(PACKAGE_ROOT, 'bench', 'results', 'latest.json');

const FULL = Object.freeze({
  durationSeconds: 5,
  rounds: 3,
  startUpSamples: 10,
  memoryRequests: 1_000_000,
  signMs: 2_000,
  webhookSamples: 300,
});

const QUICK = Object.freeze({
  durationSeconds: 1,
  rounds: 1,
  startUpSamples: 3,
  memoryRequests: 20_000,
  signMs: 300,
  webhookSamples: 30,
});

export const BENCH_USAGE = `Usage: npm run bench -- [options]

  --quick                 a 1 s smoke of every figure instead of the full run (minutes)
  --out <file>            where to write the JSON (default bench/results/latest.json)
  --duration <s>          seconds of load per point            (full 5, quick 1)
  --rounds <n>            alternating rounds per point          (full 3, quick 1)
  --samples <n>           fresh processes per start-up figure   (full 10, quick 3)
  --memory-requests <n>   hub requests for the memory figure    (full 1000000, quick 20000)
  --sign-ms <ms>          time spent on the sign ceiling        (full 2000, quick 300)
  --webhook-samples <n>   events timed trigger to first byte    (full 300, quick 30)
  --no-certify            leave out the certify timings (they take about half a minute)
`;

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new Error(`--${name} must be a positive number`);
  return number;
}

/** Parses the runner's arguments; `null` when help was asked for. */
export function parseBenchOptions(args: readonly string[]): BenchOptions | null {
  const { values } = parseArgs({
    args: [...args],
    strict: true,
    options: {
      quick: { type: 'boolean' },
      out: { type: 'string' },
      duration: { type: 'string' },
      rounds: { type: 'string' },
      samples: { type: 'string' },
      'memory-requests': { type: 'string' },
      'sign-ms': { type: 'string' },
      'webhook-samples': { type: 'string' },
      'no-certify': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) return null;
  const quick = values.quick === true;
  const defaults = quick ? QUICK : FULL;
  return {
    quick,
    out: values.out ?? DEFAULT_OUT,
    durationSeconds: positive('duration', values.duration, defaults.durationSeconds),
    rounds: Math.round(positive('rounds', values.rounds, defaults.rounds)),
    startUpSamples: Math.round(positive('samples', values.samples, defaults.startUpSamples)),
    memoryRequests: Math.round(
      positive('memory-requests', values['memory-requests'], defaults.memoryRequests),
    ),
    signMs: positive('sign-ms', values['sign-ms'], defaults.signMs),
    webhookSamples: Math.round(
      positive('webhook-samples', values['webhook-samples'], defaults.webhookSamples),
    ),
    connectionCounts: [1, 10, 50],
    certify: values['no-certify'] !== true,
  };
}
