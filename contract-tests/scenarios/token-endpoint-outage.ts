import { describeOutcome, reportedSuccess } from '../steps/kit-call.js';
import { failed, passed, ScenarioError } from '../steps/judgement.js';
import { defineScenario } from '../runner/scenario.js';

const MAX_ATTEMPTS = 4;

/** token-endpoint-outage: while the token endpoint answers 503, a few attempts per call at most. */
export const tokenEndpointOutage = defineScenario({
  id: 'token-endpoint-outage',
  level: 'recommended',
  statement:
    'While the token endpoint answers 503, the client reports the error or retries with backoff: no more than a few attempts per call, and no API call without a token.',
  judged:
    'The token endpoint answers 503 to every request of the scenario client; one call may cause at most 4 token requests, no API call may reach the hub without a bearer token, and the adapter must not report success.',
  async run(s) {
    await s.start();
    s.failTokenEndpoint(503);
    const call = await s.call({ stopWhen: (seen) => seen.tokens.length > MAX_ATTEMPTS });
    await s.settle();
    const seen = s.observe();
    const evidence = seen.allEvidence();
    evidence.push({ at_ms: null, text: `call ${call.id}: ${describeOutcome(call)}` });
    if (seen.tokens.length === 0) throw new ScenarioError('the client made no token request', evidence);
    if (seen.tokens.length > MAX_ATTEMPTS)
      return failed(
        `${seen.tokens.length} token requests for one call during the outage; at most ${MAX_ATTEMPTS} expected.`,
        evidence,
      );
    // The client has no token: an API call now can only go out without one (bearer-header's rule, which its own
    // scenario, with a working token endpoint, never sees broken this way).
    const tokenless = seen.apiCalls.filter((apiCall) => apiCall.jti === null);
    if (tokenless.length > 0)
      return failed(
        `${tokenless.length} API call(s) went out without a token while the token endpoint was failing.`,
        evidence,
      );
    if (reportedSuccess(call)) return failed('The application was told the call succeeded.', evidence);
    return passed(
      `${seen.tokens.length} token request(s) during the outage, and ${describeOutcome(call)}.`,
      evidence,
    );
  },
});
