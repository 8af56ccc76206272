import type { CertificationReport } from '../../report/report-types.js';
import { RULE_IDS, type RuleId } from '../../rules/rule-catalogue.js';
import type { ExpectedVerdict } from './expected-verdicts.js';

/**
 * Every rule whose verdict is not the expected one, as `rule: expected X, got Y (summary)`; empty when the
 * report matches. A rule missing from the report is a mismatch too.
 */
export function verdictMismatches(
  report: CertificationReport,
  expected: Readonly<Record<RuleId, ExpectedVerdict>>,
): string[] {
  return RULE_IDS.flatMap((rule) => {
    const want = expected[rule];
    const allowed = typeof want === 'string' ? [want] : want.either;
    const result = report.results.find((candidate) => candidate.rule === rule);
    if (result === undefined)
      return [`${rule}: expected ${allowed.join(' or ')}, but the report has no result`];
    if (allowed.includes(result.verdict)) return [];
    return [`${rule}: expected ${allowed.join(' or ')}, got ${result.verdict} (${result.summary})`];
  });
}
