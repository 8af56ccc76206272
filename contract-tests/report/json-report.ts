import type { CertificationReport } from './report-types.js';

/** The report as the stable JSON of docs/report-format.md, one trailing newline. */
export function renderJsonReport(report: CertificationReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
