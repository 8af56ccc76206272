import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** A CI script as .ci/run is written: set -e, the steps library, the trap, then `steps`. */
function ciScript(results: string, steps: string): string {
  return `set -euo pipefail
source ${JSON.stringify(join(repoRoot, 'scripts/ci-steps.sh'))}
CI_RESULTS=${JSON.stringify(results)}
trap 'ci_on_exit "$?"' EXIT
${steps}
`;
}

function runBash(script: string): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    execFile('/bin/bash', ['-c', script], (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      done({ code, output: stdout + stderr });
    });
  });
}

describe('.ci/run steps (scripts/ci-steps.sh)', () => {
  let dir: string;
  let results: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ci-steps-'));
    results = join(dir, 'npm-test.json');
    // What vitest's JSON reporter writes for a run with one failure.
    await writeFile(
      results,
      JSON.stringify({ numPassedTests: 41, numFailedTests: 1, numPendingTests: 0, numTodoTests: 0 }),
    );
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('names the step that failed, with the test counts, and exits with its status; later steps do not run', async () => {
    const { code, output } = await runBash(
      ciScript(
        `${results} ${join(dir, 'not-written.json')}`,
        [
          'ci_step "npm ci" true',
          'ci_step "npm test" bash -c "echo vitest says it failed; exit 3"',
          'ci_step "npm run test:certification" echo CERTIFICATION-RAN',
        ].join('\n'),
      ),
    );
    expect(code).toBe(3);
    expect(output).not.toContain('CERTIFICATION-RAN');
    const lines = output.trimEnd().split('\n');
    expect(lines.slice(-2)).toEqual([
      'tests: 41 passed, 1 failed, 0 skipped',
      '== FAILED at step "npm test" (exit 3)',
    ]);
    expect(lines).toContain('== npm ci');
    expect(lines).toContain('== npm test');
  });

  it('says so when a step fails before any test ran', async () => {
    const { code, output } = await runBash(
      ciScript(join(dir, 'not-written.json'), 'ci_step "npm ci" bash -c "exit 1"'),
    );
    expect(code).toBe(1);
    expect(output.trimEnd().split('\n').at(-1)).toBe('== FAILED at step "npm ci" (exit 1)');
  });

  it('ends with a plain pass line when every step passed', async () => {
    const { code, output } = await runBash(ciScript(results, 'ci_step "a" true\nci_step "b" true'));
    expect(code).toBe(0);
    expect(output.trimEnd().split('\n')).toEqual(['== a', '== b', '== passed: every step']);
  });

  it('.ci/run runs every command as a named step under the trap', async () => {
    const run = await readFile(join(repoRoot, '.ci/run'), 'utf8');
    expect(run).toContain('source scripts/ci-steps.sh');
    expect(run).toMatch(/trap '.*ci_on_exit "\$ci_status"' EXIT/);
    for (const command of ['npm ci', 'npm test', 'npm run test:certification'])
      expect(run).toMatch(new RegExp(`^ci_step "${command}" ${command}`, 'm'));
  });
});
