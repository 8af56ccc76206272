import { relative } from 'node:path';
import type { Reporter, TestModule, Vitest } from 'vitest/node';

/**
 * A vitest reporter that fails the run when any test was skipped: a test that cannot run here (a missing
 * browser, interpreter or package, a hook that threw) must show up as a failure, never as a quiet "skipped"
 * that a green run hides. Runs narrowed on purpose with `-t` are left alone.
 *
 * @example
 * reporters: ['default', './test-support/no-skipped-tests.ts']
 */
export default class NoSkippedTests implements Reporter {
  #root = process.cwd();
  #narrowed = false;

  onInit(vitest: Vitest): void {
    this.#root = vitest.config.root;
    this.#narrowed = vitest.config.testNamePattern !== undefined;
  }

  onTestRunEnd(testModules: readonly TestModule[]): void {
    if (this.#narrowed) return;
    const skipped = testModules.flatMap((module) =>
      [...module.children.allTests('skipped')].map(
        (test) => `  ${relative(this.#root, module.moduleId)} > ${test.fullName}`,
      ),
    );
    if (skipped.length === 0) return;
    process.exitCode = 1;
    console.error(
      `\nno-skipped-tests: ${skipped.length} test(s) skipped; every test must run (fail it instead):\n` +
        skipped.join('\n'),
    );
  }
}
