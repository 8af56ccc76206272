import { judgeRefresh } from '../steps/refresh-point.js';
import type { Scenario } from '../runner/scenario.js';

/** honours-expires-in: with a lifetime unlike the rest of the run, the refresh still follows expires_in. */
export const honoursExpiresIn: Scenario = {
  rule: 'honours-expires-in',
  lifetime: (profile) => profile.honoursLifetimeS,
  async run(s) {
    await s.start();
    await s.callAt(0);
    const early = await s.callAt(0.4);
    const probe = await s.callAt(0.9);
    return judgeRefresh(s.observe(), {
      early,
      earlyFraction: 0.4,
      probe,
      probeFraction: 0.9,
      notBeforeMs: 0.7 * s.lifetimeMs - s.profile.roundingAllowanceMs,
      notBeforeText: `70% of it (less the ${s.profile.roundingAllowanceMs} ms rounding allowance)`,
    });
  },
};
