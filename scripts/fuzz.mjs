#!/usr/bin/env node
// `npm run fuzz -- --runs N [--seed S] [--only name]`: runs the security fuzz properties
// (test/security/*.fuzz.test.ts) with N cases each instead of npm test's share, then prints how many
// cases each surface got and what it answered. Exits non-zero when any invariant broke.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '20000' },
    seed: { type: 'string' },
    only: { type: 'string', default: '' },
  },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`fuzz: --runs must be a positive whole number, got "${values.runs}"`);
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), 'vectorcare-fuzz-'));
const report = join(dir, 'figures.jsonl');
const started = Date.now();
const result = spawnSync(
  process.execPath,
  [
    'node_modules/vitest/vitest.mjs',
    'run',
    `test/security/${values.only}`.replace(/\/$/, '/'),
    '--reporter=verbose',
  ],
  {
    stdio: 'inherit',
    env: {
      ...process.env,
      VECTORCARE_FUZZ_RUNS: String(runs),
      VECTORCARE_FUZZ_REPORT: report,
      ...(values.seed === undefined ? {} : { VECTORCARE_FUZZ_SEED: values.seed }),
    },
  },
);

let figures = [];
try {
  figures = readFileSync(report, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
} catch {
  // No property finished: the failure is in vitest's output above.
}
rmSync(dir, { recursive: true, force: true });

let total = 0;
console.log(`\nfuzz: ${runs} cases asked per property, ${((Date.now() - started) / 1000).toFixed(0)} s`);
for (const { surface, transport, cases, outcomes } of figures) {
  total += cases;
  const answers = Object.entries(outcomes)
    .map(([outcome, count]) => `${outcome}: ${count}`)
    .join(', ');
  console.log(`  ${surface} (${transport}): ${cases} cases. ${answers}`);
}
console.log(`fuzz: ${total} cases in total, ${result.status === 0 ? 'every invariant held' : 'FAILED'}`);
process.exit(result.status ?? 1);
