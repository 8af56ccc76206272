import { describeOutcome, reportedSuccess } from '../steps/kit-call.js';
import { failed, passed, ScenarioError } from '../steps/judgement.js';
import type { Scenario } from '../runner/scenario.js';

/** bounded-retry: when every token gets 401, one retry per call at most, and the failure is reported. */
export const boundedRetry: Scenario = {
  rule: 'bounded-retry',
  async run(s) {
    await s.start();
    await s.call();
    s.revokeEveryNewToken();
    const call = await s.call({ stopWhen: (seen) => seen.apiCalls.length > 4 });
    await s.settle();
    const seen = s.observe();
    const requests = seen.requestsFor(call);
    const evidence = seen.allEvidence();
    evidence.push({ at_ms: null, text: `call ${call.id}: ${describeOutcome(call)}` });
    if (requests.length === 0)
      throw new ScenarioError('the call after the revocation never reached the hub', evidence);
    if (requests.length > 2)
      return failed(
        `One call reached the hub ${requests.length} times while every token was refused: more than one retry.`,
        evidence,
      );
    if (reportedSuccess(call)) return failed('The application was told the call succeeded.', evidence);
    return passed(
      `The call reached the hub ${requests.length} time(s) and ${describeOutcome(call)}.`,
      evidence,
    );
  },
};
