import type { Evidence, Verdict } from '../report/report-types.js';

/** A scenario's finding: the verdict for its rule, why, and the traffic that shows it. */
export interface Judgement {
  readonly verdict: Verdict;
  readonly summary: string;
  readonly evidence: readonly Evidence[];
  readonly refreshPointPercent?: number;
}

type Extra = Pick<Judgement, 'refreshPointPercent'>;

/** The client kept the rule. */
export const passed = (
  summary: string,
  evidence: readonly Evidence[] = [],
  extra: Extra = {},
): Judgement => ({
  verdict: 'PASS',
  summary,
  evidence,
  ...extra,
});

/** The client broke the rule (a recommended rule's FAIL is reported as WARN). */
export const failed = (
  summary: string,
  evidence: readonly Evidence[] = [],
  extra: Extra = {},
): Judgement => ({
  verdict: 'FAIL',
  summary,
  evidence,
  ...extra,
});

/** The rule does not apply to this adapter. */
export const skipped = (summary: string): Judgement => ({ verdict: 'SKIP', summary, evidence: [] });

/** The scenario could not be judged (the traffic needed was not there): the verdict is ERROR. */
export class ScenarioError extends Error {
  readonly evidence: readonly Evidence[];

  constructor(message: string, evidence: readonly Evidence[] = []) {
    super(message);
    this.name = 'ScenarioError';
    this.evidence = evidence;
  }
}
