import { isReceiverReport } from './receiver-report-types.js';
import type { CertificationReport, RuleResult } from './report-types.js';

const escapeXml = (text: string): string =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // XML 1.0 forbids most control characters, which an adapter's log may contain.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

function evidenceText(result: RuleResult): string {
  return result.evidence
    .map((line) => `${line.at_ms === null ? '' : `[+${seconds(line.at_ms)} s] `}${line.text}`)
    .join('\n');
}

function testcase(result: RuleResult): string {
  const open = `    <testcase classname="vectorcare-contract.${result.level}" name="${escapeXml(result.rule)}" time="${seconds(result.duration_ms)}">`;
  const body = `${result.summary}\n\n${evidenceText(result)}`;
  const inner: string[] = [];
  if (result.verdict === 'FAIL')
    inner.push(
      `      <failure message="${escapeXml(result.summary)}" type="FAIL">${escapeXml(body)}</failure>`,
    );
  else if (result.verdict === 'ERROR')
    inner.push(`      <error message="${escapeXml(result.summary)}" type="ERROR">${escapeXml(body)}</error>`);
  else if (result.verdict === 'SKIP') inner.push(`      <skipped message="${escapeXml(result.summary)}"/>`);
  else inner.push(`      <system-out>${escapeXml(`${result.verdict}: ${body}`)}</system-out>`);
  if (result.adapter_log !== '')
    inner.push(`      <system-err>${escapeXml(result.adapter_log)}</system-err>`);
  return [open, ...inner, '    </testcase>'].join('\n');
}

/**
 * The report as JUnit XML: one testcase per rule; FAIL becomes a failure, ERROR an error, SKIP skipped.
 * WARN (a recommended rule broken) passes, with the finding in system-out.
 */
export function renderJunitReport(report: CertificationReport): string {
  const count = (verdict: string): number =>
    report.results.filter((result) => result.verdict === verdict).length;
  const name = `vectorcare-auth-mock certify: ${report.adapter?.name ?? 'adapter'}`;
  const properties = [
    ['kit', `${report.kit.name} ${report.kit.version}`],
    ['adapter', report.adapter === null ? 'never ready' : `${report.adapter.name} ${report.adapter.version}`],
    ['library', report.adapter?.library ?? ''],
    ['profile', report.profile],
    // A receiver gets no token: its run is told by its retry schedule instead.
    ...(isReceiverReport(report)
      ? [
          ['role', report.role],
          ['retry_schedule_ms', report.webhook.retry_schedule_ms.join(',')],
        ]
      : [['lifetime_s', String(report.lifetime)]]),
    ['certified', String(report.certified)],
    ...(report.refresh_model === undefined
      ? []
      : [['refresh_model', `${report.refresh_model.class}: ${report.refresh_model.description}`]]),
  ]
    .map(([key, value]) => `      <property name="${key}" value="${escapeXml(value ?? '')}"/>`)
    .join('\n');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${escapeXml(name)}" tests="${report.results.length}" failures="${count('FAIL')}" errors="${count('ERROR')}" skipped="${count('SKIP')}" time="${seconds(report.duration_ms)}">`,
    `  <testsuite name="${escapeXml(name)}" tests="${report.results.length}" failures="${count('FAIL')}" errors="${count('ERROR')}" skipped="${count('SKIP')}" time="${seconds(report.duration_ms)}" timestamp="${report.started_at}">`,
    '    <properties>',
    properties,
    '    </properties>',
    ...report.results.map(testcase),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
