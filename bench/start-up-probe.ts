import { performance } from 'node:perf_hooks';
import { post } from './post-form.js';
import { clientCredentialsRequest } from './token-request.js';

interface Started {
  readonly tokenUrl: string;
  close(): Promise<void>;
}

/**
 * Loads the modules of the server being measured, and only those: with both servers' module graphs in
 * the process, the garbage from loading oauth2-mock-server (Express and its dependencies) started an
 * incremental mark-compact that landed in our window (about 7 ms of it on a quiet machine, more under
 * load), so our figure paid for the anchor's imports.
 */
async function loadStarter(kind: string | undefined): Promise<() => Promise<Started>> {
  if (kind === 'anchor') return (await import('./anchor-server.js')).startAnchorServer;
  const { createMockServer } = await import('../mock-server/index.js');
  return () => createMockServer({ port: 0 });
}

/**
 * Runs as `node start-up-probe.js mock|anchor` in a fresh process: with the modules already loaded, times
 * starting the server in-process until the first token is in hand, prints the milliseconds, and exits.
 */
async function main(): Promise<void> {
  const start = await loadStarter(process.argv[2]);
  const started = performance.now();
  const server = await start();
  const tokenRequest = clientCredentialsRequest(server.tokenUrl);
  const response = await post(tokenRequest.url, tokenRequest.body ?? '', tokenRequest.headers);
  const elapsedMs = performance.now() - started;
  if (response.status !== 200 || !response.text.includes('access_token'))
    throw new Error(`no token: ${response.status}`);
  await server.close();
  process.stdout.write(`${JSON.stringify({ elapsedMs })}\n`);
}

void main();
