import { describeOutcome, reportedSuccess } from '../steps/kit-call.js';
import { failed, passed, ScenarioError } from '../steps/judgement.js';
import type { Scenario } from '../runner/scenario.js';

const CALLS = 2;

/** invalid-client: with a wrong secret, the error is reported after at most 2 token requests per call. */
export const invalidClient: Scenario = {
  rule: 'invalid-client',
  async run(s) {
    await s.start({ wrongSecret: true });
    const tooMany = (seen: { tokens: readonly unknown[] }): boolean => seen.tokens.length > 2 * CALLS;
    for (let i = 0; i < CALLS; i += 1) await s.call({ stopWhen: tooMany });
    await s.settle();
    const seen = s.observe();
    const evidence = seen.allEvidence();
    for (const call of s.calls)
      evidence.push({ at_ms: null, text: `call ${call.id}: ${describeOutcome(call)}` });
    if (seen.tokens.length === 0) throw new ScenarioError('the client never asked for a token', evidence);
    if (seen.tokens.length > 2 * CALLS)
      return failed(
        `${seen.tokens.length} token requests for ${CALLS} calls with a wrong secret: more than 2 per call.`,
        evidence,
      );
    if (seen.apiCalls.length > 0)
      return failed(`${seen.apiCalls.length} API call(s) went out without a valid token.`, evidence);
    if (s.calls.some(reportedSuccess)) return failed('The application was told a call succeeded.', evidence);
    return passed(
      `${seen.tokens.length} token request(s) for ${CALLS} calls, no API call, and the error was reported.`,
      evidence,
    );
  },
};
