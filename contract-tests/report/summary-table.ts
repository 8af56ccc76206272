import { isReceiverReport } from './receiver-report-types.js';
import type { CertificationReport, RuleResult } from './report-types.js';

/** One line for a rule's result, as printed when its scenario finishes. */
export function resultLine(result: RuleResult): string {
  const refresh =
    result.refresh_point_percent === undefined ? '' : ` [refresh at ${result.refresh_point_percent}%]`;
  return `${result.verdict.padEnd(5)} ${result.rule.padEnd(22)} ${result.summary}${refresh}`;
}

/** The table printed at the end of a run: every rule, its level and verdict, and the overall outcome. */
export function renderSummaryTable(report: CertificationReport): string[] {
  const width = Math.max(4, ...report.results.map((result) => result.rule.length));
  // A receiver gets no token: no refresh column.
  const refresh = !isReceiverReport(report);
  const lines = [
    `${'rule'.padEnd(width)}  ${'level'.padEnd(11)}  verdict${refresh ? '  refresh' : ''}`,
    `${'-'.repeat(width)}  ${'-'.repeat(11)}  -------${refresh ? '  -------' : ''}`,
    ...report.results.map((result) =>
      `${result.rule.padEnd(width)}  ${result.level.padEnd(11)}  ${result.verdict.padEnd(7)}  ${result.refresh_point_percent === undefined ? '' : `${result.refresh_point_percent}%`}`.trimEnd(),
    ),
  ];
  const failedRequired = report.results.filter(
    (result) => result.level === 'required' && result.verdict !== 'PASS',
  ).length;
  const warnings = report.results.filter((result) => result.verdict === 'WARN').length;
  lines.push('');
  if (report.certified)
    lines.push(
      `CERTIFIED: every required rule passed${warnings > 0 ? ` (${warnings} recommended rule(s) warned)` : ''}.`,
    );
  else if (failedRequired > 0) lines.push(`NOT CERTIFIED: ${failedRequired} required rule(s) did not pass.`);
  else lines.push('NOT CERTIFIED: not every required rule was run (--rules).');
  return lines;
}
