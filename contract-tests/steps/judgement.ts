import type { Evidence, RefreshPoint, Verdict } from '../report/report-types.js';
import type { ScenarioContext } from './scenario-context.js';

/** Traffic a rule was judged from that is not its own scenario's: a shared refresh-model measurement. */
export interface JudgementBasis {
  readonly context: ScenarioContext;
  readonly lifetimeS: number;
  readonly endMs: number;
}

/** A scenario's finding: the verdict for its rule, why, and the traffic that shows it. */
export interface Judgement {
  readonly verdict: Verdict;
  readonly summary: string;
  readonly evidence: readonly Evidence[];
  readonly refreshPointPercent?: number;
  /** The refresh points the rule judged (report `refresh_points`). */
  readonly refreshPoints?: readonly RefreshPoint[];
  /** SKIP: the rule whose finding made this one impossible to judge. */
  readonly caughtBy?: string;
  /** Judged from this traffic rather than the scenario's own: its timeline, log and general checks. */
  readonly basis?: JudgementBasis;
}

type Extra = Pick<Judgement, 'refreshPointPercent' | 'refreshPoints' | 'basis'>;

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

/** The rule could not be judged from this traffic (the kit's ERROR), shown with it. */
export const errored = (
  summary: string,
  evidence: readonly Evidence[],
  basis?: JudgementBasis,
): Judgement => ({
  verdict: 'ERROR',
  summary,
  evidence,
  ...(basis === undefined ? {} : { basis }),
});

/**
 * The rule cannot be judged for this client: it does not apply (single-flight for a sequential adapter), or
 * what it needs is missing because of a behaviour `caughtBy` judges (and fails). Never a refresh point.
 */
export const skipped = (
  summary: string,
  options: {
    readonly caughtBy?: string;
    readonly evidence?: readonly Evidence[];
    readonly basis?: JudgementBasis;
  } = {},
): Judgement => ({
  verdict: 'SKIP',
  summary: options.caughtBy === undefined ? summary : `${summary} (${options.caughtBy} judges that.)`,
  evidence: options.evidence ?? [],
  ...(options.caughtBy === undefined ? {} : { caughtBy: options.caughtBy }),
  ...(options.basis === undefined ? {} : { basis: options.basis }),
});

/** The scenario could not be judged (the traffic needed was not there): the verdict is ERROR. */
export class ScenarioError extends Error {
  readonly evidence: readonly Evidence[];

  constructor(message: string, evidence: readonly Evidence[] = []) {
    super(message);
    this.name = 'ScenarioError';
    this.evidence = evidence;
  }
}
