import { describePoint, reportLocated } from '../report/refresh-report.js';
import { condensedEvidence } from '../steps/condensed-evidence.js';
import { failed, passed, skipped } from '../steps/judgement.js';
import { locateRefresh, type LocatedRefresh } from '../steps/refresh-locator.js';
import { fitRefreshModel } from '../steps/refresh-model.js';
import { lifetimesTried } from '../steps/refresh-findings.js';
import { defineScenario } from '../runner/scenario.js';
import { refreshTiming, scanSpacingMs } from '../runner/certification-profile.js';

/** Models in which the refresh depends on the expires_in the client was sent. */
const FOLLOWS_EXPIRES_IN = new Set(['fraction', 'fixed-margin', 'at-expiry']);

/**
 * honours-expires-in: one client is sent a long lifetime, then a short one; its refresh must track each:
 * the same fraction of both, or the same margin before each expiry, not a constant or the first value.
 */
export const honoursExpiresIn = defineScenario({
  id: 'honours-expires-in',
  level: 'required',
  statement:
    'The refresh follows the expires_in of each token the client was sent: not a constant such as 3600, and not the first value it saw.',
  judged:
    "One client gets a first token with the timing lifetime (the run's; 3600 s in virtual time) and then tokens with a shorter one (half the run's lifetime). The refresh is located in the first token's life and in the next one's (probes through each life); the two points must fit one model that follows expires_in: the same fraction of each lifetime, the same margin before each expiry (a token no longer than the margin may be replaced on every call), or at expiry. A point that fits only a fixed age, or a short token used past its expiry, fails.",
  // The client's own lifetime is the short one; the first token gets the long one through a lifetime fault.
  lifetime: (profile) => profile.honoursLifetimeS,
  async run(s) {
    const timing = refreshTiming(s.profile, s.mode);
    const longS = timing.timingLifetimeS;
    const locate = (lifetimeS: number): Promise<LocatedRefresh> =>
      locateRefresh(s, {
        method: 'scan',
        spacingMs: scanSpacingMs(timing, lifetimeS * 1000),
        resolutionMs: timing.resolutionMs,
        afterExpiryMs: timing.afterExpiryMs,
        guardMs: timing.jitterMs,
      });
    await s.start();
    s.issueNextTokenFor(longS);
    await s.call();
    const first = await locate(longS);
    const evidence = (): ReturnType<typeof condensedEvidence> => condensedEvidence(s.observe());
    if (first.kind === 'refused')
      return skipped("The hub refused the client's calls at its bearer check.", {
        caughtBy: 'bearer-header',
        evidence: evidence(),
      });
    if (first.kind === 'every-call') {
      const measurement = await s.refreshModel();
      const always = measurement.model?.class === 'every-call';
      return skipped(
        always
          ? `The client fetched a new token for every call at every lifetime tried (${lifetimesTried(measurement)}): it follows no lifetime.`
          : `At ${longS} s the client fetched a new token for every call, so this rule cannot be exercised at this lifetime; a longer one (the certification profile) can.`,
        { ...(always ? { caughtBy: 'token-reuse' } : {}), evidence: evidence() },
      );
    }
    if (first.kind === 'never')
      return skipped(
        `The client presented its first token (expires_in ${longS} s) after it expired, having never replaced it: whether it follows expires_in cannot be seen.`,
        { caughtBy: 'proactive-refresh', evidence: evidence() },
      );
    const second = await locate(s.profile.honoursLifetimeS);
    const firstPoint = reportLocated(first);
    const secondPoint = reportLocated(second);
    const described = `${describePoint(firstPoint)}; then ${describePoint(secondPoint)}`;
    if (second.kind === 'refused')
      return skipped("The hub refused the client's calls at its bearer check.", {
        caughtBy: 'bearer-header',
        evidence: evidence(),
      });
    const fit = fitRefreshModel([first, second], {
      jitterMs: timing.jitterMs,
      atExpiryMs: timing.atExpiryMs,
    });
    const extra = {
      refreshPoints: [firstPoint, secondPoint],
      refreshPointPercent: Math.round((first.hiMs / first.lifetimeMs) * 1000) / 10,
    };
    if (second.kind === 'never')
      return failed(
        `The client kept a token sent with expires_in ${s.profile.honoursLifetimeS} s past its expiry, after replacing the first (expires_in ${longS} s) at ${describePoint(firstPoint)}: its refresh did not follow the new lifetime.`,
        evidence(),
        extra,
      );
    const follows =
      fit.fits.length > 0 && fit.fits.every((candidate) => FOLLOWS_EXPIRES_IN.has(candidate.class));
    if (follows)
      return passed(
        `The refresh followed each lifetime: ${described}; both fit ${fit.description}.`,
        evidence(),
        extra,
      );
    return failed(
      `The refresh did not follow the lifetimes sent: ${described}; they fit ${fit.description}.`,
      evidence(),
      extra,
    );
  },
});
