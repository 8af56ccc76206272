import { failed, passed, ScenarioError, type Judgement } from '../steps/judgement.js';
import { timingPrecondition, unmet } from '../steps/refresh-findings.js';
import type { ScenarioContext } from '../steps/scenario-context.js';
import { defineScenario } from '../runner/scenario.js';
import { refreshTiming } from '../runner/certification-profile.js';

/** How late the first token response arrives, and how soon after that token's expiry the edge call comes. */
export const TOKEN_RESPONSE_DELAY_MS = 2_000;
export const EDGE_AFTER_EXPIRY_MS = 500;

/**
 * no-expired-token: no API call presents a token past its exp: not just after it, while a client that counts
 * the lifetime from when its (late) answer arrived still thinks the token good, nor after sitting idle past it.
 */
export const noExpiredToken = defineScenario({
  id: 'no-expired-token',
  level: 'required',
  statement: 'No API call ever presents a token past its exp.',
  judged:
    "The first token's answer is held back 2 s after issue (a slow network); calls are made at 0% and 50% of the lifetime (the run's; 3600 s in virtual time), 0.5 s after that token's exp (when a client counting from its late answer still thinks it good) and at 110%; no hub call may fail the mock's bearer check as expired. Skipped, naming the rule that judges it, when the refresh model shows the client cannot hold a token that long: it fetches one for every call (token-reuse), never replaces one before expiry (proactive-refresh), or keeps a longer lifetime of its own (honours-expires-in).",
  lifetime: (profile, mode) => refreshTiming(profile, mode).timingLifetimeS,
  usesRefreshModel: true,
  async run(s) {
    const judgement = await judgeExpiry(s);
    if (judgement.verdict !== 'PASS' && judgement.verdict !== 'FAIL') return judgement;
    const precondition = timingPrecondition(await s.refreshModel(), s.lifetimeS);
    return precondition === undefined ? judgement : unmet(precondition, judgement);
  },
});

/** The rule on the scenario's own traffic: a late first answer, then calls past the token's expiry. */
async function judgeExpiry(s: ScenarioContext): Promise<Judgement> {
  await s.start();
  s.delayNextTokenResponse(TOKEN_RESPONSE_DELAY_MS);
  await s.callAt(0);
  await s.callAt(0.5);
  await s.callAt(1 + EDGE_AFTER_EXPIRY_MS / s.lifetimeMs);
  const late = await s.callAt(1.1);
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
    `No API call presented an expired token: not ${EDGE_AFTER_EXPIRY_MS} ms after the first token's expiry (its answer had come ${TOKEN_RESPONSE_DELAY_MS} ms late), nor at 110% of the lifetime.`,
    evidence,
  );
}
