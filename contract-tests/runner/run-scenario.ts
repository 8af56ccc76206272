import type { MockServer } from '../../mock-server/index.js';
import { AdapterError } from '../adapters/adapter-error.js';
import type { AdapterLauncher } from '../adapters/adapter-session.js';
import type { Evidence, RuleResult } from '../report/report-types.js';
import { buildTimeline } from '../report/timeline-builder.js';
import { generalProblem } from '../steps/general-checks.js';
import type { RefreshMeasurement } from '../steps/refresh-measurement.js';
import { ScenarioError, type Judgement } from '../steps/judgement.js';
import type { Observation } from '../steps/observation.js';
import { ScenarioContext } from '../steps/scenario-context.js';
import type { TimeDriver } from '../steps/time-driver.js';
import type { CertificationProfile } from './certification-profile.js';
import type { Scenario } from './scenario.js';

export interface RunScenarioOptions {
  readonly mock: MockServer;
  readonly launch: AdapterLauncher;
  readonly driver: TimeDriver;
  readonly profile: CertificationProfile;
  readonly randomBytes: (size: number) => Buffer;
  /** The run's shared refresh-model measurement, for the scenarios that judge from it. */
  readonly refreshModel: () => Promise<RefreshMeasurement>;
}

const errorJudgement = (summary: string, evidence: readonly Evidence[]): Judgement => ({
  verdict: 'ERROR',
  summary,
  evidence,
});

/**
 * Checks that hold for every scenario, whatever its rule: an adapter that made no request, reported
 * results the mock never served, or left a call unanswered can never PASS.
 */
function withGeneralChecks(judgement: Judgement, seen: Observation): Judgement {
  const evidence = judgement.evidence.length > 0 ? judgement.evidence : seen.allEvidence();
  const problem = generalProblem(seen, judgement.verdict === 'FAIL');
  return problem === undefined ? judgement : errorJudgement(problem, evidence);
}

/** Runs one rule's scenario with a fresh client and adapter, and turns what it found into the rule's result. */
export async function runScenario(scenario: Scenario, options: RunScenarioOptions): Promise<RuleResult> {
  const lifetimeS = scenario.lifetime?.(options.profile, options.driver.mode) ?? options.profile.lifetimeS;
  const s = new ScenarioContext({
    rule: scenario.id,
    mock: options.mock,
    launch: options.launch,
    driver: options.driver,
    profile: options.profile,
    lifetimeS,
    randomBytes: options.randomBytes,
    refreshModel: options.refreshModel,
  });
  let judgement: Judgement;
  try {
    judgement = await scenario.run(s);
  } catch (error) {
    if (error instanceof AdapterError)
      judgement = errorJudgement(`The adapter failed: ${error.message}.`, []);
    else if (error instanceof ScenarioError)
      judgement = errorJudgement(`The rule could not be judged: ${error.message}.`, error.evidence);
    else
      judgement = errorJudgement(
        `The kit failed: ${error instanceof Error ? error.message : String(error)}.`,
        [],
      );
  } finally {
    await s.close();
  }
  // A rule judged from the shared measurement shows that traffic, not its own scenario's (which has none).
  const basis = judgement.basis;
  const source = basis?.context ?? s;
  const endMs = basis?.endMs ?? s.now();
  const seen = source.observe();
  if (judgement.verdict !== 'ERROR' && judgement.verdict !== 'SKIP')
    judgement = withGeneralChecks(judgement, seen);
  if (judgement.verdict === 'ERROR' && judgement.evidence.length === 0)
    judgement = { ...judgement, evidence: seen.allEvidence() };
  const verdict =
    judgement.verdict === 'FAIL' && scenario.level === 'recommended' ? 'WARN' : judgement.verdict;
  return {
    rule: scenario.id,
    level: scenario.level,
    verdict,
    statement: scenario.statement,
    summary: judgement.summary,
    evidence: judgement.evidence,
    ...(judgement.refreshPointPercent === undefined || verdict === 'SKIP'
      ? {}
      : { refresh_point_percent: judgement.refreshPointPercent }),
    ...(judgement.refreshPoints === undefined || verdict === 'SKIP'
      ? {}
      : { refresh_points: judgement.refreshPoints }),
    ...(judgement.caughtBy === undefined ? {} : { caught_by: judgement.caughtBy }),
    duration_ms: Math.round(endMs - source.t0),
    timeline: buildTimeline(seen, source.actions, basis?.lifetimeS ?? lifetimeS, endMs),
    adapter_log: source.log(),
  };
}
