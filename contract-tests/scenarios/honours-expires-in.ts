import { judgeRefresh } from '../steps/refresh-point.js';
import { defineScenario } from '../runner/scenario.js';

/** honours-expires-in: with a lifetime unlike the rest of the run, the refresh still follows expires_in. */
export const honoursExpiresIn = defineScenario({
  id: 'honours-expires-in',
  level: 'required',
  statement: 'The refresh follows the expires_in the mock sent, not a constant such as 3600.',
  judged:
    "The scenario client gets a lifetime two thirds of the run's; the call at 40% must reuse the first token and the call at 90% must present a new token, requested as proactive-refresh requires.",
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
});
