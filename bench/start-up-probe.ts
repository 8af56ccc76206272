import { performance } from 'node:perf_hooks';
import { startAnchorServer } from './anchor-server.js';
import { post } from './post-form.js';
import { clientCredentialsRequest } from './token-request.js';
import { createMockServer } from '../mock-server/index.js';

/**
 * Runs as `node start-up-probe.js mock|anchor` in a fresh process: with the modules already loaded, times
 * starting the server in-process until the first token is in hand, prints the milliseconds, and exits.
 */
async function main(): Promise<void> {
  const kind = process.argv[2];
  const started = performance.now();
  const server = kind === 'anchor' ? await startAnchorServer() : await createMockServer({ port: 0 });
  const tokenRequest = clientCredentialsRequest(server.tokenUrl);
  const response = await post(tokenRequest.url, tokenRequest.body ?? '', tokenRequest.headers);
  const elapsedMs = performance.now() - started;
  if (response.status !== 200 || !response.text.includes('access_token'))
    throw new Error(`no token: ${response.status}`);
  await server.close();
  process.stdout.write(`${JSON.stringify({ elapsedMs })}\n`);
}

void main();
