import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../shared/package-root.js';

/** The built CLI, as `bin` and `npm start` run it; `npm test` builds it before vitest runs. */
export const BUILT_CLI = join(PACKAGE_ROOT, 'dist', 'cli', 'main.js');

/** A CLI child process with everything it printed so far. */
export interface CliProcess {
  readonly child: ChildProcess;
  /** stdout and stderr so far, interleaved in arrival order. */
  output(): string;
  /** Resolves with the first match of `pattern` in the output; rejects when the process exits first. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Resolves with the exit code (null when killed by a signal) once the process has ended. */
  exited: Promise<number | null>;
}

/**
 * Starts `node dist/cli/main.js <args>` with `env` added to a minimal environment (no
 * VECTORCARE_MOCK_* variable leaks in from the caller's shell).
 */
export function startCli(args: readonly string[], env: Record<string, string> = {}): CliProcess {
  if (!existsSync(BUILT_CLI)) throw new Error(`${BUILT_CLI} is missing: run \`npm run build\` first`);
  const child = spawn(process.execPath, [BUILT_CLI, ...args], {
    cwd: PACKAGE_ROOT,
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const waiters = new Set<() => void>();
  const append = (chunk: Buffer): void => {
    output += chunk.toString('utf8');
    for (const check of waiters) check();
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));

  return {
    child,
    output: () => output,
    exited,
    // A hang detector, with room for a busy machine (a start took over 10 s at load 18).
    waitFor(pattern, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const finish = (action: () => void): void => {
          waiters.delete(check);
          clearTimeout(timer);
          action();
        };
        const check = (): void => {
          const match = pattern.exec(output);
          if (match !== null) finish(() => resolve(match));
        };
        const timer = setTimeout(
          () => finish(() => reject(new Error(`no ${pattern} within ${timeoutMs} ms in:\n${output}`))),
          timeoutMs,
        );
        waiters.add(check);
        void exited.then((code) =>
          finish(() => {
            const match = pattern.exec(output);
            if (match !== null) resolve(match);
            else reject(new Error(`exited (${code}) before ${pattern} in:\n${output}`));
          }),
        );
        check();
      });
    },
  };
}
