import { describeOutcome, reportedSuccess } from '../steps/kit-call.js';
import { failed, passed, ScenarioError } from '../steps/judgement.js';
import { defineScenario } from '../runner/scenario.js';

const CALLS = 2;

/** invalid-client: with a wrong secret, the error is reported after at most 2 token requests per call. */
export const invalidClient = defineScenario({
  id: 'invalid-client',
  level: 'required',
  statement:
    'With a wrong secret, the client reports the error, makes at most 2 token requests per call, and sends no API call without a token.',
  judged:
    'The adapter is given a wrong secret; for two calls the mock may record at most 4 token requests in all and no hub call, and each call must be reported as failed.',
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
});
