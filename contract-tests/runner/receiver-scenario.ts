import type { RuleDefinition } from '../rules/rule-definition.js';
import type { Judgement } from '../steps/judgement.js';
import type { ReceiverContext } from '../steps/receiver-context.js';

/**
 * One webhook receiver rule (DESIGN.md §9) and the scenario that judges it: the rule's id, level and
 * statement, then how the scenario drives the receiver through the shared steps and judges what it saw.
 */
export interface ReceiverScenario<Id extends string = string> extends RuleDefinition<Id> {
  run(s: ReceiverContext): Promise<Judgement>;
}

/**
 * Declares a receiver rule's scenario, keeping its id as a literal type, so the receiver catalogue's list of
 * scenarios is the only place receiver rule ids come from.
 */
export function defineReceiverScenario<const Id extends string>(
  scenario: ReceiverScenario<Id>,
): ReceiverScenario<Id> {
  return Object.freeze(scenario);
}
