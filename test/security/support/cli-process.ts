import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../../shared/package-root.js';

/** The built CLI (`npm test` builds before it runs vitest). */
export const CLI = join(PACKAGE_ROOT, 'dist', 'cli', 'main.js');

/** A `vectorcare-auth-mock serve` child process, with everything it printed. */
export interface ServeProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly port: number;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or the signal's name) and when it came, by `performance.now()`. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

/** Starts `serve --port 0` with extra arguments and environment; resolves once it listens. */
export function startServe(
  args: readonly string[] = [],
  env: Record<string, string> = {},
): Promise<ServeProcess> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, at: performance.now() })),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve did not start in 60 s:\n${out}\n${err}`));
      // A hang detector: beside busy loops (load 18) a start once took over 10 s, the bound before.
    }, 60_000);
    const onData = (): void => {
      const match = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (match === null) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      const url = match[1] as string;
      resolve({
        child,
        url,
        port: Number(new URL(url).port),
        stdout: () => out,
        stderr: () => err,
        exited,
      });
    };
    child.stdout?.on('data', onData);
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code} before listening:\n${out}\n${err}`));
    });
  });
}
