import { existsSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { AdapterEnvironment } from './adapter-session.js';
import { killRunningAdapters } from './adapter-process.js';
import { stdioAdapterLauncher } from './stdio-adapter.js';

const environment: AdapterEnvironment = {
  VECTORCARE_TOKEN_URL: 'http://127.0.0.1:9/v2.0/oauth2/token',
  VECTORCARE_API_URL: 'http://127.0.0.1:9/openapi/v2.0',
  VECTORCARE_CLIENT_ID: 'client-a',
  VECTORCARE_CLIENT_SECRET: 'secret-that-must-not-leak',
  VECTORCARE_SCENARIO: 'unit',
};

/** A node adapter script given inline; it reads calls line by line and runs `onCall(message)`. */
function script(onCall: string, extra = ''): string {
  const source = `
    const rl = require('node:readline').createInterface({ input: process.stdin });
    const send = (m) => process.stdout.write(JSON.stringify(m) + '\\n');
    ${extra}
    send({ type: 'ready', name: 'unit', version: '1' });
    rl.on('line', (line) => { const message = JSON.parse(line); if (message.type === 'call') { ${onCall} } });`;
  // One line: inside the shell's double quotes a newline escape would reach node as a backslash.
  return `node -e ${JSON.stringify(source.replace(/\s*\n\s*/g, ' '))}`;
}

// Bounds for adapters that do answer: hang detectors, with room for a busy machine.
const launch = (command: string, readyTimeoutMs = 30_000) =>
  stdioAdapterLauncher({ command, readyTimeoutMs, exitGraceMs: 200 })(environment);

// A refused adapter is stopped in the background (shutdown, SIGTERM, SIGKILL over a few seconds); this file
// can end first, and the detached group would outlive the test worker.
afterAll(() => killRunningAdapters());
describe('stdio adapter', () => {
  it('passes the environment and answers a call', async () => {
    const session = await launch(
      script(
        `send({ type: 'result', id: message.id, status: 201, body: { id: process.env.VECTORCARE_CLIENT_ID } })`,
      ),
    );
    const outcome = await session.call({ id: '1', method: 'POST', path: '/x/' }, 30_000);
    expect(outcome).toMatchObject({
      kind: 'answered',
      result: { id: '1', status: 201, body: { id: 'client-a' } },
    });
    await session.close();
  });

  it('removes the secret from what the adapter sends back', async () => {
    const session = await launch(
      script(
        `send({ type: 'result', id: message.id, error: 'bad secret ' + process.env.VECTORCARE_CLIENT_SECRET })`,
      ),
    );
    const outcome = await session.call({ id: '1', method: 'POST', path: '/x/' }, 30_000);
    expect(outcome).toMatchObject({ kind: 'answered', result: { id: '1', error: 'bad secret [redacted]' } });
    await session.close();
  });

  it('reports a timeout, then ignores the late result instead of calling it a protocol error', async () => {
    const session = await launch(
      script(
        `setTimeout(() => send({ type: 'result', id: message.id, status: message.id === '1' ? 200 : 201 }), message.id === '1' ? 300 : 0)`,
      ),
    );
    expect(await session.call({ id: '1', method: 'GET', path: '/x/' }, 50)).toMatchObject({
      kind: 'timeout',
    });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await session.call({ id: '2', method: 'GET', path: '/x/' }, 30_000)).toMatchObject({
      kind: 'answered',
      result: { status: 201 },
    });
    await session.close();
  });

  it('breaks the session on an exit before shutdown, with the stderr kept and the secret removed', async () => {
    const session = await launch(
      script(
        `process.stderr.write('leaving, secret ' + process.env.VECTORCARE_CLIENT_SECRET + '\\n'); process.exit(4)`,
      ),
    );
    await expect(session.call({ id: '1', method: 'GET', path: '/x/' }, 30_000)).rejects.toMatchObject({
      name: 'AdapterError',
      code: 'exited',
    });
    expect(session.log()).toContain('leaving, secret [redacted]');
    expect(session.log()).not.toContain('secret-that-must-not-leak');
    await session.close();
  });

  it('ends an adapter that ignores shutdown and SIGTERM with SIGKILL', async () => {
    const session = await launch(
      script(
        '',
        `process.on('SIGTERM', () => undefined); setInterval(() => undefined, 1000); process.stderr.write('pid ' + process.pid + ' ');`,
      ),
    );
    const started = Date.now();
    await session.close();
    // shutdown, 200 ms; SIGTERM, 200 ms; SIGKILL.
    expect(Date.now() - started).toBeGreaterThanOrEqual(380);
    const pid = Number(/pid (\d+)/.exec(session.log())?.[1]);
    expect(pid).toBeGreaterThan(0);
    // Dead: gone, or a zombie (re-parented to a PID 1 that, in a container, may never reap it).
    const state = existsSync(`/proc/${pid}/status`)
      ? /State:\s+(\w)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
      : 'gone';
    expect(['gone', 'Z']).toContain(state);
  });

  it('refuses an adapter whose first line is not a ready message', async () => {
    await expect(launch(`node -e "console.log('hello')"`)).rejects.toMatchObject({ code: 'not_ready' });
  });

  it('refuses an adapter that stays silent past the ready timeout', async () => {
    await expect(launch(`node -e "setInterval(() => {}, 1000)"`, 300)).rejects.toThrow(
      'no ready message within 300 ms',
    );
  });
});
