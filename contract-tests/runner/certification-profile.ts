import type { ProfileName } from '../report/report-types.js';

/** The timing a certification run uses. */
export interface CertificationProfile {
  readonly name: ProfileName;
  /** The token lifetime most scenarios give their client, seconds. */
  readonly lifetimeS: number;
  /** honours-expires-in's lifetime: a different one, so a client that assumes a constant is caught. */
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
    // Long enough that the 90% probe sits 1.4 s from both the 80% mark and expiry, and the early probes
    // several seconds before the 70% window: clients that keep expiry in whole seconds get the same
    // verdict on every run.
    lifetimeS: 14,
    honoursLifetimeS: 12,
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
    lifetimeS: 300,
    honoursLifetimeS: 200,
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
      honoursLifetimeS: Math.max(2, Math.round((overrides.lifetimeS * 2) / 3)),
    };
  }
  if (overrides.timeoutS !== undefined) {
    const ms = overrides.timeoutS * 1000;
    profile = { ...profile, callTimeoutMs: ms, readyTimeoutMs: ms };
  }
  return profile;
}

/** The margins and tolerances a report states, so a reader can judge the verdicts. */
export function profileMargins(profile: CertificationProfile): Record<string, number | string> {
  return {
    lifetime_s: profile.lifetimeS,
    honours_expires_in_lifetime_s: profile.honoursLifetimeS,
    rounding_allowance_ms: profile.roundingAllowanceMs,
    call_timeout_ms: profile.callTimeoutMs,
    ready_timeout_ms: profile.readyTimeoutMs,
    settle_ms: profile.settleMs,
    probe_points:
      'token-reuse 0/15/30/45%; proactive-refresh 0/50/90%; no-expired-token 0/50%, exp+0.5 s (first token answer held 2 s), 110%; honours-expires-in 0/40/90% of its own lifetime',
    refresh_window:
      "a refresh counts as proactive when requested after 70% of the old token's lifetime less the rounding allowance, and before it expired",
  };
}
