import { execFile, spawn } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startWebhookTestReceiver,
  type WebhookTestReceiver,
} from '../../test-support/webhook-test-receiver.js';
import { PACKAGE_ROOT } from '../../shared/package-root.js';
import { createMockServer, type MockServer } from '../index.js';

const run = promisify(execFile);
const readme = await readFile(join(PACKAGE_ROOT, 'README.md'), 'utf8');
const section = readme.slice(
  readme.indexOf('## Receive webhooks'),
  readme.indexOf('## Use it from a test suite'),
);
const block = (language: string): string => {
  const code = new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``).exec(section)?.[1];
  if (code === undefined) throw new Error(`README "Receive webhooks" has no ${language} block`);
  return code;
};

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The README's webhook section, run as written (but for the ports) against a real mock and receiver. */
describe('README: Receive webhooks', () => {
  let mock: MockServer;
  let receiver: WebhookTestReceiver;
  beforeAll(async () => {
    mock = await createMockServer({ port: 0 });
    receiver = await startWebhookTestReceiver('/webhooks');
  });
  afterAll(async () => {
    await mock.close();
    await receiver.close();
  });

  it('the five curl lines subscribe, send an event that arrives, list its delivery, move the clock and fetch the key', async () => {
    const lines = block('sh').trim().split('\n');
    expect(lines).toHaveLength(5);
    const outputs: string[] = [];
    for (const line of lines) {
      const command = line
        .replaceAll('localhost:4010', `127.0.0.1:${mock.port}`)
        .replaceAll('127.0.0.1:3000', `127.0.0.1:${receiver.port}`);
      const { stdout } = await run('bash', ['-c', command]);
      outputs.push(stdout);
      if (outputs.length === 2) {
        await receiver.waitFor(1);
        await mock.webhooks.settled();
      }
    }
    const [subscription, event, deliveries, clock, pem] = outputs as [string, string, string, string, string];
    expect(JSON.parse(subscription)).toMatchObject({ url: receiver.url, client_id: null });
    const sent = JSON.parse(event) as { event_id: string; action: string; request_status: string };
    expect(sent).toMatchObject({ action: 'BROADCAST_RECEIVED', request_status: 'AVAILABLE' });
    expect(JSON.parse(receiver.received[0]!.body.toString())).toEqual(sent);
    expect(JSON.parse(deliveries)).toMatchObject({
      deliveries: [{ event_id: sent.event_id, attempt: 1, status: 200, outcome: 'delivered' }],
    });
    expect(JSON.parse(clock)).toMatchObject({ mode: 'offset' });
    expect(pem).toBe(mock.webhooks.publicKeyPem);
  });

  it('the TypeScript receiver verifies, applies each event once, and refuses a forged one', async () => {
    const port = await freePort();
    const dir = join(PACKAGE_ROOT, 'test-output', 'readme-webhooks');
    await mkdir(dir, { recursive: true });
    const script = join(dir, 'receiver.mjs');
    // The block is plain JavaScript as well as TypeScript; run from inside the package, the package name
    // resolves to this build (dist/), as it would from node_modules.
    await writeFile(
      script,
      block('ts')
        .replace('http://127.0.0.1:4010', mock.url)
        .replace('.listen(3000)', `.listen(${port}, () => console.log('listening'))`),
    );
    const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    const lineCount = (n: number): Promise<void> =>
      new Promise((resolve) => {
        const check = (): void => {
          if (out.split('\n').filter((line) => line !== '').length >= n) {
            child.stdout.off('data', onData);
            resolve();
          }
        };
        const onData = (chunk: Buffer): void => {
          out += chunk.toString();
          check();
        };
        child.stdout.on('data', onData);
        check();
      });
    try {
      await lineCount(1);
      const subscription = mock.webhooks.subscribe(`http://127.0.0.1:${port}/webhooks`);
      const { event } = mock.webhooks.trigger({
        action: 'BROADCAST_CANCELED',
        subscriptionId: subscription.subscriptionId,
      });
      await lineCount(2);
      mock.webhooks.redeliver(event.eventId);
      await mock.webhooks.settled();
      const forged = await fetch(`http://127.0.0.1:${port}/webhooks`, {
        method: 'POST',
        headers: { 'X-VectorCare-Signature': Buffer.from('forged').toString('base64') },
        body: event.body.toString(),
      });
      expect(forged.status).toBe(401);
      expect(out.trim().split('\n')).toEqual([
        'listening',
        `BROADCAST_CANCELED ${event.serviceRequestId} UNAVAILABLE`,
      ]);
      const attempts = mock.webhooks.deliveries({ eventId: event.eventId });
      expect(attempts.map((a) => [a.redelivery, a.status])).toEqual([
        [false, 200],
        [true, 200],
      ]);
    } finally {
      child.kill();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('the Python function is the one the tests run (fixtures/webhooks/verify_signature.py)', async () => {
    const file = await readFile(join(PACKAGE_ROOT, 'fixtures', 'webhooks', 'verify_signature.py'), 'utf8');
    const snippet = /# README snippet: start\n([\s\S]*?)# README snippet: end/.exec(file)?.[1];
    expect(block('python')).toBe(snippet);
  });
});
