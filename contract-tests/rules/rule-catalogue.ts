import type { Scenario } from '../runner/scenario.js';
import { bearerHeader } from '../scenarios/bearer-header.js';
import { boundedRetry } from '../scenarios/bounded-retry.js';
import { honoursExpiresIn } from '../scenarios/honours-expires-in.js';
import { invalidClient } from '../scenarios/invalid-client.js';
import { noExpiredToken } from '../scenarios/no-expired-token.js';
import { proactiveRefresh } from '../scenarios/proactive-refresh.js';
import { retryAfter401 } from '../scenarios/retry-after-401.js';
import { singleFlight } from '../scenarios/single-flight.js';
import { tokenEndpointOutage } from '../scenarios/token-endpoint-outage.js';
import { tokenRequest } from '../scenarios/token-request.js';
import { tokenReuse } from '../scenarios/token-reuse.js';
import type { RuleDefinition } from './rule-definition.js';

export type { RuleDefinition } from './rule-definition.js';

/**
 * The contract, DESIGN.md §6: one scenario per rule, in the order reports list them. This list is the only
 * one; the rule ids, the rules and the scenario of each rule are all read from it.
 */
const CONTRACT = [
  tokenRequest,
  bearerHeader,
  tokenReuse,
  noExpiredToken,
  proactiveRefresh,
  retryAfter401,
  boundedRetry,
  invalidClient,
  singleFlight,
  tokenEndpointOutage,
  honoursExpiresIn,
] as const;

export type RuleId = (typeof CONTRACT)[number]['id'];

/** The rule ids, in the order reports list them. */
export const RULE_IDS: readonly RuleId[] = Object.freeze(CONTRACT.map((scenario) => scenario.id));

/** The rules, without their scenarios: id, level, statement and how each is judged. */
export const RULES: readonly RuleDefinition<RuleId>[] = Object.freeze(
  CONTRACT.map(({ id, level, statement, judged }) => Object.freeze({ id, level, statement, judged })),
);

/** The scenario that judges each rule. */
export const SCENARIOS: Readonly<Record<RuleId, Scenario<RuleId>>> = Object.freeze(
  Object.fromEntries(CONTRACT.map((scenario) => [scenario.id, scenario])) as Record<RuleId, Scenario<RuleId>>,
);

/** The rule with this id; throws for an unknown id. */
export function ruleById(id: string): RuleDefinition<RuleId> {
  const rule = RULES.find((candidate) => candidate.id === id);
  if (rule === undefined) throw new RangeError(`unknown rule "${id}"`);
  return rule;
}

/** True when `id` names a rule of the catalogue. */
export const isRuleId = (id: string): id is RuleId => (RULE_IDS as readonly string[]).includes(id);
