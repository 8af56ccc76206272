import { AdapterError } from '../adapters/adapter-error.js';
import type { ReceiverRuleResult } from '../report/receiver-report-types.js';
import { buildDeliveryTimeline } from '../report/delivery-timeline-builder.js';
import { ScenarioError, type Judgement } from '../steps/judgement.js';
import { ReceiverContext, type ReceiverContextOptions } from '../steps/receiver-context.js';
import { receiverGeneralProblem } from '../steps/receiver-general-checks.js';
import type { ReceiverScenario } from './receiver-scenario.js';

/** What a scenario's context is made from, but its rule. */
export type RunReceiverScenarioOptions = Omit<ReceiverContextOptions, 'rule'>;

const errorJudgement = (summary: string): Judgement => ({ verdict: 'ERROR', summary, evidence: [] });

/** What a scenario's exception means for its verdict: always ERROR, saying whose failure it was. */
function judgementOfError(error: unknown): Judgement {
  if (error instanceof AdapterError) return errorJudgement(`The adapter failed: ${error.message}.`);
  if (error instanceof ScenarioError)
    return {
      verdict: 'ERROR',
      summary: `The rule could not be judged: ${error.message}.`,
      evidence: error.evidence,
    };
  return errorJudgement(`The kit failed: ${error instanceof Error ? error.message : String(error)}.`);
}

/**
 * Runs one receiver rule's scenario with a fresh receiver, and turns what it found into the rule's result,
 * as run-scenario.ts does for a client: an exception or a broken session is ERROR, the general checks can
 * only turn a verdict into ERROR, and a recommended rule's FAIL is reported as WARN.
 */
export async function runReceiverScenario(
  scenario: ReceiverScenario,
  options: RunReceiverScenarioOptions,
): Promise<ReceiverRuleResult> {
  const s = new ReceiverContext({ rule: scenario.id, ...options });
  let judgement: Judgement;
  try {
    judgement = await scenario.run(s);
  } catch (error) {
    judgement = judgementOfError(error);
  }
  const failure = s.failure();
  await s.close();
  const endMs = s.now();
  const seen = s.observe();
  const evidence = judgement.evidence.length > 0 ? judgement.evidence : seen.allEvidence();
  if (failure !== undefined && judgement.verdict !== 'ERROR')
    judgement = { verdict: 'ERROR', summary: `The adapter failed: ${failure.message}.`, evidence };
  if (judgement.verdict !== 'ERROR' && judgement.verdict !== 'SKIP') {
    const problem = receiverGeneralProblem(seen);
    if (problem !== undefined) judgement = { verdict: 'ERROR', summary: problem, evidence };
  }
  if (judgement.verdict === 'ERROR' && judgement.evidence.length === 0)
    judgement = { ...judgement, evidence };
  const verdict =
    judgement.verdict === 'FAIL' && scenario.level === 'recommended' ? 'WARN' : judgement.verdict;
  return {
    rule: scenario.id,
    level: scenario.level,
    verdict,
    statement: scenario.statement,
    summary: judgement.summary,
    evidence: judgement.evidence,
    duration_ms: Math.round(endMs - s.t0),
    // No token is involved: the client timeline keeps only the kit's actions; the deliveries are below.
    timeline: {
      lifetime_s: 0,
      refresh_mark: 0.8,
      end_ms: Math.max(0, endMs - s.t0),
      tokens: [],
      calls: [],
      actions: [...s.actions],
    },
    deliveries: buildDeliveryTimeline(seen, endMs),
    adapter_log: s.log(),
  };
}
