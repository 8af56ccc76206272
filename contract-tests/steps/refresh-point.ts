import type { KitCall } from './kit-call.js';
import { failed, passed, ScenarioError, type Judgement } from './judgement.js';
import type { Observation } from './observation.js';

export interface RefreshExpectation {
  /** A call before the refresh window, which must still present the first token. */
  readonly early: KitCall;
  readonly earlyFraction: number;
  /** The call that must carry the refreshed token. */
  readonly probe: KitCall;
  /** Where the probe was placed, as a fraction of the lifetime (for the summary). */
  readonly probeFraction: number;
  /** The earliest acceptable refresh, ms after the first token's request. */
  readonly notBeforeMs: number;
  /** How the earliest acceptable refresh is described in words. */
  readonly notBeforeText: string;
}

/**
 * Judges a refresh: the probe call must present a token other than the first, requested no sooner than
 * `notBeforeMs` after the first and before the first expired. Reports where the refresh happened as a
 * percentage of the first token's lifetime.
 */
export function judgeRefresh(seen: Observation, expected: RefreshExpectation): Judgement {
  const first = seen.issued[0];
  const evidence = seen.allEvidence();
  if (first === undefined || first.expiresAtMs === null || first.expiresIn === null)
    throw new ScenarioError('the client never obtained a token', evidence);
  const lifetimeMs = first.expiresIn * 1000;
  const probeRequest = seen.requestsFor(expected.probe)[0];
  if (probeRequest === undefined)
    throw new ScenarioError(
      `the call at ${Math.round(expected.probeFraction * 100)}% never reached the hub`,
      evidence,
    );
  const second = seen.issued[1];
  const refreshPointPercent =
    second === undefined ? undefined : Math.round(((second.atMs - first.atMs) / lifetimeMs) * 1000) / 10;
  const extra = refreshPointPercent === undefined ? {} : { refreshPointPercent };
  const at = `${Math.round(expected.probeFraction * 100)}%`;
  const earlyRequest = seen.requestsFor(expected.early)[0];
  // A call delayed by scheduling into the refresh window may rightly carry a new token: judge it only
  // when it reached the hub before the window opened.
  const earlyInTime = earlyRequest !== undefined && earlyRequest.atMs - first.atMs < expected.notBeforeMs;
  if (earlyRequest !== undefined && earlyInTime && earlyRequest.jti !== first.jti)
    return failed(
      `The call at ${Math.round(expected.earlyFraction * 100)}% of the lifetime did not present ${first.label}: the client did not keep its token for the lifetime the mock gave.`,
      evidence,
      extra,
    );
  if (second !== undefined && second.atMs - first.atMs < expected.notBeforeMs)
    return failed(
      `The client refreshed at ${refreshPointPercent}% of the lifetime, before ${expected.notBeforeText}.`,
      evidence,
      extra,
    );
  if (probeRequest.jti === first.jti)
    return failed(
      `The call at ${at} of the lifetime still presented ${first.label}: the client had not refreshed.`,
      evidence,
      extra,
    );
  const carried = seen.tokenOf(probeRequest.jti);
  if (second === undefined || carried === undefined || carried.atMs < second.atMs)
    return failed(
      `The call at ${at} of the lifetime did not present a refreshed token of this client.`,
      evidence,
      extra,
    );
  if (second.atMs > first.expiresAtMs)
    return failed(
      `The client refreshed at ${refreshPointPercent}% of the lifetime, after ${first.label} had expired.`,
      evidence,
      extra,
    );
  return passed(
    `The client refreshed at ${refreshPointPercent}% of the lifetime (${first.expiresIn} s); the call at ${at} carried ${carried.label}.`,
    evidence,
    extra,
  );
}
