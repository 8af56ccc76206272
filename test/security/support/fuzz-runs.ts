import { appendFileSync } from 'node:fs';

/**
 * How many cases a fuzz property runs: `fallback` in `npm test`, or what `npm run fuzz -- --runs N` asks
 * for (through VECTORCARE_FUZZ_RUNS). VECTORCARE_FUZZ_SEED replays a run fast-check reported.
 */
export function fuzzRuns(fallback: number): number {
  const asked = Number(process.env['VECTORCARE_FUZZ_RUNS']);
  return Number.isInteger(asked) && asked > 0 ? Math.max(asked, fallback) : fallback;
}

/** The fast-check parameters every fuzz property shares. */
export function fuzzParameters(fallbackRuns: number): { numRuns: number; seed?: number; endOnFailure: true } {
  const seed = Number(process.env['VECTORCARE_FUZZ_SEED']);
  return {
    numRuns: fuzzRuns(fallbackRuns),
    endOnFailure: true,
    ...(Number.isInteger(seed) ? { seed } : {}),
  };
}

/**
 * A test timeout that grows with the number of cases asked for (a long run may take many minutes). A hang
 * detector with room for a busy machine: 5,000 hub cases took 60 s at load ~14 on 2 cores, against 150 s.
 */
export function fuzzTimeoutMs(fallbackRuns: number, msPerCase = 10): number {
  return Math.max(600_000, fuzzRuns(fallbackRuns) * msPerCase * 10);
}

/** One property's figures, for the summary `npm run fuzz` prints. */
export interface FuzzFigures {
  readonly surface: string;
  readonly transport: 'in-process' | 'socket' | 'raw socket';
  readonly cases: number;
  readonly outcomes: Readonly<Record<string, number>>;
}

/** Appends the figures to the file `npm run fuzz` reads (VECTORCARE_FUZZ_REPORT); a no-op in `npm test`. */
export function reportFuzzRun(figures: FuzzFigures): void {
  const file = process.env['VECTORCARE_FUZZ_REPORT'];
  if (file !== undefined && file !== '') appendFileSync(file, `${JSON.stringify(figures)}\n`);
}
