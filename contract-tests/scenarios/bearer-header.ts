import { failed, passed, ScenarioError } from '../steps/judgement.js';
import { defineScenario } from '../runner/scenario.js';
import type { ObservedApiCall, Observation } from '../steps/observation.js';

function bearerProblem(seen: Observation, apiCall: ObservedApiCall): string | undefined {
  if (apiCall.queryKeys.includes('access_token')) return 'the token was sent in the query string';
  if (apiCall.jti === null) return `no bearer token (${apiCall.tokenCheck ?? 'missing'})`;
  const token = seen.tokenOf(apiCall.jti);
  if (token === undefined) return 'a token not issued to this client';
  if (apiCall.tokenCheck !== 'valid') return `a token that is ${apiCall.tokenCheck ?? 'not valid'}`;
  return undefined;
}

/** bearer-header: every API call carries a live token of this client in the Authorization header. */
export const bearerHeader = defineScenario({
  id: 'bearer-header',
  level: 'required',
  statement: 'Every API call carries Authorization: Bearer <a live token issued to this client>.',
  judged:
    "Every hub call on the scenario's paths must have passed the mock's bearer check with a token issued to the scenario client, sent in the Authorization header (no access_token query parameter).",
  async run(s) {
    await s.start();
    await s.call();
    await s.callAt(0.1);
    if (s.adapter.info.concurrent === true) await s.callTogether(3);
    await s.callAt(0.3);
    const seen = s.observe();
    if (seen.apiCalls.length === 0) throw new ScenarioError('no API call reached the hub');
    const evidence = seen.apiCalls.map((apiCall) =>
      seen.apiCallEvidence(apiCall, bearerProblem(seen, apiCall) ?? ''),
    );
    const wrong = seen.apiCalls.filter((apiCall) => bearerProblem(seen, apiCall) !== undefined);
    if (wrong.length > 0)
      return failed(
        `${wrong.length} of ${seen.apiCalls.length} API calls did not carry a live bearer token of this client: ${bearerProblem(seen, wrong[0] as ObservedApiCall)}.`,
        evidence,
      );
    return passed(
      `All ${seen.apiCalls.length} API calls carried Authorization: Bearer with a live token of this client.`,
      evidence,
    );
  },
});
