import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCertify } from '../../contract-tests/cli/certify-command.js';
import { PACKAGE_ROOT } from '../../shared/package-root.js';
import { startServe } from './support/cli-process.js';

const seen: string[] = [];
(globalThis as { __vectorcareSecrets?: string[] }).__vectorcareSecrets = seen;

describe('secrets never reach an output', () => {
  let dir: string | undefined;
  afterAll(async () => {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('a full certify run: no client secret in stdout, stderr, JSON, JUnit or HTML', async () => {
    dir = await mkdtemp(join(tmpdir(), 'security-certify-'));
    // The well-behaved reference client, wrapped to note each secret the kit hands it.
    const spy = join(dir, 'secret-spy-adapter.mjs');
    const inner = pathToFileURL(join(PACKAGE_ROOT, 'fixtures', 'adapters', 'well-behaved.mjs')).href;
    await writeFile(
      spy,
      `import createInner from ${JSON.stringify(inner)};\n` +
        `export default function createAdapter(env) {\n` +
        `  globalThis.__vectorcareSecrets.push(env.VECTORCARE_CLIENT_SECRET);\n` +
        `  return createInner(env);\n}\n`,
    );
    const out: string[] = [];
    const err: string[] = [];
    const reports = join(dir, 'reports');
    const code = await runCertify(
      [
        '--module',
        spy,
        '--json',
        `${reports}.json`,
        '--junit',
        `${reports}.xml`,
        '--html',
        `${reports}.html`,
      ],
      { env: {}, out: (line) => out.push(line), err: (line) => err.push(line) },
    );
    expect(code).toBe(0);

    // One isolated client per scenario: the run handed out many secrets, all of them real.
    expect(seen.length).toBeGreaterThanOrEqual(11);
    for (const secret of seen) expect(secret.length).toBeGreaterThanOrEqual(16);

    const outputs: Record<string, string> = { stdout: out.join('\n'), stderr: err.join('\n') };
    for (const file of await readdir(dir)) {
      if (file.startsWith('reports')) outputs[file] = await readFile(join(dir, file), 'utf8');
    }
    expect(Object.keys(outputs)).toEqual(['stdout', 'stderr', 'reports.html', 'reports.json', 'reports.xml']);
    const hits = Object.entries(outputs).flatMap(([name, text]) =>
      seen.filter((secret) => text.includes(secret)).map((secret) => `${name}: ${secret.slice(0, 4)}…`),
    );
    expect(hits).toEqual([]);
  });

  it('serve with clients from a config file: their secrets are never printed, logged or served', async () => {
    const config = join(await mkdtemp(join(tmpdir(), 'security-serve-')), 'clients.json');
    const secret = 'config-secret-9d2f7c41b8';
    const controlToken = 'control-token-5a7e30c2';
    await writeFile(config, JSON.stringify({ clients: [{ client_id: 'partner-a', client_secret: secret }] }));
    const serve = await startServe(['--config', config, '--control-token', controlToken]);
    try {
      const token = await fetch(`${serve.url}/v2.0/oauth2/token`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: 'partner-a',
          client_secret: secret,
        }),
      });
      expect(token.status).toBe(200);
      const wrong = await fetch(`${serve.url}/v2.0/oauth2/token`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`partner-a:${secret}x`).toString('base64')}` },
        body: new URLSearchParams({ grant_type: 'client_credentials' }),
      });
      expect(wrong.status).toBe(401);
      const auth = { authorization: `Bearer ${controlToken}` };
      const served = await Promise.all(
        ['/__control/recordings', '/__control/recordings.har', '/__control/faults', '/__control/clock'].map(
          async (path) => (await fetch(`${serve.url}${path}`, { headers: auth })).text(),
        ),
      );
      const wrongControl = await fetch(`${serve.url}/__control/recordings`, {
        headers: { authorization: 'Bearer nope' },
      });
      expect(wrongControl.status).toBe(401);
      const texts = [
        serve.stdout(),
        serve.stderr(),
        await wrong.text(),
        await wrongControl.text(),
        ...served,
      ];
      expect(served[0]).toContain('partner-a');
      for (const text of texts) {
        expect(text).not.toContain(secret);
        expect(text).not.toContain(controlToken);
      }
    } finally {
      serve.child.kill('SIGTERM');
      await serve.exited;
    }
  });
});
