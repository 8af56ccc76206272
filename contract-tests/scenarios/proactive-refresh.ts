import { judgeRefresh } from '../steps/refresh-point.js';
import type { Scenario } from '../runner/scenario.js';

/** proactive-refresh: the first call after 80% of the lifetime carries a token requested after 70%. */
export const proactiveRefresh: Scenario = {
  rule: 'proactive-refresh',
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
};
