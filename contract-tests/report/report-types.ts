/**
 * The certification report: the stable JSON a CI job parses (docs/report-format.md) and the data the
 * JUnit and HTML reports are drawn from. Field names are snake_case because this is a wire format.
 * Times in a scenario's timeline are milliseconds relative to the scenario's start (`t0`).
 */

export type Verdict = 'PASS' | 'FAIL' | 'WARN' | 'SKIP' | 'ERROR';
export type RuleLevel = 'required' | 'recommended';
export type ProfileName = 'quick' | 'certification' | 'custom';

/** The adapter's ready message, as it sent it (DESIGN.md §5); null when it never became ready. */
export interface AdapterInfo {
  readonly type: 'ready';
  readonly name: string;
  readonly version: string;
  readonly library?: string;
  readonly concurrent?: boolean;
  readonly [extra: string]: unknown;
}

/** A token request the mock recorded for this scenario's client. */
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

/** An API call the mock recorded for this scenario. */
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

/** Something the kit did: asked for a call, revoked a token, moved the clock, injected a fault. */
export interface TimelineAction {
  readonly at_ms: number;
  readonly kind: 'call' | 'result' | 'revoke' | 'clock' | 'fault' | 'note';
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

/** One line of evidence: what was observed, and why it matters for the verdict. */
export interface Evidence {
  readonly at_ms: number | null;
  readonly text: string;
}

export interface RuleResult {
  /** The rule id, e.g. `proactive-refresh`. */
  readonly rule: string;
  readonly level: RuleLevel;
  readonly verdict: Verdict;
  /** The rule in one sentence. */
  readonly statement: string;
  /** Why this verdict, in one or two sentences. */
  readonly summary: string;
  readonly evidence: readonly Evidence[];
  /** proactive-refresh (and honours-expires-in): where the client refreshed, % of the token lifetime. */
  readonly refresh_point_percent?: number;
  readonly duration_ms: number;
  readonly timeline: Timeline;
  /** The adapter's stderr for this scenario, truncated; never contains the client secret. */
  readonly adapter_log: string;
}

export interface CertificationReport {
  /** True when every required rule passed. */
  readonly certified: boolean;
  readonly kit: { readonly name: string; readonly version: string };
  readonly adapter: AdapterInfo | null;
  /** The token lifetime the run used, seconds. */
  readonly lifetime: number;
  readonly profile: ProfileName;
  /** How far from the boundaries probe calls were placed, and other tolerances, in words and numbers. */
  readonly margins: Readonly<Record<string, number | string>>;
  readonly started_at: string;
  readonly duration_ms: number;
  readonly results: readonly RuleResult[];
}
