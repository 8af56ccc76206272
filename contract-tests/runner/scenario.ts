import type { RuleDefinition } from '../rules/rule-definition.js';
import type { Judgement } from '../steps/judgement.js';
import type { ScenarioContext } from '../steps/scenario-context.js';
import type { TimeDriver } from '../steps/time-driver.js';
import type { CertificationProfile } from './certification-profile.js';

/**
 * One rule and the scenario that judges it: the rule's id, level and statement, then how the scenario
 * drives the adapter through the shared steps and judges what the mock recorded.
 */
export interface Scenario<Id extends string = string> extends RuleDefinition<Id> {
  /** The token lifetime this scenario's client gets, seconds; default the profile's. */
  readonly lifetime?: (profile: CertificationProfile, mode: TimeDriver['mode']) => number;
  /** True when the scenario judges from the run's refresh-model measurement (which then starts with the run). */
  readonly usesRefreshModel?: boolean;
  run(s: ScenarioContext): Promise<Judgement>;
}

/**
 * Declares a rule's scenario, keeping its id as a literal type, so the catalogue's list of scenarios is the
 * only place rule ids come from (`RuleId` is derived from it).
 */
export function defineScenario<const Id extends string>(scenario: Scenario<Id>): Scenario<Id> {
  return Object.freeze(scenario);
}
