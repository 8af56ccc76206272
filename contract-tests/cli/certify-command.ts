import { writeFile } from 'node:fs/promises';
import type { CommandIo } from '../../shared/command-io.js';
import { renderHtmlReport } from '../report/html-report.js';
import { renderJsonReport } from '../report/json-report.js';
import { renderJunitReport } from '../report/junit-report.js';
import type { CertificationReport } from '../report/report-types.js';
import { renderSummaryTable } from '../report/summary-table.js';
import { RULE_IDS } from '../rules/rule-catalogue.js';
import { killRunningAdapters } from '../adapters/adapter-process.js';
import { checkAdapter } from '../runner/check-adapter.js';
import { runCertification } from '../runner/run-certification.js';
import { CERTIFY_USAGE, parseCertifyOptions, type CertifyOptions } from './certify-options.js';
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

const describeAdapter = (options: CertifyOptions): string =>
  options.adapter.kind === 'stdio'
    ? `--adapter ${JSON.stringify(options.adapter.command)}`
    : `--module ${options.adapter.file}`;

/** `vectorcare-auth-mock certify`: parses arguments, runs the kit, prints progress and the summary, writes reports. */
export async function runCertify(args: readonly string[], io: CommandIo): Promise<number> {
  const options = parseCertifyOptions(args);
  if (options.help) {
    io.out(CERTIFY_USAGE);
    return 0;
  }
  const { profile } = options;
  if (options.checkAdapter) {
    io.out(`checking ${describeAdapter(options)}: the handshake and one call`);
    const check = await checkAdapter(options.adapter, profile);
    for (const line of check.lines) io.out(line);
    return check.adapter === null ? 2 : check.ok ? 0 : 1;
  }
  const time = options.adapter.kind === 'module' ? 'virtual time' : 'real time';
  const ruleCount = options.rules?.length ?? RULE_IDS.length;
  io.out(
    `certifying ${describeAdapter(options)}: profile ${profile.name}, token lifetime ${profile.lifetimeS} s, ${time}, ${ruleCount} rules`,
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
    run = await runCertification({
      adapter: options.adapter,
      profile,
      ...(options.rules === undefined ? {} : { rules: options.rules }),
      onResult: (result) => progress.result(result),
    });
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
