import { failed, passed, ScenarioError } from '../steps/judgement.js';
import type { Scenario } from '../runner/scenario.js';

/** no-expired-token: no API call presents a token past its exp, even after the client sat idle past it. */
export const noExpiredToken: Scenario = {
  rule: 'no-expired-token',
  async run(s) {
    await s.start();
    await s.callAt(0);
    await s.callAt(0.5);
    const late = await s.callAt(1.3);
    const seen = s.observe();
    const evidence = seen.allEvidence();
    const expired = seen.apiCalls.filter((apiCall) => apiCall.tokenCheck === 'expired');
    const first = expired[0];
    const token = seen.tokenOf(first?.jti ?? null);
    if (first !== undefined)
      return failed(
        `${expired.length} API call(s) presented an expired token; the first carried ${token === undefined ? 'a token' : `${token.label}, ${seen.lifePosition(token, first.atMs)}`}.`,
        evidence,
      );
    if (seen.requestsFor(late).length === 0)
      throw new ScenarioError("the call made past the first token's expiry never reached the hub", evidence);
    return passed(
      'No API call presented an expired token; the call at 130% of the lifetime carried a fresh one.',
      evidence,
    );
  },
};
