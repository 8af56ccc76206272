import type { MockServer } from '../../mock-server/index.js';
import { AdapterError } from '../adapters/adapter-error.js';
import type { AdapterLauncher } from '../adapters/adapter-session.js';
import type { Evidence, RuleResult } from '../report/report-types.js';
import { buildTimeline } from '../report/timeline-builder.js';
import { describeOutcome, type KitCall } from '../steps/kit-call.js';
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
}

const errorJudgement = (summary: string, evidence: readonly Evidence[]): Judgement => ({
  verdict: 'ERROR',
  summary,
  evidence,
});

/** A call the adapter reported as a 2xx the mock never answered: the adapter claims what did not happen. */
function unbackedSuccess(seen: Observation, call: KitCall): boolean {
  if (call.outcome.kind !== 'answered' || !('status' in call.outcome.result)) return false;
  const status = call.outcome.result.status;
  return status < 300 && !seen.requestsFor(call).some((request) => request.status === status);
}

/**
 * Checks that hold for every scenario, whatever its rule: an adapter that made no request, reported
 * results the mock never served, or left a call unanswered can never PASS.
 */
function withGeneralChecks(judgement: Judgement, seen: Observation): Judgement {
  const evidence = judgement.evidence.length > 0 ? judgement.evidence : seen.allEvidence();
  if (!seen.anyTraffic) return errorJudgement('The adapter made no request to the mock at all.', evidence);
  const invented = seen.calls.find((call) => unbackedSuccess(seen, call));
  if (invented !== undefined)
    return errorJudgement(
      `The adapter reported call ${invented.id} as ${describeOutcome(invented)}, but the mock never answered it so: its results cannot be trusted.`,
      evidence,
    );
  const unanswered = seen.calls.find((call) => call.outcome.kind === 'timeout');
  if (unanswered !== undefined && judgement.verdict !== 'FAIL')
    return errorJudgement(`Call ${unanswered.id} got ${describeOutcome(unanswered)}.`, evidence);
  return judgement;
}

/** Runs one rule's scenario with a fresh client and adapter, and turns what it found into the rule's result. */
export async function runScenario(scenario: Scenario, options: RunScenarioOptions): Promise<RuleResult> {
  const lifetimeS = scenario.lifetime?.(options.profile) ?? options.profile.lifetimeS;
  const s = new ScenarioContext({
    rule: scenario.id,
    mock: options.mock,
    launch: options.launch,
    driver: options.driver,
    profile: options.profile,
    lifetimeS,
    randomBytes: options.randomBytes,
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
  const endMs = s.now();
  const seen = s.observe();
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
    ...(judgement.refreshPointPercent === undefined
      ? {}
      : { refresh_point_percent: judgement.refreshPointPercent }),
    duration_ms: Math.round(endMs - s.t0),
    timeline: buildTimeline(seen, s.actions, lifetimeS, endMs),
    adapter_log: s.log(),
  };
}
