import type { RuleId } from '../rules/rule-catalogue.js';
import type { Judgement } from '../steps/judgement.js';
import type { ScenarioContext } from '../steps/scenario-context.js';
import type { CertificationProfile } from './certification-profile.js';

/** One rule's scenario: drives the adapter through the shared steps, then judges what the mock recorded. */
export interface Scenario {
  readonly rule: RuleId;
  /** The token lifetime this scenario's client gets, seconds; default the profile's. */
  readonly lifetime?: (profile: CertificationProfile) => number;
  run(s: ScenarioContext): Promise<Judgement>;
}
