import { afterAll, describe, expect, it } from 'vitest';
import { killRunningAdapters } from './adapter-process.js';
import type { AppliedMessage } from './receiver-protocol-messages.js';
import type { ReceiverEnvironment } from './receiver-session.js';
import { receiverStdioLauncher } from './receiver-stdio-adapter.js';

const environment: ReceiverEnvironment = {
  VECTORCARE_WEBHOOK_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\nunit\n-----END PUBLIC KEY-----\n',
  VECTORCARE_WEBHOOK_PUBLIC_KEY_FILE: '/nonexistent/key.pem',
  VECTORCARE_SCENARIO: 'unit',
};

/** A node receiver adapter script given inline: ready first, then `onState(message)` for each state query. */
function script(onState: string, afterReady = ''): string {
  const source = `
    const rl = require('node:readline').createInterface({ input: process.stdin });
    const send = (m) => process.stdout.write(JSON.stringify(m) + '\\n');
    send({ type: 'ready', role: 'webhook-receiver', name: 'unit', version: '1', url: 'http://127.0.0.1:9/hook' });
    ${afterReady};
    rl.on('line', (line) => { const message = JSON.parse(line); if (message.type === 'state') { ${onState} } });`;
  return `node -e ${JSON.stringify(source.replace(/\s*\n\s*/g, ' '))}`;
}

const launch = (command: string, readyTimeoutMs = 5_000) =>
  receiverStdioLauncher({ command, readyTimeoutMs, exitGraceMs: 200 })(environment);

afterAll(() => killRunningAdapters());
describe('stdio receiver adapter', () => {
  it('passes the key, keeps applied messages sent before anyone listened, and answers state queries', async () => {
    const session = await launch(
      script(
        `send({ type: 'state', id: message.id, request_status: 'AVAILABLE', action: 'BROADCAST_RECEIVED', event_id: process.env.VECTORCARE_WEBHOOK_PUBLIC_KEY.includes('unit') ? 'e1' : 'no key' })`,
        `send({ type: 'applied', event_id: 'e1', service_request_id: 'VC-1', action: 'BROADCAST_RECEIVED', request_status: 'AVAILABLE' })`,
      ),
    );
    expect(session.target).toEqual({ kind: 'http', url: 'http://127.0.0.1:9/hook' });
    const applied: AppliedMessage[] = [];
    await new Promise<void>((resolve) =>
      session.onApplied((message) => {
        applied.push(message);
        resolve();
      }),
    );
    expect(applied).toEqual([
      {
        event_id: 'e1',
        service_request_id: 'VC-1',
        action: 'BROADCAST_RECEIVED',
        request_status: 'AVAILABLE',
      },
    ]);
    expect(await session.state('1', 'VC-1', 2_000)).toMatchObject({
      kind: 'answered',
      reply: { request_status: 'AVAILABLE', action: 'BROADCAST_RECEIVED', event_id: 'e1' },
    });
    expect(session.failure()).toBeUndefined();
    await session.close();
  });

  it('reports a state query nobody answers as a timeout', async () => {
    const session = await launch(script(''));
    expect(await session.state('1', 'VC-1', 100)).toMatchObject({ kind: 'timeout' });
    await session.close();
  });

  it('breaks on non-protocol output after ready, even with nothing pending', async () => {
    const session = await launch(script('', `process.stdout.write('webhook received\\n')`));
    const failure = await new Promise((resolve) => session.onFailure(resolve));
    expect(failure).toMatchObject({ name: 'AdapterError', code: 'protocol' });
    expect(session.failure()?.message).toContain(
      'non-protocol output on stdout (not JSON): "webhook received"',
    );
    await expect(session.state('1', 'VC-1', 1_000)).rejects.toMatchObject({ code: 'protocol' });
    await session.close();
  });

  it('breaks when the receiver exits before shutdown', async () => {
    const session = await launch(script('process.exit(5)'));
    await expect(session.state('1', 'VC-1', 2_000)).rejects.toMatchObject({ code: 'exited' });
    expect(session.failure()?.message).toBe('the adapter exited with code 5 before shutdown');
    await session.close();
  });

  it('refuses a client adapter given as a receiver', async () => {
    await expect(
      launch(`node -e "console.log(JSON.stringify({type:'ready',name:'client',version:'1'}))"`),
    ).rejects.toThrow('ready needs "role":"webhook-receiver"');
  });

  it('refuses a receiver that never becomes ready', async () => {
    await expect(launch(`node -e "setInterval(() => {}, 1000)"`, 300)).rejects.toMatchObject({
      code: 'not_ready',
      message: 'no ready message within 300 ms',
    });
  });
});
