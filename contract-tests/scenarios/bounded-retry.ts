import { describeOutcome, reportedSuccess } from '../steps/kit-call.js';
import { failed, passed, ScenarioError } from '../steps/judgement.js';
import { defineScenario } from '../runner/scenario.js';

/** bounded-retry: when every token gets 401, one retry per call at most, and the failure is reported. */
export const boundedRetry = defineScenario({
  id: 'bounded-retry',
  level: 'required',
  statement:
    'When every token keeps getting 401, the client retries at most once per call and reports the failure.',
  judged:
    'The kit revokes every token the moment it is issued; the call that follows may reach the hub at most twice, and the adapter must report a failure rather than success.',
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
});
