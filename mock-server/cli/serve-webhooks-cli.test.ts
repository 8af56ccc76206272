import { verify } from 'node:crypto';
import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startCli, type CliProcess } from '../../test-support/cli-process.js';
import {
  startWebhookTestReceiver,
  type WebhookTestReceiver,
} from '../../test-support/webhook-test-receiver.js';
import { PACKAGE_ROOT } from '../../shared/package-root.js';

const LISTENING = /listening on (http:\/\/127\.0\.0\.1:(\d+))\n/;

/** `serve --webhook-url`, `--webhook-key`, the config file's webhooks, the banner and SIGTERM, as a child process. */
describe('vectorcare-auth-mock serve with webhooks', () => {
  let dir: string;
  let receiver: WebhookTestReceiver;
  const running = new Set<CliProcess>();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vectorcare-cli-webhooks-'));
    receiver = await startWebhookTestReceiver();
  });
  afterEach(async () => {
    for (const cli of running) {
      if (cli.child.exitCode === null && cli.child.signalCode === null) cli.child.kill('SIGKILL');
      await cli.exited;
    }
    running.clear();
  });
  afterAll(async () => {
    await receiver.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function serve(
    args: readonly string[],
    env: Record<string, string> = {},
  ): Promise<{ cli: CliProcess; url: string }> {
    const cli = startCli(['serve', '--port', '0', ...args], env);
    running.add(cli);
    const [, url] = await cli.waitFor(LISTENING);
    await cli.waitFor(/Press Ctrl\+C to stop\./);
    return { cli, url: url as string };
  }

  const trigger = (url: string, body: unknown) =>
    fetch(`${url}/__control/webhooks/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  /** Waits (polling the control API, no longer than 10 s) until the mock reports `count` pending retries. */
  async function pendingRetries(url: string, count: number): Promise<void> {
    const deadline = performance.now() + 10_000;
    for (;;) {
      const list = (await (await fetch(`${url}/__control/webhooks/deliveries`)).json()) as {
        pending_retries: number;
      };
      if (list.pending_retries === count) return;
      if (performance.now() > deadline) throw new Error(`pending_retries stayed ${list.pending_retries}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  it('sends to every --webhook-url, prints the webhook key and its PEM, and SIGTERM says how many retries it cancelled', async () => {
    const { cli, url } = await serve([
      '--webhook-url',
      `${receiver.url}?one`,
      '--webhook-url',
      `${receiver.url}?two&token=hook-secret-7Qz`,
    ]);
    const output = cli.output();
    const pem = await (await fetch(`${url}/.well-known/vectorcare-webhook-public-key.pem`)).text();
    expect(output).toMatch(
      /webhook key +TEST-ONLY key .*test-only-webhook-key\.pem \(public, committed: for tests only\)/,
    );
    expect(output).toContain(`webhook PEM      ${url}/.well-known/vectorcare-webhook-public-key.pem`);
    for (const line of pem.trimEnd().split('\n')) expect(output).toContain(`    ${line}\n`);
    // Query values are redacted in the banner: partners put tokens in webhook URLs.
    expect(output).toContain(`webhooks to      ${receiver.url}?one=[redacted] (sub_`);
    expect(output).toContain(`webhooks to      ${receiver.url}?two=[redacted]&token=[redacted] (sub_`);
    expect(output).not.toContain('hook-secret-7Qz');

    receiver.answerNext({ kind: 'status', status: 500 }, { kind: 'status', status: 500 });
    const before = receiver.received.length;
    expect((await trigger(url, { action: 'BROADCAST_RECEIVED' })).status).toBe(201);
    const got = (await receiver.waitFor(before + 2)).slice(before);
    expect(got.map((r) => r.path).sort()).toEqual([
      '/webhooks/vectorcare?one',
      '/webhooks/vectorcare?two&token=hook-secret-7Qz',
    ]);
    const signature = Buffer.from(String(got[0]?.headers['x-vectorcare-signature']), 'base64');
    expect(verify('sha256', got[0]!.body, pem, signature)).toBe(true);

    // Both attempts failed: two retries are pending when the signal comes.
    await pendingRetries(url, 2);
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
    expect(cli.output()).toContain('webhooks: cancelled 2 pending retries');
  });

  it('signs with --webhook-key, and takes webhooks (with a client) and webhook_key_file from the config file', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const keyFile = join(dir, 'webhook.pem');
    await writeFile(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const config = join(dir, 'mock.json');
    await writeFile(
      config,
      JSON.stringify({
        webhook_key_file: 'webhook.pem',
        webhooks: [{ url: `${receiver.url}?config`, client_id: 'demo-client' }],
      }),
    );
    const { cli, url } = await serve(['--config', config]);
    expect(cli.output()).toContain(`webhook key      ${keyFile}\n`);
    expect(cli.output()).toContain(', client demo-client)');
    expect(await (await fetch(`${url}/.well-known/vectorcare-webhook-public-key.pem`)).text()).toBe(
      publicKey.export({ type: 'spki', format: 'pem' }),
    );
    const before = receiver.received.length;
    await trigger(url, { action: 'BROADCAST_RECEIVED' });
    const [got] = (await receiver.waitFor(before + 1)).slice(before);
    expect(got?.path).toBe('/webhooks/vectorcare?config');
    const signature = Buffer.from(String(got?.headers['x-vectorcare-signature']), 'base64');
    expect(verify('sha256', got!.body, publicKey, signature)).toBe(true);

    // --webhook-url replaces the config file's list.
    const { url: replaced } = await serve(['--config', config, '--webhook-url', `${receiver.url}?flag`]);
    const list = (await (await fetch(`${replaced}/__control/webhooks/subscriptions`)).json()) as {
      subscriptions: { url: string }[];
    };
    expect(list.subscriptions.map((s) => s.url)).toEqual([`${receiver.url}?flag`]);
  });

  it('refuses a bad --webhook-url, a bad config entry or an unreadable --webhook-key, naming the source and field', async () => {
    const bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ webhooks: [{ url: 'http://ok.example/' }, { url: 'ftp://x/' }] }));
    const unknownClient = join(dir, 'client.json');
    await writeFile(
      unknownClient,
      JSON.stringify({ webhooks: [{ url: 'http://ok.example/', client_id: 'ghost' }] }),
    );
    const cases: [string[], RegExp][] = [
      [['--webhook-url', 'not-a-url'], /--webhook-url: url: is not an absolute URL/],
      [['--config', bad], /bad\.json: webhooks\[1\]\.url: must be an http:\/\/ or https:\/\/ URL/],
      [['--config', unknownClient], /client\.json: webhooks\[0\]\.client_id: is not one of the clients/],
      [['--webhook-key', join(dir, 'missing.pem')], /missing\.pem: key: cannot read the key file/],
    ];
    for (const [args, message] of cases) {
      const cli = startCli(['serve', '--port', '0', ...args]);
      running.add(cli);
      expect(await cli.exited, args.join(' ')).toBe(2);
      expect(cli.output(), args.join(' ')).toMatch(message);
    }
    const fromEnv = startCli(['serve', '--port', '0'], {
      VECTORCARE_MOCK_WEBHOOK_URL: 'http://a.example/ mailto:x',
    });
    running.add(fromEnv);
    expect(await fromEnv.exited).toBe(2);
    expect(fromEnv.output()).toMatch(/VECTORCARE_MOCK_WEBHOOK_URL: url: must be an http/);
    expect(await readFile(join(PACKAGE_ROOT, 'fixtures/keys/README.md'), 'utf8')).toContain(
      'test-only-webhook-key.pem',
    );
  });
});
