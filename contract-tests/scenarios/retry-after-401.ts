import { isDeepStrictEqual } from 'node:util';
import { reportedSuccess, describeOutcome } from '../steps/kit-call.js';
import { failed, passed, ScenarioError, skipped } from '../steps/judgement.js';
import { bearerRefusal } from '../steps/refresh-findings.js';
import { defineScenario } from '../runner/scenario.js';

/** retry-after-401: a 401 on a revoked token is followed by one token request and one identical retry. */
export const retryAfter401 = defineScenario({
  id: 'retry-after-401',
  level: 'required',
  statement:
    'After a 401 the client requests one new token and retries the same request once with it, and the application sees success.',
  judged:
    "After one call, the kit revokes the client's tokens and has the hub refuse the client's next API call (so even a client that fetched a fresh token meets the 401); that 401 must be followed by exactly one token obtained and one retry with the same method, path and body presenting the new token, answered 2xx and reported as success.",
  async run(s) {
    await s.start();
    const before = await s.call();
    const refused = bearerRefusal(s.observe());
    if (refused !== undefined && s.observe().requestsFor(before).length > 0)
      return skipped(
        `The hub refused the client's calls at its bearer check (${refused}) before any token was revoked, so a retry after a revocation cannot be seen.`,
        { caughtBy: 'bearer-header', evidence: s.observe().allEvidence() },
      );
    s.revokeTokens();
    s.rejectNextApiCall();
    const call = await s.callAt(0.1);
    const seen = s.observe();
    const evidence = seen.allEvidence();
    evidence.push({ at_ms: null, text: `call ${call.id}: ${describeOutcome(call)}` });
    const [rejected, retry, ...more] = seen.requestsFor(call);
    if (rejected === undefined)
      throw new ScenarioError('the call after the revocation never reached the hub', evidence);
    if (rejected.status !== 401)
      throw new ScenarioError(
        `the call after the revocation was answered ${rejected.status}, not 401: the rule could not be exercised`,
        evidence,
      );
    if (retry === undefined) return failed('After the 401 the client did not retry the request.', evidence);
    const between = seen.tokensBetween(rejected, retry).filter((token) => token.jti !== null);
    if (between.length !== 1)
      return failed(
        `Between the 401 and the retry the client obtained ${between.length} tokens, not one.`,
        evidence,
      );
    const same =
      retry.method === rejected.method &&
      retry.path === rejected.path &&
      isDeepStrictEqual(retry.requestBody, rejected.requestBody);
    if (!same) return failed('The retry was not the same request (method, path and body).', evidence);
    if (retry.jti === null || retry.jti !== between[0]?.jti)
      return failed('The retry did not present the token obtained after the 401.', evidence);
    if (retry.status >= 300) return failed(`The retry was answered ${retry.status}.`, evidence);
    if (more.length > 0) return failed(`The client sent the request ${more.length + 2} times.`, evidence);
    if (!reportedSuccess(call)) return failed(`The retry succeeded but ${describeOutcome(call)}.`, evidence);
    return passed(
      'After the 401 the client made one token request and one identical retry with the new token, and the application saw success.',
      evidence,
    );
  },
});
