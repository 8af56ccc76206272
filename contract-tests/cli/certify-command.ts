import { writeFile } from 'node:fs/promises';
import type { CommandIo } from '../../shared/command-io.js';
import { renderHtmlReport } from '../report/html-report.js';
import { renderJsonReport } from '../report/json-report.js';
import { renderJunitReport } from '../report/junit-report.js';
import type { CertificationReport, RuleResult } from '../report/report-types.js';
import { renderSummaryTable } from '../report/summary-table.js';
import { RECEIVER_RULE_IDS } from '../rules/receiver-rule-catalogue.js';
import { RULE_IDS } from '../rules/rule-catalogue.js';
import { killRunningAdapters } from '../adapters/adapter-process.js';
import { checkAdapter } from '../runner/check-adapter.js';
import { checkReceiver } from '../runner/check-receiver.js';
import { receiverProfile } from '../runner/receiver-profile.js';
import { runCertification } from '../runner/run-certification.js';
import { runReceiverCertification } from '../runner/run-receiver-certification.js';
import {
  CERTIFY_USAGE,
  parseCertifyOptions,
  type CertifyOptions,
  type CertifyTarget,
} from './certify-options.js';
import { ProgressReporter } from './progress-reporter.js';

async function writeReports(
  options: CertifyOptions,
  report: CertificationReport,
  io: CommandIo,
): Promise<void> {
  const outputs: [string | undefined, (report: CertificationReport) => string][] = [
    [options.json, renderJsonReport],
    [options.junit, renderJunitReport],
    [options.html, renderHtmlReport],
  ];
  for (const [file, render] of outputs) {
    if (file === undefined) continue;
    await writeFile(file, render(report), 'utf8');
    io.out(`wrote ${file}`);
  }
}

function describeTarget(target: CertifyTarget): string {
  if (target.kind === 'client')
    return target.adapter.kind === 'stdio'
      ? `--adapter ${JSON.stringify(target.adapter.command)}`
      : `--module ${target.adapter.file}`;
  return target.receiver.kind === 'stdio'
    ? `--receiver ${JSON.stringify(target.receiver.command)}`
    : `--receiver-module ${target.receiver.file}`;
}

/** What the run's first line says about its timing. */
function describeTiming(options: CertifyOptions): string {
  const { target, profile } = options;
  if (target.kind === 'client')
    return `token lifetime ${profile.lifetimeS} s, ${target.adapter.kind === 'module' ? 'virtual time' : 'real time'}`;
  const timing = receiverProfile(profile);
  const schedule = timing.scheduleMs.map((ms) => ms / 1000).join('/');
  return `retry schedule ${schedule} s${timing.compressed ? " (VectorCare's 0/8/64 s, compressed)" : ''}, ${target.receiver.kind === 'module' ? 'virtual time' : 'real time'}`;
}

interface Run {
  readonly report: CertificationReport;
  readonly adapterReady: boolean;
  readonly readyError?: string;
  readonly readyLog?: string;
}

function startRun(options: CertifyOptions, onResult: (result: RuleResult) => void): Promise<Run> {
  const { target, profile } = options;
  if (target.kind === 'client')
    return runCertification({
      adapter: target.adapter,
      profile,
      ...(target.rules === undefined ? {} : { rules: target.rules }),
      onResult,
    });
  return runReceiverCertification({
    receiver: target.receiver,
    profile,
    ...(target.rules === undefined ? {} : { rules: target.rules }),
    onResult,
  });
}

/**
 * `vectorcare-auth-mock certify`: parses arguments, runs the kit on a client or a webhook receiver, prints
 * progress and the summary, writes reports.
 */
export async function runCertify(args: readonly string[], io: CommandIo): Promise<number> {
  const options = parseCertifyOptions(args);
  if (options.help) {
    io.out(CERTIFY_USAGE);
    return 0;
  }
  const { profile, target } = options;
  if (options.checkAdapter) {
    io.out(
      `checking ${describeTarget(target)}: the handshake and ${target.kind === 'client' ? 'one call' : 'one delivery and a state query'}`,
    );
    const check =
      target.kind === 'client'
        ? await checkAdapter(target.adapter, profile)
        : await checkReceiver(target.receiver, profile);
    for (const line of check.lines) io.out(line);
    return check.adapter === null ? 2 : check.ok ? 0 : 1;
  }
  const ruleCount =
    target.rules?.length ?? (target.kind === 'client' ? RULE_IDS.length : RECEIVER_RULE_IDS.length);
  io.out(
    `certifying ${describeTarget(target)}: profile ${profile.name}, ${describeTiming(options)}, ${ruleCount} rules`,
  );
  const progress = new ProgressReporter(io, ruleCount);
  progress.start();
  // Adapters run in their own process groups; an interrupted run must not leave them behind.
  const interrupted = (signal: NodeJS.Signals): void => {
    progress.stop();
    killRunningAdapters();
    io.err(`vectorcare-auth-mock certify: interrupted (${signal}); adapters stopped`);
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  let run;
  try {
    run = await startRun(options, (result) => progress.result(result));
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    progress.stop();
  }
  const { report } = run;
  io.out('');
  if (report.adapter !== null)
    io.out(
      `adapter: ${report.adapter.name} ${report.adapter.version}${report.adapter.library === undefined ? '' : ` (${report.adapter.library})`}`,
    );
  for (const line of renderSummaryTable(report)) io.out(line);
  await writeReports(options, report, io);
  if (!run.adapterReady) {
    io.err(
      `vectorcare-auth-mock certify: the adapter never became ready: ${run.readyError ?? 'unknown reason'}`,
    );
    const log = (run.readyLog ?? '').trim();
    if (log !== '') io.err(`its stderr:\n${log.split('\n').slice(0, 40).join('\n')}`);
    return 2;
  }
  const requiredBroken = report.results.some(
    (result) => result.level === 'required' && result.verdict !== 'PASS',
  );
  return requiredBroken ? 1 : 0;
}
