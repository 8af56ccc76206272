import type { RuleLevel } from '../report/report-types.js';

/** The ids of DESIGN.md §6, in the order reports list them. */
export const RULE_IDS = [
  'token-request',
  'bearer-header',
  'token-reuse',
  'no-expired-token',
  'proactive-refresh',
  'retry-after-401',
  'bounded-retry',
  'invalid-client',
  'single-flight',
  'token-endpoint-outage',
  'honours-expires-in',
] as const;

export type RuleId = (typeof RULE_IDS)[number];

/** One contract rule: what a client must do, and how the kit tells from the mock's recordings. */
export interface RuleDefinition {
  readonly id: RuleId;
  /** Required rules fail certification; recommended ones only warn. */
  readonly level: RuleLevel;
  /** The rule in one sentence. */
  readonly statement: string;
  /** How the verdict is reached from the recorded traffic. */
  readonly judged: string;
}

/** The contract, DESIGN.md §6. */
export const RULES: readonly RuleDefinition[] = Object.freeze([
  {
    id: 'token-request',
    level: 'required',
    statement:
      'Tokens are requested by POST with grant_type=client_credentials, a form content type, and the credentials in the body or HTTP Basic, never in the URL.',
    judged:
      'Every token request the mock recorded for the scenario client is checked for method, grant_type, content type, how the client authenticated, and query parameters.',
  },
  {
    id: 'bearer-header',
    level: 'required',
    statement: 'Every API call carries Authorization: Bearer <a live token issued to this client>.',
    judged:
      "Every hub call on the scenario's paths must have passed the mock's bearer check with a token issued to the scenario client, sent in the Authorization header (no access_token query parameter).",
  },
  {
    id: 'token-reuse',
    level: 'required',
    statement:
      'Calls within the first 70% of the token lifetime reuse one token: one token request for many calls.',
    judged:
      'Calls are made at 0%, 15%, 30% and 45% of the lifetime; of what reaches the mock before 70% of it (less the rounding allowance), exactly one token may be obtained and every call must present it (refused token requests do not count here; token-request judges them).',
  },
  {
    id: 'no-expired-token',
    level: 'required',
    statement: 'No API call ever presents a token past its exp.',
    judged:
      "The first token's answer is held back 2 s after issue (a slow network); calls are made at 0% and 50% of the lifetime, 0.5 s after that token's exp (when a client counting from its late answer still thinks it good) and at 110%; no hub call may fail the mock's bearer check as expired.",
  },
  {
    id: 'proactive-refresh',
    level: 'required',
    statement:
      "The first call after 80% of the lifetime carries a new token, requested after 70% of the old one's lifetime had passed.",
    judged:
      "Calls are made at 0%, 50% and 90%; the 50% call must present the first token, and the 90% call a token other than the first, whose request the mock recorded after 70% of the first token's lifetime (less a rounding allowance) and before the first token expired.",
  },
  {
    id: 'retry-after-401',
    level: 'required',
    statement:
      'After a 401 the client requests one new token and retries the same request once with it, and the application sees success.',
    judged:
      "After one call, the kit revokes the client's tokens and has the hub refuse the client's next API call (so even a client that fetched a fresh token meets the 401); that 401 must be followed by exactly one token obtained and one retry with the same method, path and body presenting the new token, answered 2xx and reported as success.",
  },
  {
    id: 'bounded-retry',
    level: 'required',
    statement:
      'When every token keeps getting 401, the client retries at most once per call and reports the failure.',
    judged:
      'The kit revokes every token the moment it is issued; the call that follows may reach the hub at most twice, and the adapter must report a failure rather than success.',
  },
  {
    id: 'invalid-client',
    level: 'required',
    statement:
      'With a wrong secret, the client reports the error, makes at most 2 token requests per call, and sends no API call without a token.',
    judged:
      'The adapter is given a wrong secret; for two calls the mock may record at most 4 token requests in all and no hub call, and each call must be reported as failed.',
  },
  {
    id: 'single-flight',
    level: 'recommended',
    statement: 'N concurrent calls on a cold client cause one token request.',
    judged:
      'Five calls are sent at once to a fresh adapter that declared concurrent:true; one token may be obtained (refused requests do not count). Skipped for adapters that are not concurrent.',
  },
  {
    id: 'token-endpoint-outage',
    level: 'recommended',
    statement:
      'While the token endpoint answers 503, the client reports the error or retries with backoff: no more than a few attempts per call.',
    judged:
      'The token endpoint answers 503 to every request of the scenario client; one call may cause at most 4 token requests, and the adapter must not report success.',
  },
  {
    id: 'honours-expires-in',
    level: 'required',
    statement: 'The refresh follows the expires_in the mock sent, not a constant such as 3600.',
    judged:
      "The scenario client gets a lifetime two thirds of the run's; the call at 40% must reuse the first token and the call at 90% must present a new token, requested as proactive-refresh requires.",
  },
]);

/** The rule with this id; throws for an unknown id. */
export function ruleById(id: string): RuleDefinition {
  const rule = RULES.find((candidate) => candidate.id === id);
  if (rule === undefined) throw new RangeError(`unknown rule "${id}"`);
  return rule;
}

/** True when `id` names a rule of the catalogue. */
export const isRuleId = (id: string): id is RuleId => (RULE_IDS as readonly string[]).includes(id);
