import { failed, passed, ScenarioError, skipped } from '../steps/judgement.js';
import { bearerRefusal } from '../steps/refresh-findings.js';
import { defineScenario } from '../runner/scenario.js';

const CONCURRENT_CALLS = 5;

/** single-flight: concurrent calls on a cold client share one token request. */
export const singleFlight = defineScenario({
  id: 'single-flight',
  level: 'recommended',
  statement: 'N concurrent calls on a cold client cause one token request.',
  judged:
    'Five calls are sent at once to a fresh adapter that declared concurrent:true; one token may be obtained (refused requests do not count). Skipped for adapters that are not concurrent.',
  async run(s) {
    await s.start();
    if (s.adapter.info.concurrent !== true)
      return skipped('The adapter did not declare concurrent:true, so calls cannot overlap.');
    await s.callTogether(CONCURRENT_CALLS);
    const seen = s.observe();
    const evidence = seen.allEvidence();
    if (seen.tokens.length === 0) throw new ScenarioError('the client made no token request', evidence);
    const refused = bearerRefusal(seen);
    // Refused calls make a client fetch more tokens to retry them: that is bearer-header's finding.
    if (refused !== undefined)
      return skipped(`The hub refused the calls at its bearer check (${refused}).`, {
        caughtBy: 'bearer-header',
        evidence,
      });
    if (seen.issued.length > 1)
      return failed(
        `${CONCURRENT_CALLS} concurrent calls on a cold client obtained ${seen.issued.length} tokens.`,
        evidence,
      );
    return passed(`${CONCURRENT_CALLS} concurrent calls on a cold client shared one token.`, evidence);
  },
});
