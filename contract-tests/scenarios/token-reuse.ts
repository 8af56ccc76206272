import { failed, passed, ScenarioError } from '../steps/judgement.js';
import { defineScenario } from '../runner/scenario.js';

/** token-reuse: calls within the first 70% of the lifetime share one token. */
export const tokenReuse = defineScenario({
  id: 'token-reuse',
  level: 'required',
  statement:
    'Calls within the first 70% of the token lifetime reuse one token: one token request for many calls.',
  judged:
    'Calls are made at 0%, 15%, 30% and 45% of the lifetime; of what reaches the mock before 70% of it (less the rounding allowance), exactly one token may be obtained and every call must present it (refused token requests do not count here; token-request judges them).',
  async run(s) {
    await s.start();
    for (const fraction of [0, 0.15, 0.3, 0.45]) await s.callAt(fraction);
    const seen = s.observe();
    const evidence = seen.allEvidence();
    const first = seen.issued[0];
    if (first === undefined) throw new ScenarioError('the client never obtained a token', evidence);
    // Only what reached the mock before the refresh window (70% less the allowance) is judged, so a call
    // delayed by scheduling is not held against the client.
    const windowEnd = first.atMs + 0.7 * s.lifetimeMs - s.profile.roundingAllowanceMs;
    const calls = seen.apiCalls.filter((apiCall) => apiCall.atMs < windowEnd);
    const tokens = seen.issued.filter((token) => token.atMs < windowEnd);
    if (calls.length < 2)
      throw new ScenarioError(
        'fewer than two calls reached the hub within the first 70% of the lifetime',
        evidence,
      );
    if (tokens.length > 1)
      return failed(
        `${tokens.length} tokens obtained for ${calls.length} calls early in the lifetime; one was enough.`,
        evidence,
      );
    if (calls.some((apiCall) => apiCall.jti !== first.jti))
      return failed(
        `A call early in the lifetime did not present the client's one token, ${first.label}.`,
        evidence,
      );
    return passed(
      `${calls.length} calls up to ${Math.round((((calls.at(-1)?.atMs ?? first.atMs) - first.atMs) / s.lifetimeMs) * 100)}% of the lifetime all presented ${first.label}, from one token request.`,
      evidence,
    );
  },
});
