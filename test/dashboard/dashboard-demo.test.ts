import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DashboardFeed } from '../../mock-server/dashboard/dashboard-feed.js';
import { PACKAGE_ROOT } from '../../shared/package-root.js';

/**
 * `npm run demo` (scripts/dashboard-demo.mjs, on the build in dist/): the bundled client against the mock in
 * real time. With 2-second tokens and a call every 200 ms for 4 s, the client must have refreshed (at 80%,
 * 1.6 s) at least once, and the dashboard's feed shows it.
 */
describe('npm run demo', () => {
  it('runs the bundled client against the mock, refreshing its short-lived token, for the dashboard to show', async () => {
    const child = spawn(
      process.execPath,
      [
        join(PACKAGE_ROOT, 'scripts/dashboard-demo.mjs'),
        '--port',
        '0',
        '--expires-in',
        '2',
        '--interval-ms',
        '200',
        '--seconds',
        '4',
      ],
      { cwd: PACKAGE_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setInterval(() => {
        const match = /dashboard {2}(http:\/\/\S+\/__dashboard\/)/.exec(output);
        if (match !== null) {
          clearInterval(timer);
          resolve(match[1] as string);
        }
      }, 20);
      void exited.then(() => {
        clearInterval(timer);
        reject(new Error(`the demo exited early:\n${output}`));
      });
    });
    // Near the end of its 4 s, read what the dashboard would show.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const feed = (await (await fetch(`${url}feed`)).json()) as DashboardFeed;
    const tokens = feed.exchanges.filter(
      (e) => e.endpoint === 'token' && e.client_id === 'demo-dispatch' && e.status === 200,
    );
    const calls = feed.exchanges.filter((e) => e.endpoint === 'hub' && e.client_id === 'demo-dispatch');
    expect(tokens.length).toBeGreaterThanOrEqual(2);
    expect(calls.length).toBeGreaterThanOrEqual(5);
    expect(calls.every((call) => call.status === 201)).toBe(true);
    // Each refresh came after 80% of the previous token's lifetime (it is checked on each call, 200 ms apart).
    for (let i = 1; i < tokens.length; i += 1)
      expect((tokens[i]?.at_ms ?? 0) - (tokens[i - 1]?.at_ms ?? 0)).toBeGreaterThanOrEqual(1600);
    expect(await exited).toBe(0);
    expect(output).toMatch(/stopped after \d+ calls/);
  }, 30_000);
});
