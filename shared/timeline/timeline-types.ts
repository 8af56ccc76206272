/**
 * The data a timeline picture is drawn from: token requests, API calls and actions, in milliseconds from
 * the picture's origin (`t0`). The certification report carries one per scenario in its JSON
 * (docs/report-format.md), so field names are snake_case, as a wire format's; the mock's dashboard builds
 * the same from its recorder. Neither the report nor the dashboard owns it: both draw it with
 * `renderTimelineSvg` (timeline-svg.ts).
 */

/** The refresh mark drawn on token bars: DESIGN.md's 80% of a token's lifetime. */
export const REFRESH_MARK = 0.8;

/** A token request the mock recorded for the picture's client. */
export interface TimelineToken {
  /** When the mock received the request, ms from t0. */
  readonly at_ms: number;
  readonly status: number;
  /** The token issued, or null when the request failed. */
  readonly jti: string | null;
  /** When the issued token expires, ms from t0; null when none was issued. */
  readonly expires_at_ms: number | null;
  readonly expires_in: number | null;
  readonly auth_method: string | null;
  readonly error: string | null;
}

/** An API call the mock recorded. */
export interface TimelineCall {
  readonly at_ms: number;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  /** The jti the call presented, or null. */
  readonly jti: string | null;
  /** The mock's bearer check: valid, missing, expired, revoked, ... */
  readonly token_check: string | null;
}

/**
 * Something the kit did (asked for a call, revoked a token, moved the clock, injected a fault), or on the
 * dashboard a control API request (revoke, clock, fault, reset).
 */
export interface TimelineAction {
  readonly at_ms: number;
  readonly kind: 'call' | 'result' | 'revoke' | 'clock' | 'fault' | 'reset' | 'note';
  readonly detail: string;
}

export interface Timeline {
  /** The token lifetime this scenario's client was given, seconds. */
  readonly lifetime_s: number;
  /** The refresh mark drawn on each token bar, as a fraction of its lifetime (0.8). */
  readonly refresh_mark: number;
  /** Scenario length, ms from t0. */
  readonly end_ms: number;
  readonly tokens: readonly TimelineToken[];
  readonly calls: readonly TimelineCall[];
  readonly actions: readonly TimelineAction[];
}
