import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const VITEST = join(repoRoot, 'node_modules/vitest/vitest.mjs');
const REPORTER = join(repoRoot, 'test-support/no-skipped-tests.ts');

const SUITE = `import { beforeAll, describe, expect, it } from 'vitest';
it('runs', () => expect(1).toBe(1));
it.skip('is skipped', () => expect(1).toBe(2));
describe('behind a hook that throws', () => {
  beforeAll(() => { throw new Error('no chromium'); });
  it('never runs', () => expect(1).toBe(1));
});
`;

interface VitestRun {
  readonly exitCode: number;
  readonly stderr: string;
}

describe('the no-skipped-tests reporter', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'no-skipped-tests-'));
    await writeFile(join(dir, 'skips.test.ts'), SUITE);
    await writeFile(
      join(dir, 'clean.test.ts'),
      `import { expect, it } from 'vitest';\nit('runs', () => expect(1).toBe(1));\n`,
    );
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** Runs vitest on the files in `dir` with only this reporter. */
  function vitest(...args: string[]): Promise<VitestRun> {
    return new Promise((done) => {
      execFile(
        process.execPath,
        [VITEST, 'run', '--root', dir, '--reporter', REPORTER, ...args],
        { cwd: dir, timeout: 60_000 },
        (error, _stdout, stderr) => done({ exitCode: error === null ? 0 : Number(error.code ?? -1), stderr }),
      );
    });
  }

  it('fails the run and names every skipped test, whether skipped by it.skip or by a failed hook', async () => {
    const run = await vitest('skips.test.ts');
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('no-skipped-tests: 2 test(s) skipped');
    expect(run.stderr).toContain('skips.test.ts > is skipped');
    expect(run.stderr).toContain('skips.test.ts > behind a hook that throws > never runs');
  });

  it('stays silent and passes a run where every test ran', async () => {
    const run = await vitest('clean.test.ts');
    expect(run).toEqual({ exitCode: 0, stderr: '' });
  });

  it('leaves alone a run narrowed on purpose with -t', async () => {
    const run = await vitest('clean.test.ts', 'skips.test.ts', '-t', '^runs$');
    expect(run).toEqual({ exitCode: 0, stderr: '' });
  });
});
