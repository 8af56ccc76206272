import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BenchResult } from './run-bench.js';

// The benchmark runs as compiled JavaScript (its servers are child processes); `npm test` builds first.
const MAIN = join(import.meta.dirname, '..', 'dist', 'bench', 'main.js');

const EXPECTED_FIGURES = [
  'sign.one_core',
  'sign.thread_pool',
  'token.c1',
  'token.c10',
  'token.c50',
  'token.cpu_per_token',
  'token.cpu_floor',
  'hub.state_update',
  'hub.cpu_per_request',
  'webhook.deliveries_c50',
  'webhook.trigger_to_first_byte',
  'startup.in_process',
  'startup.cli',
  'memory.rss_growth',
];

describe('npm run bench -- --quick', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-smoke-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs every measurement with tiny bounds and writes the JSON with each figure, baseline and ratio', () => {
    const out = join(dir, 'result.json');
    const run = spawnSync(
      process.execPath,
      [
        MAIN,
        '--quick',
        '--out',
        out,
        '--duration',
        '0.3',
        '--samples',
        '1',
        '--memory-requests',
        '300',
        '--sign-ms',
        '40',
        '--no-certify',
      ],
      // A hang detector: this run took 56 s beside two busy loops (load ~14), against a 60 s bound before.
      { encoding: 'utf8', timeout: 300_000 },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('| figure | value | baseline (same run) | ratio | target |');

    const result = JSON.parse(readFileSync(out, 'utf8')) as BenchResult;
    expect(result.machine.nproc).toBeGreaterThan(0);
    expect(result.machine.node).toBe(process.version);
    expect(result.machine.loadAverage).toHaveLength(3);
    expect(Date.parse(result.date)).not.toBeNaN();
    expect(result.figures.map((f) => f.id)).toEqual(EXPECTED_FIGURES);
    for (const f of result.figures) {
      // A run this short on a busy machine may see no answer at all (JSON writes NaN as null): the smoke
      // checks the shape, not the speed.
      expect(f.value === null || typeof f.value === 'number', f.id).toBe(true);
      if (f.baseline !== null && f.ratio !== null && f.value !== null)
        expect(f.ratio).toBeCloseTo(f.value / f.baseline.value, 10);
    }
    const c50 = result.figures.find((f) => f.id === 'token.c50');
    expect(c50?.baseline?.label).toBe('oauth2-mock-server');
    expect(c50?.details['errors']).toBe(0);
    const webhooks = result.figures.find((f) => f.id === 'webhook.deliveries_c50');
    expect(webhooks?.baseline?.label).toBe('RS256 sign ceiling, thread pool');
    expect(webhooks?.details['failed']).toBe(0);
    const hub = result.figures.find((f) => f.id === 'hub.state_update');
    expect(hub?.baseline?.label).toBe('bare Hono route');
    expect(hub?.details['errors']).toBe(0);
  }, 300_000);
});
