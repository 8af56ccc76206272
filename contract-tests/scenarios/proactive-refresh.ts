import { judgeRefresh } from '../steps/refresh-point.js';
import { defineScenario } from '../runner/scenario.js';

/** proactive-refresh: the first call after 80% of the lifetime carries a token requested after 70%. */
export const proactiveRefresh = defineScenario({
  id: 'proactive-refresh',
  level: 'required',
  statement:
    "The first call after 80% of the lifetime carries a new token, requested after 70% of the old one's lifetime had passed.",
  judged:
    "Calls are made at 0%, 50% and 90%; the 50% call must present the first token, and the 90% call a token other than the first, whose request the mock recorded after 70% of the first token's lifetime (less a rounding allowance) and before the first token expired.",
  async run(s) {
    await s.start();
    await s.callAt(0);
    const early = await s.callAt(0.5);
    const probe = await s.callAt(0.9);
    return judgeRefresh(s.observe(), {
      early,
      earlyFraction: 0.5,
      probe,
      probeFraction: 0.9,
      notBeforeMs: 0.7 * s.lifetimeMs - s.profile.roundingAllowanceMs,
      notBeforeText: `70% of it (less the ${s.profile.roundingAllowanceMs} ms rounding allowance)`,
    });
  },
});
