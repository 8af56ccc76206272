import type { CertificationReport } from '../../report/report-types.js';
import { RULE_IDS, type RuleId } from '../../rules/rule-catalogue.js';
import type { Verdict } from '../../report/report-types.js';

/**
 * Every rule whose verdict is not the expected one, as `rule: expected X, got Y (summary)`; empty when the
 * report matches. A rule missing from the report is a mismatch too.
 */
export function verdictMismatches(
  report: CertificationReport,
  expected: Readonly<Record<RuleId, Verdict>>,
): string[] {
  return RULE_IDS.flatMap((rule) => {
    const want = expected[rule];
    const result = report.results.find((candidate) => candidate.rule === rule);
    if (result === undefined) return [`${rule}: expected ${want}, but the report has no result`];
    if (result.verdict === want) return [];
    return [`${rule}: expected ${want}, got ${result.verdict} (${result.summary})`];
  });
}
