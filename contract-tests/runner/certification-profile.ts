import type { ProfileName } from '../report/report-types.js';
import type { TimeDriver } from '../steps/time-driver.js';

/** VectorCare's own token lifetime (vectorcare-api-facts.md): the timing rules are judged there. */
export const VECTORCARE_LIFETIME_S = 3600;

/** The timing a certification run uses. */
export interface CertificationProfile {
  readonly name: ProfileName;
  /** The token lifetime most scenarios give their client, seconds. */
  readonly lifetimeS: number;
  /**
   * The lifetimes the refresh is located at (a fresh client each) to fit the refresh model, seconds. In
   * virtual time VectorCare's 3600 s is added, measured rather than predicted.
   */
  readonly modelLifetimesS: readonly number[];
  /**
   * honours-expires-in's second, shorter lifetime: the client's first token lives `lifetimeS` (3600 s in
   * virtual time), the next ones this long, so a client that keeps the first value or a constant is caught.
   */
  readonly honoursLifetimeS: number;
  /**
   * Allowance for clients that round expiry to whole seconds and for scheduling jitter: a refresh up to
   * this much before 70% of the lifetime still counts as after it.
   */
  readonly roundingAllowanceMs: number;
  /** How long one call may take to be answered. */
  readonly callTimeoutMs: number;
  /** How long the adapter may take to print its ready message. */
  readonly readyTimeoutMs: number;
  /** How long the kit keeps watching for traffic after a call that should have ended a client's attempts. */
  readonly settleMs: number;
}

/** The named profiles: quick for CI, certification for the report a partner hands to VectorCare. */
export const PROFILES: Readonly<Record<'quick' | 'certification', CertificationProfile>> = Object.freeze({
  quick: Object.freeze({
    name: 'quick',
    // Long enough that a refresh at expiry, located between a probe just before it and one 0.5 s after it,
    // is placed within 2% of the lifetime, and that clients keeping expiry in whole seconds get the same
    // verdict on every run. Twice the lifetime tells a fraction from a fixed margin of up to 28 s.
    lifetimeS: 14,
    modelLifetimesS: Object.freeze([14, 28]),
    honoursLifetimeS: 7,
    roundingAllowanceMs: 1_000,
    // Both bounds only tell a hung adapter from a slow one, so they are the certification profile's: every
    // scenario's adapter starts, and makes its first call, beside all the others, and on a busy 2-core
    // machine (load 10) that first call took up to 3.9 s, which a 5 s bound turned into ERROR.
    callTimeoutMs: 15_000,
    readyTimeoutMs: 30_000,
    settleMs: 500,
  }),
  certification: Object.freeze({
    name: 'certification',
    // 600 s shows fixed margins of up to 10 minutes (a client treating tokens as expired 5 minutes early
    // fetches one per call at 300 s); it sets the run's length, about 10 minutes over stdio.
    lifetimeS: 300,
    modelLifetimesS: Object.freeze([300, 600]),
    honoursLifetimeS: 150,
    roundingAllowanceMs: 1_000,
    callTimeoutMs: 15_000,
    readyTimeoutMs: 30_000,
    settleMs: 2_000,
  }),
});

export interface ProfileOverrides {
  /** `--lifetime`, seconds: makes the profile `custom`. */
  readonly lifetimeS?: number;
  /** `--timeout`, seconds: the longest wait for any one adapter answer, the ready message included. */
  readonly timeoutS?: number;
}

/** The profile named, with the user's overrides applied. */
export function resolveProfile(
  name: 'quick' | 'certification',
  overrides: ProfileOverrides = {},
): CertificationProfile {
  let profile: CertificationProfile = PROFILES[name];
  if (overrides.lifetimeS !== undefined && overrides.lifetimeS !== profile.lifetimeS) {
    profile = {
      ...profile,
      name: 'custom',
      lifetimeS: overrides.lifetimeS,
      modelLifetimesS: [overrides.lifetimeS, overrides.lifetimeS * 2],
      honoursLifetimeS: Math.max(1, Math.round(overrides.lifetimeS / 2)),
    };
  }
  if (overrides.timeoutS !== undefined) {
    const ms = overrides.timeoutS * 1000;
    profile = { ...profile, callTimeoutMs: ms, readyTimeoutMs: ms };
  }
  return profile;
}

