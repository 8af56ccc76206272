import { isReceiverReport } from './receiver-report-types.js';
import { describePoint } from './refresh-report.js';
import type { CertificationReport, RefreshPoint, RuleResult } from './report-types.js';

/** The refresh point a rule judged, short: "80.0% of 3600 s". */
function refreshCell(result: RuleResult): string {
  const point: RefreshPoint | undefined = result.refresh_points?.[0];
  if (point?.kind === 'point' && point.percent !== undefined)
    return `${point.percent.toFixed(1)}% of ${point.lifetime_s} s`;
  if (point !== undefined) return point.kind;
  return result.refresh_point_percent === undefined ? '' : `${result.refresh_point_percent}%`;
}

/** One line for a rule's result, as printed when its scenario finishes. */
export function resultLine(result: RuleResult): string {
  const refresh = refreshCell(result);
  return `${result.verdict.padEnd(5)} ${result.rule.padEnd(22)} ${result.summary}${refresh === '' ? '' : ` [refresh ${refresh}]`}`;
}

/** The refresh model in a few lines: its class, the points it was fitted from, and the point at 3600 s. */
export function renderRefreshModel(report: CertificationReport): string[] {
  const model = report.refresh_model;
  if (model === undefined) return [];
  const lines = [`refresh model: ${model.class}: ${model.description}`];
  for (const point of model.points)
    lines.push(`  measured at ${point.lifetime_s} s: ${describePoint(point)}`);
  if (model.vectorcare !== undefined)
    lines.push(
      `  at VectorCare's ${model.vectorcare.lifetime_s} s (${model.vectorcare.source}): ${describePoint(model.vectorcare)}`,
    );
  return lines;
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
      `${result.rule.padEnd(width)}  ${result.level.padEnd(11)}  ${result.verdict.padEnd(7)}  ${refreshCell(result)}`.trimEnd(),
    ),
  ];
  const modelLines = renderRefreshModel(report);
  if (modelLines.length > 0) lines.push('', ...modelLines);
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
