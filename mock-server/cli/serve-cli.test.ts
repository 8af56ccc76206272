import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { request } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startCli, type CliProcess } from '../../test-support/cli-process.js';
import { assertMatchesSpec } from '../../test-support/openapi-validator.js';
import { DEMO_FORM, OAUTH_ERROR_BODIES } from '../../test-support/token-requests.js';

const CONFIG_SECRET = 'cfg-secret-9Kp2';
const LISTENING = /listening on (http:\/\/127\.0\.0\.1:(\d+))\n/;

/** The built CLI, run as `npm start` runs it: `node dist/cli/main.js serve ...`. */
describe('vectorcare-auth-mock serve (the built CLI as a child process)', () => {
  let dir: string;
  const running = new Set<CliProcess>();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vectorcare-cli-'));
  });
  afterEach(async () => {
    for (const cli of running) {
      if (cli.child.exitCode === null && cli.child.signalCode === null) cli.child.kill('SIGKILL');
      await cli.exited;
    }
    running.clear();
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  function serve(args: readonly string[], env: Record<string, string> = {}): CliProcess {
    const cli = startCli(['serve', ...args], env);
    running.add(cli);
    return cli;
  }

  async function started(cli: CliProcess): Promise<string> {
    const [, url] = await cli.waitFor(LISTENING);
    await cli.waitFor(/Press Ctrl\+C to stop\./);
    return url as string;
  }

  async function token(url: string, form: Record<string, string> = DEMO_FORM) {
    const response = await fetch(`${url}/v2.0/oauth2/token`, {
      method: 'POST',
      body: new URLSearchParams(form),
    });
    const body = (await response.json()) as Record<string, unknown>;
    assertMatchesSpec('POST', '/v2.0/oauth2/token', response.status, body);
    return { status: response.status, body };
  }

  async function jwksKid(url: string): Promise<string> {
    const { keys } = (await (await fetch(`${url}/.well-known/jwks.json`)).json()) as {
      keys: { kid: string }[];
    };
    return keys[0]?.kid as string;
  }

  async function writeConfig(name: string, config: unknown): Promise<string> {
    const file = join(dir, name);
    await writeFile(file, typeof config === 'string' ? config : JSON.stringify(config, null, 2));
    return file;
  }

  it('prints its URLs and the demo credentials, serves a token that verifies, and exits 0 on SIGTERM', async () => {
    const cli = serve(['--port', '0']);
    const url = await started(cli);
    const output = cli.output();
    expect(output).toContain(`token endpoint   ${url}/v2.0/oauth2/token`);
    expect(output).toContain(`JWKS             ${url}/.well-known/jwks.json`);
    expect(output).toContain(`dashboard        ${url}/__dashboard/ (loopback only)`);
    expect((await fetch(`${url}/__dashboard/`)).status).toBe(200);
    expect(output).toContain('client_id=demo-client client_secret=demo-secret (expires_in 3600 s)');
    expect(output).toMatch(/TEST-ONLY key .*for tests only/);

    const { status, body } = await token(url);
    expect(status).toBe(200);
    expect(Object.keys(body)).toEqual(['access_token', 'token_type', 'expires_in']);
    const { payload } = await jwtVerify(
      body['access_token'] as string,
      createRemoteJWKSet(new URL(`${url}/.well-known/jwks.json`)),
      { issuer: url, audience: 'demo-client', clockTolerance: 5 },
    );
    expect(payload.sub).toBe('demo-client');
    const refused = await token(url, { ...DEMO_FORM, client_secret: 'wrong' });
    expect(refused).toStrictEqual({ status: 401, body: OAUTH_ERROR_BODIES.invalid_client });

    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
    expect(cli.output()).toContain('SIGTERM: closing');
  });

  it('exits 0 on SIGINT too (Ctrl+C)', async () => {
    const cli = serve(['--port', '0']);
    await started(cli);
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
  });

  it('exits 1 after its --shutdown-grace when a client keeps a request open past SIGTERM', async () => {
    const cli = serve(['--port', '0', '--shutdown-grace', '1']);
    const url = new URL(await started(cli));
    const socket = connect({ host: url.hostname, port: Number(url.port) });
    socket.on('error', () => undefined);
    await new Promise((resolve) => socket.on('connect', resolve));
    // Headers and part of the body, then nothing: the request stays in flight.
    socket.write(
      'POST /v2.0/oauth2/token HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n' +
        'Content-Length: 100\r\n\r\ngrant_type=',
    );
    // A request on another connection, answered after the server has read the stalled one's headers.
    await fetch(`${url.origin}/.well-known/jwks.json`);
    const stoppedAt = Date.now();
    cli.child.kill('SIGTERM');
    try {
      expect(await cli.exited).toBe(1);
    } finally {
      socket.destroy();
    }
    expect(Date.now() - stoppedAt).toBeLessThan(6_000);
    expect(cli.output()).toContain('connections still open after 1000 ms: exiting');
  });

  // Go's net/http reuses a connection idle up to 90 s and retries no POST when the server closed it just
  // then ("connection reset by peer", issue 12). The Keep-Alive header is made by Node from the server's
  // keepAliveTimeout, the one that closes idle connections.
  it.each([
    [[], 120],
    [['--keep-alive-timeout', '30'], 30],
  ])('with %j keeps idle connections %i s, and says so in Keep-Alive', async (args, seconds) => {
    const cli = serve(['--port', '0', ...args]);
    const url = await started(cli);
    const keepAlive = await new Promise<string | undefined>((resolve, reject) => {
      request(`${url}/.well-known/jwks.json`, (response) => {
        response.resume();
        resolve(String(response.headers['keep-alive']));
      })
        .on('error', reject)
        .end();
    });
    expect(keepAlive).toBe(`timeout=${seconds}`);
  });

  it('takes clients and per-client expires_in from --config, and never prints their secrets', async () => {
    const config = await writeConfig('clients.json', {
      default_expires_in: 1200,
      clients: [
        { client_id: 'acme-dispatch', client_secret: CONFIG_SECRET, expires_in: 300 },
        { client_id: 'acme-billing', client_secret: `${CONFIG_SECRET}-2` },
      ],
    });
    const cli = serve(['--port', '0', '--config', config]);
    const url = await started(cli);
    const dispatch = await token(url, {
      client_id: 'acme-dispatch',
      client_secret: CONFIG_SECRET,
      grant_type: 'client_credentials',
    });
    expect(dispatch.body['expires_in']).toBe(300);
    const billing = await token(url, {
      client_id: 'acme-billing',
      client_secret: `${CONFIG_SECRET}-2`,
      grant_type: 'client_credentials',
    });
    expect(billing.body['expires_in']).toBe(1200);
    // The demo client exists only when no clients are configured.
    expect((await token(url)).status).toBe(401);
    await token(url, {
      client_id: 'acme-dispatch',
      client_secret: 'wrong',
      grant_type: 'client_credentials',
    });

    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
    const output = cli.output();
    expect(output).toContain('client_id=acme-dispatch (expires_in 300 s)');
    expect(output).toContain('client_id=acme-billing (expires_in 1200 s)');
    expect(output).not.toContain(CONFIG_SECRET);
    expect(output).not.toContain('demo-secret');
  });

  it('reads its options from environment variables', async () => {
    const cli = serve([], { VECTORCARE_MOCK_PORT: '0', VECTORCARE_MOCK_EXPIRES_IN: '120' });
    const url = await started(cli);
    expect((await token(url)).body['expires_in']).toBe(120);
  });

  it('lets a flag win over its environment variable', async () => {
    const cli = serve(['--port', '0', '--expires-in', '45'], { VECTORCARE_MOCK_EXPIRES_IN: '120' });
    const url = await started(cli);
    expect((await token(url)).body['expires_in']).toBe(45);
  });

  it.each([
    [
      'bad JSON',
      `{ "clients": [ { "client_id": "a", "client_secret": "${CONFIG_SECRET}", } ] }`,
      /\(root\): is not valid JSON at line 1, column \d+/,
    ],
    ['an unknown field', { clients: [], expire_in: 60 }, /: expire_in: unknown field/],
    [
      'a wrong type',
      { clients: [{ client_id: 'a', client_secret: CONFIG_SECRET, expires_in: '60' }] },
      /: clients\[0\]\.expires_in: must be a whole number/,
    ],
    [
      'a duplicate client',
      {
        clients: [
          { client_id: 'a', client_secret: CONFIG_SECRET },
          { client_id: 'a', client_secret: CONFIG_SECRET },
        ],
      },
      /: clients\[1\]\.client_id: is used by an earlier client/,
    ],
  ])(
    'refuses a config file with %s: exit code 2 and a message naming the file and the field',
    async (_, config, message) => {
      const file = await writeConfig(`broken-${Math.random().toString(36).slice(2)}.json`, config);
      const cli = serve(['--port', '0', '--config', file]);
      expect(await cli.exited).toBe(2);
      const output = cli.output();
      expect(output).toContain(`vectorcare-auth-mock: ${file}: `);
      expect(output).toMatch(message);
      expect(output).not.toContain(CONFIG_SECRET);
      expect(output).not.toMatch(/\n\s+at /);
    },
  );

  it.each([
    [['--port', 'eighty'], /--port: value: must be a whole number from 0 to 65535, got "eighty"/],
    [['--expires-in', '0'], /--expires-in: value: must be a whole number from 1 to 31536000/],
    [['--colour'], /serve: arguments: Unknown option '--colour'/],
    [['--keep-alive-timeout', '0'], /--keep-alive-timeout: value: must be a whole number from 1 to 86400/],
    [['--shutdown-grace', '1.5'], /--shutdown-grace: value: must be a whole number from 0 to 3600/],
    [['--key', 'k.pem', '--generate-key'], /--key: key: cannot be combined with --generate-key/],
    [['--key', 'no-such-key.pem'], /no-such-key\.pem: key: cannot read the key file \(ENOENT\)/],
  ])('refuses %j with exit code 2', async (args, message) => {
    const cli = serve(['--port', '0', ...args]);
    expect(await cli.exited).toBe(2);
    expect(cli.output()).toMatch(message);
  });

  it('refuses an on/off variable it cannot read, rather than ignoring it', async () => {
    const cli = serve(['--port', '0'], { VECTORCARE_MOCK_GENERATE_KEY: 'yes' });
    expect(await cli.exited).toBe(2);
    expect(cli.output()).toContain(
      'VECTORCARE_MOCK_GENERATE_KEY: value: must be 1, true, 0 or false, got "yes"',
    );
  });

  it('signs with --key (PEM or JWK) and with --generate-key: the served JWKS changes', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = join(dir, 'partner.pem');
    const jwk = join(dir, 'partner.jwk.json');
    await writeFile(pem, privateKey.export({ format: 'pem', type: 'pkcs8' }));
    await writeFile(jwk, JSON.stringify(privateKey.export({ format: 'jwk' })));

    const kids: string[] = [];
    for (const args of [[], ['--key', pem], ['--key', jwk], ['--generate-key']]) {
      const cli = serve(['--port', '0', ...args]);
      const url = await started(cli);
      const kid = await jwksKid(url);
      const { body } = await token(url);
      expect(decodeProtectedHeader(body['access_token'] as string).kid).toBe(kid);
      if (args[0] === '--key') expect(cli.output()).toContain(`signing key      ${args[1]} kid=${kid}`);
      if (args[0] === '--generate-key') expect(cli.output()).toContain('generated at start');
      kids.push(kid);
      cli.child.kill('SIGTERM');
      expect(await cli.exited).toBe(0);
    }
    const [testOnly, fromPem, fromJwk, generated] = kids;
    expect(fromPem).toBe(fromJwk);
    expect(new Set([testOnly, fromPem, generated]).size).toBe(3);
  });

  it('prints the usage with --help and exits 0', async () => {
    const cli = serve(['--help']);
    expect(await cli.exited).toBe(0);
    expect(cli.output()).toContain('VECTORCARE_MOCK_CONFIG');
  });
});