/** How the refresh locator and the model fit work in each time mode. */
export interface RefreshTiming {
  /** The lifetimes the model is fitted from, seconds, ascending. */
  readonly modelLifetimesS: readonly number[];
  /** honours-expires-in's first (long) lifetime and the timing rules' lifetime (no-expired-token). */
  readonly timingLifetimeS: number;
  /** Probe spacing when scanning a token's life: this share of its lifetime, within the bounds below. */
  readonly spacingShare: number;
  readonly minSpacingMs: number;
  readonly maxSpacingMs: number;
  /** Bisection stops at this width (virtual time). */
  readonly resolutionMs: number;
  /** The first probe past a token's expiry, this long after it; a second this much later (refresh-locator.ts). */
  readonly afterExpiryMs: number;
  /** How far the kit's view of a refresh may be from the client's (fit allowance). */
  readonly jitterMs: number;
  /** A refresh at most this long before expiry counts as at expiry. */
  readonly atExpiryMs: number;
}

/**
 * The refresh timing of a run. Out of process the kit scans each token's life with a probe every 0.5% of it
 * (at most a second apart) and allows 250 ms between its view and the client's (a busy machine); in virtual
 * time it bisects to the millisecond, and measures at VectorCare's 3600 s directly. The last probe comes
 * 1 s after the token's expiry (and, when the client still presents it and fetched no token for the 401, another
 * 1 s later): a client that still presents it then never refreshes it.
 */

export function refreshTiming(profile: CertificationProfile, mode: TimeDriver['mode']): RefreshTiming {
  const virtual = mode === 'virtual';
  const lifetimes = new Set([...profile.modelLifetimesS, ...(virtual ? [VECTORCARE_LIFETIME_S] : [])]);
  return {
    modelLifetimesS: [...lifetimes].sort((a, b) => a - b),
    timingLifetimeS: virtual ? VECTORCARE_LIFETIME_S : profile.lifetimeS,
    spacingShare: 0.005,
    minSpacingMs: 50,
    // Out of process a second at most, so that long lifetimes still tell a fraction from a small margin;
    // in virtual time waiting is free but calls are not, so a scan there keeps to 200 probes.
    maxSpacingMs: virtual ? Number.POSITIVE_INFINITY : 1_000,
    resolutionMs: 1,
    afterExpiryMs: 1_000,
    jitterMs: virtual ? 1 : 250,
    atExpiryMs: profile.roundingAllowanceMs,
  };
}

/** The probe spacing for scanning a token that lives `lifetimeMs`. */
export const scanSpacingMs = (timing: RefreshTiming, lifetimeMs: number): number =>
  Math.min(timing.maxSpacingMs, Math.max(timing.minSpacingMs, lifetimeMs * timing.spacingShare));

/** The margins and tolerances a report states, so a reader can judge the verdicts. */
export function profileMargins(
  profile: CertificationProfile,
  mode: TimeDriver['mode'],
): Record<string, number | string> {
  const timing = refreshTiming(profile, mode);
  return {
    lifetime_s: profile.lifetimeS,
    honours_expires_in_lifetime_s: profile.honoursLifetimeS,
    model_lifetimes_s: timing.modelLifetimesS.join(', '),
    timing_lifetime_s: timing.timingLifetimeS,
    vectorcare_lifetime_s: VECTORCARE_LIFETIME_S,
    rounding_allowance_ms: profile.roundingAllowanceMs,
    call_timeout_ms: profile.callTimeoutMs,
    ready_timeout_ms: profile.readyTimeoutMs,
    settle_ms: profile.settleMs,
    locator:
      mode === 'virtual'
        ? `bisection to ${timing.resolutionMs} ms over successive token lives; a probe ${timing.afterExpiryMs} ms after expiry (and, unless the 401 made the client fetch a token, another ${timing.afterExpiryMs} ms later)`
        : `a probe every ${timing.spacingShare * 100}% of the lifetime (${timing.minSpacingMs} ms to ${timing.maxSpacingMs} ms apart), the first at once, then one ${timing.afterExpiryMs} ms after the client's own count of the lifetime ran out (and, unless the 401 made the client fetch a token, another ${timing.afterExpiryMs} ms later)`,
    fit_allowance_ms: timing.jitterMs,
    at_expiry_ms: timing.atExpiryMs,
    probe_points: `no-expired-token 0/50%, exp+0.5 s (first token answer held 2 s), 110% of ${timing.timingLifetimeS} s; honours-expires-in: the first token ${timing.timingLifetimeS} s, the next ${profile.honoursLifetimeS} s, each life scanned`,
    refresh_window: `proactive-refresh passes when the refresh at ${VECTORCARE_LIFETIME_S} s falls between 70% of the lifetime (less the rounding allowance) and 90%`,
  };
}
