import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCertify } from '../cli/certify-command.js';
import type { CertificationReport } from '../report/report-types.js';
import { PROFILES } from '../runner/certification-profile.js';

/** Runs `certify` in-process as the CLI would, capturing what it prints. */
async function certify(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCertify(args, {
    env: {},
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const node = (fixture: string): string => `node fixtures/adapters/${fixture}.mjs`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kit-certify-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

// Child processes in real time: these wait on token lifetimes, so they run side by side.
describe.concurrent('certify --adapter (stdio, quick profile, real time)', () => {
  it('certifies the bundled client and writes the JSON, JUnit and HTML reports', async () => {
    const json = join(dir, 'bundled.json');
    const junit = join(dir, 'bundled.xml');
    const html = join(dir, 'bundled.html');
    const run = await certify([
      '--adapter',
      node('bundled-client'),
      '--json',
      json,
      '--junit',
      junit,
      '--html',
      html,
    ]);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toContain('CERTIFIED: every required rule passed.');
    const report = JSON.parse(await readFile(json, 'utf8')) as CertificationReport;
    expect(report.certified).toBe(true);
    expect(report.lifetime).toBe(PROFILES.quick.lifetimeS);
    expect(report.adapter?.name).toBe('bundled-client');
    expect(report.results.map((result) => result.verdict)).toEqual(Array(11).fill('PASS'));
    const refresh = report.results.find((result) => result.rule === 'proactive-refresh');
    expect(refresh?.refresh_point_percent).toBeGreaterThanOrEqual(70);
    expect(refresh?.refresh_point_percent).toBeLessThanOrEqual(100);
    const xml = await readFile(junit, 'utf8');
    expect(xml.match(/<testcase /g)).toHaveLength(11);
    expect(xml).not.toMatch(/<failure|<error/);
    expect(await readFile(html, 'utf8')).toMatch(/^<!doctype html>/i);
  });

  it.each([
    ['secret-in-query', 'token-request', 'FAIL', 1],
    ['token-in-query', 'bearer-header', 'FAIL', 1],
    ['never-caches', 'token-reuse', 'FAIL', 1],
    ['presents-expired-token', 'no-expired-token', 'FAIL', 1],
    ['refresh-only-after-401', 'proactive-refresh', 'FAIL', 1],
    ['no-retry-after-401', 'retry-after-401', 'FAIL', 1],
    ['retries-forever', 'bounded-retry', 'FAIL', 1],
    ['hammers-invalid-client', 'invalid-client', 'FAIL', 1],
    // Out of process at lifetimes under 2880 s, a client assuming 3600 s never replaces a token before it
    // expires: it looks like one that never refreshes (in virtual time, at 3600 s, it fails honours-expires-in).
    ['assumes-3600', 'proactive-refresh', 'FAIL', 1],
    ['no-single-flight', 'single-flight', 'WARN', 0],
    ['hammers-outage', 'token-endpoint-outage', 'WARN', 0],
  ])(
    '%s breaks %s over stdio',
    async (control, rule, verdict, exitCode) => {
      const junit = join(dir, `${control}.xml`);
      const run = await certify(['--adapter', node(control), '--rules', rule, '--junit', junit]);
      expect(run.out).toMatch(new RegExp(`^${verdict} +${rule} `, 'm'));
      expect(run.code).toBe(exitCode);
      const xml = await readFile(junit, 'utf8');
      if (verdict === 'FAIL') expect(xml).toContain('<failure message=');
    },
    120_000,
  );

  it('gives ERROR and exit code 2 to an adapter that exits at once', async () => {
    const json = join(dir, 'exits.json');
    const run = await certify(['--adapter', node('exits-at-once'), '--json', json]);
    expect(run.code).toBe(2);
    expect(run.err).toContain('the adapter exited with code 3 before its ready message');
    const report = JSON.parse(await readFile(json, 'utf8')) as CertificationReport;
    expect(report.adapter).toBeNull();
    expect(new Set(report.results.map((result) => result.verdict))).toEqual(new Set(['ERROR']));
  });

  it('gives exit code 2 to an adapter that never sends its ready message', async () => {
    const run = await certify([
      '--adapter',
      node('never-ready'),
      '--timeout',
      '1',
      '--rules',
      'token-request',
    ]);
    expect(run.code).toBe(2);
    expect(run.err).toContain('no ready message within 1000 ms');
  });

  it('gives ERROR to an adapter that prints something other than protocol on stdout', async () => {
    const junit = join(dir, 'garbage.xml');
    const run = await certify([
      '--adapter',
      node('prints-garbage'),
      '--rules',
      'token-request,bearer-header',
      '--junit',
      junit,
    ]);
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/^ERROR +token-request +The adapter failed: non-protocol output on stdout/m);
    expect(run.out).toMatch(/^ERROR +bearer-header /m);
    expect(await readFile(junit, 'utf8')).toContain('<error message=');
  });

  it('never passes an adapter that answers without making requests', async () => {
    const run = await certify(['--adapter', node('fakes-results'), '--rules', 'token-reuse,bearer-header']);
    expect(run.code).toBe(1);
    expect(run.out).not.toMatch(/^PASS/m);
    expect(run.out).toMatch(/^ERROR +token-reuse /m);
  });

  it('keeps the client secret out of reports even when the adapter prints it', async () => {
    const leaky = join(dir, 'leaky.mjs');
    const fixture = (path: string): string => JSON.stringify(join(process.cwd(), 'fixtures/adapters', path));
    await writeFile(
      leaky,
      [
        `import { flawedAdapter } from ${fixture('lib/flawed-client.mjs')};`,
        `import { runStdioAdapter } from ${fixture('lib/stdio-protocol.mjs')};`,
        `const secret = process.env.VECTORCARE_CLIENT_SECRET;`,
        `process.stderr.write('my secret is ' + secret + '\\n');`,
        `const create = flawedAdapter('leaky', {});`,
        `await runStdioAdapter((env) => ({ ...create(env), call() { process.stdout.write('oops ' + secret + '\\n'); return new Promise(() => {}); } }));`,
      ].join('\n'),
    );
    const json = join(dir, 'leaky.json');
    const junit = join(dir, 'leaky.xml');
    const run = await certify([
      '--adapter',
      `node ${leaky}`,
      '--rules',
      'token-request',
      '--json',
      json,
      '--junit',
      junit,
    ]);
    expect(run.code).toBe(1);
    const report = JSON.parse(await readFile(json, 'utf8')) as CertificationReport;
    expect(report.results[0]?.summary).toContain('oops [redacted]');
    expect(report.results[0]?.adapter_log).toContain('my secret is [redacted]');
    const text = `${run.out}\n${run.err}\n${await readFile(json, 'utf8')}\n${await readFile(junit, 'utf8')}`;
    // The secret is random per scenario (24 bytes, base64url): no run of it may survive anywhere.
    expect(text).not.toMatch(/(is|oops) [A-Za-z0-9_-]{32}/);
  });
});

describe('certify usage', () => {
  it.each([
    [[], /--adapter/],
    [['--adapter', 'x', '--module', 'y'], /not both/],
    [['--adapter', 'x', '--profile', 'slow'], /--profile: must be quick or certification/],
    [['--adapter', 'x', '--lifetime', '0'], /--lifetime/],
    [['--adapter', 'x', '--rules', 'token-reuse,nope'], /unknown rule id\(s\): nope/],
    [['--adapter', 'x', '--bogus'], /arguments/],
  ])('rejects %j with a message naming the flag', async (args, message) => {
    await expect(certify(args)).rejects.toThrow(message);
  });

  it('prints its usage with --help', async () => {
    const run = await certify(['--help']);
    expect(run.code).toBe(0);
    expect(run.out).toContain('--check-adapter');
  });

  it('--check-adapter runs the handshake and one call, and shows what the mock saw', async () => {
    const run = await certify(['--module', 'fixtures/adapters/well-behaved.mjs', '--check-adapter']);
    expect(run.code).toBe(0);
    expect(run.out).toContain('"name":"well-behaved"');
    expect(run.out).toMatch(/the mock saw 1 token request\(s\) and 1 API call\(s\)/);
    expect(run.out).toContain('OK: the adapter speaks the protocol');
  });
});
