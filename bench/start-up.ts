import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { loadTestOnlySigningKey } from '../mock-server/index.js';
import { PACKAGE_ROOT } from '../shared/package-root.js';
import { median } from './figure.js';
import { post } from './post-form.js';
import { clientCredentialsRequest } from './token-request.js';

const PROBE = fileURLToPath(new URL('./start-up-probe.js', import.meta.url));
const OUR_CLI = fileURLToPath(new URL('../cli/main.js', import.meta.url));
const ANCHOR_CLI = join(PACKAGE_ROOT, 'node_modules', 'oauth2-mock-server', 'dist', 'oauth2-mock-server.mjs');

/** Medians over fresh processes, milliseconds. */
export interface StartUpTimes {
  readonly oursInProcessMs: number;
  readonly anchorInProcessMs: number;
  readonly oursCliMs: number;
  readonly anchorCliMs: number;
  readonly samples: number;
}

/** Spawns `node args` and resolves with its stdout once it exits 0. */
function runNode(args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`probe exited ${code}`))));
  });
}

async function inProcessSample(kind: 'mock' | 'anchor'): Promise<number> {
  const out = await runNode([PROBE, kind]);
  return (JSON.parse(out) as { elapsedMs: number }).elapsedMs;
}

/**
 * Spawns a CLI, waits for the line that names its URL, fetches one token, and returns the milliseconds from
 * spawn to token. The child is killed afterwards.
 */
function cliSample(args: readonly string[], listening: RegExp, tokenPath: string): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise<number>((resolve, reject) => {
    let out = '';
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`CLI exited ${code} before a token: ${out}`)));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const url = listening.exec(out)?.[1];
      if (url === undefined) return;
      child.stdout.removeAllListeners('data');
      const tokenRequest = clientCredentialsRequest(`${url}${tokenPath}`);
      post(tokenRequest.url, tokenRequest.body ?? '', tokenRequest.headers).then((response) => {
        const elapsed = performance.now() - started;
        if (response.status === 200) resolve(elapsed);
        else reject(new Error(`CLI answered ${response.status}`));
      }, reject);
    });
  }).finally(() => {
    child.removeAllListeners('exit');
    child.kill('SIGKILL');
  });
}

/**
 * Times start-up to the first token, ours and oauth2-mock-server's, each in `count` fresh processes
 * (alternating, so both see the same machine): in-process (modules loaded, server start to token) and
 * from spawning the CLI.
 */
export async function measureStartUp(count: number): Promise<StartUpTimes> {
  const dir = await mkdtemp(join(tmpdir(), 'vectorcare-bench-'));
  try {
    const key = await loadTestOnlySigningKey();
    const jwkFile = join(dir, 'anchor-key.json');
    const jwk = { ...key.privateKey.export({ format: 'jwk' }), kid: key.kid, alg: 'RS256', use: 'sig' };
    await writeFile(jwkFile, JSON.stringify(jwk));
    const ours: number[] = [];
    const anchor: number[] = [];
    const oursCli: number[] = [];
    const anchorCli: number[] = [];
    for (let i = 0; i < count; i += 1) {
      ours.push(await inProcessSample('mock'));
      anchor.push(await inProcessSample('anchor'));
      oursCli.push(
        await cliSample(
          [OUR_CLI, 'serve', '--port', '0'],
          /listening on (http:\/\/\S+)/,
          '/v2.0/oauth2/token',
        ),
      );
      anchorCli.push(
        await cliSample(
          [ANCHOR_CLI, '-p', '0', '-a', '127.0.0.1', '--jwk', jwkFile],
          /listening on (http:\/\/\S+)/,
          '/token',
        ),
      );
    }
    return {
      oursInProcessMs: median(ours),
      anchorInProcessMs: median(anchor),
      oursCliMs: median(oursCli),
      anchorCliMs: median(anchorCli),
      samples: count,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
