import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCertify } from '../cli/certify-command.js';
import type { ReceiverCertificationReport } from '../report/receiver-report-types.js';
import {
  breaksRequired,
  controlsFor,
  expectedReceiverVerdicts,
  limiter,
  RECEIVER_CONTROLS,
} from './test-support/receiver-controls.js';

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

const readReport = async (file: string): Promise<ReceiverCertificationReport> =>
  JSON.parse(await readFile(file, 'utf8')) as ReceiverCertificationReport;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kit-receivers-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

// Every scenario is a receiver process of its own: two runs at a time keep a busy 2-core machine answering.
const slot = limiter(2);

describe.concurrent('certify --receiver (stdio, quick profile, real time)', () => {
  it.each(controlsFor('stdio'))(
    '%s gets the verdicts its code implies, and the exit code they make',
    async (name) => {
      const control = RECEIVER_CONTROLS[name];
      if (control === undefined) throw new Error(name);
      const json = join(dir, `${name}.json`);
      const run = await slot(() => certify(['--receiver', control.command, '--json', json]));
      const report = await readReport(json);
      const verdicts = Object.fromEntries(report.results.map((result) => [result.rule, result.verdict]));
      expect(verdicts, JSON.stringify(report.results.map((result) => [result.rule, result.summary]))).toEqual(
        expectedReceiverVerdicts(control),
      );
      expect(run.code).toBe(breaksRequired(control) ? 1 : 0);
      expect(run.out).toContain(
        breaksRequired(control) ? 'NOT CERTIFIED' : 'CERTIFIED: every required rule passed',
      );
      expect(run.out).toMatch(
        /retry schedule 0\/2\/16 s \(VectorCare's 0\/8\/64 s, compressed\), real time, 8 rules/,
      );
      // Well under the 30 s a quick stdio run may take, side by side with another.
      expect(report.duration_ms).toBeLessThan(30_000);
    },
    180_000,
  );

  it('writes the JSON, JUnit and HTML reports of a receiver run', async () => {
    const [json, junit, html] = ['report.json', 'report.xml', 'report.html'].map((file) => join(dir, file));
    const run = await slot(() =>
      certify([
        '--receiver',
        'node dist/fixtures/receivers/reference-receiver.js',
        '--json',
        json as string,
        '--junit',
        junit as string,
        '--html',
        html as string,
      ]),
    );
    expect(run.code).toBe(0);
    const report = await readReport(json as string);
    expect(report).toMatchObject({
      role: 'webhook-receiver',
      certified: true,
      profile: 'quick',
      lifetime: 0,
      adapter: { role: 'webhook-receiver', name: 'reference-receiver' },
      webhook: { retry_schedule_ms: [0, 2_000, 16_000], schedule_compressed: true, test_only_key: true },
    });
    const survives = report.results.find((result) => result.rule === 'survives-retry-schedule');
    expect(
      survives?.deliveries.attempts.map((attempt) => [attempt.attempt, attempt.dropped, attempt.delivered]),
    ).toEqual([
      [1, true, false],
      [2, false, true],
    ]);
    const xml = await readFile(junit as string, 'utf8');
    expect(xml.match(/<testcase /g)).toHaveLength(8);
    expect(xml).toContain('<property name="role" value="webhook-receiver"/>');
    const page = await readFile(html as string, 'utf8');
    expect(page).toContain('<h1>VectorCare webhook receiver certification</h1>');
    expect(page.match(/<svg class="delivery-timeline"/g)).toHaveLength(8);
  }, 180_000);

  it('gives ERROR and exit code 2 to a receiver that exits at once', async () => {
    const json = join(dir, 'exits.json');
    const run = await certify([
      '--receiver',
      'node dist/fixtures/receivers/exits-at-once.js',
      '--json',
      json,
    ]);
    expect(run.code).toBe(2);
    expect(run.err).toContain('the adapter exited with code 3 before its ready message');
    expect(run.err).toContain('exits-at-once: giving up before the handshake');
    const report = await readReport(json);
    expect(report.adapter).toBeNull();
    expect(report.results.map((result) => result.verdict)).toEqual(Array(8).fill('ERROR'));
  }, 60_000);

  it('gives exit code 2 to a receiver that never sends its ready message', async () => {
    const run = await certify([
      '--receiver',
      'node dist/fixtures/receivers/never-ready.js',
      '--timeout',
      '1',
      '--rules',
      'null-data',
    ]);
    expect(run.code).toBe(2);
    expect(run.err).toContain('no ready message within 1000 ms');
  }, 60_000);

  it('--check-adapter sends one delivery and asks the state, and shows what it saw', async () => {
    const run = await certify([
      '--receiver',
      'node dist/fixtures/receivers/reference-receiver.js',
      '--check-adapter',
    ]);
    expect(run.code).toBe(0);
    expect(run.out).toContain('"role":"webhook-receiver"');
    expect(run.out).toMatch(/POST E1 \(BROADCAST_RECEIVED for VC-\w+\): 200 in \d+ ms/);
    expect(run.out).toMatch(/state 1 of VC-\w+: AVAILABLE \/ BROADCAST_RECEIVED/);
    expect(run.out).toContain('OK: the receiver accepted the delivery');
    const broken = await certify([
      '--receiver',
      'node dist/fixtures/receivers/exits-at-once.js',
      '--check-adapter',
    ]);
    expect(broken.code).toBe(2);
  }, 60_000);

  it('runs only the rules asked for, and never certifies a partial run', async () => {
    const json = join(dir, 'partial.json');
    const run = await certify([
      '--receiver',
      'node dist/fixtures/receivers/ignores-event-timestamp.js',
      '--rules',
      'order-safe',
      '--json',
      json,
    ]);
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/^FAIL +order-safe +E1, older, arrived after E2 and overwrote it/m);
    const report = await readReport(json);
    expect(report.results.map((result) => result.rule)).toEqual(['order-safe']);
    expect(report.certified).toBe(false);
  }, 60_000);
});

describe('certify --receiver usage', () => {
  it.each([
    [['--receiver', 'x', '--adapter', 'y'], /not both --adapter and --receiver/],
    [['--receiver', 'x', '--receiver-module', 'y'], /not both --receiver and --receiver-module/],
    [['--receiver', ' '], /--receiver: the command is empty/],
    [['--receiver', 'x', '--lifetime', '60'], /--lifetime: applies to clients only/],
    [['--receiver', 'x', '--rules', 'order-safe,token-reuse'], /unknown receiver rule id\(s\): token-reuse/],
    [['--adapter', 'x', '--rules', 'order-safe'], /unknown rule id\(s\): order-safe/],
  ])('rejects %j with a message naming the flag', async (args, message) => {
    await expect(certify(args)).rejects.toThrow(message);
  });

  it('documents the receiver flags in --help', async () => {
    const run = await certify(['--help']);
    expect(run.out).toContain('--receiver "<command>"');
    expect(run.out).toContain('--receiver-module <file>');
  });
});
