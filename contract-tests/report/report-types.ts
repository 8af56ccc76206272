/**
 * The certification report: the stable JSON a CI job parses (docs/report-format.md) and the data the
 * JUnit and HTML reports are drawn from. Field names are snake_case because this is a wire format.
 * Times in a scenario's timeline are milliseconds relative to the scenario's start (`t0`).
 */

import type { Timeline } from '../../shared/timeline/timeline-types.js';

export type Verdict = 'PASS' | 'FAIL' | 'WARN' | 'SKIP' | 'ERROR';
export type RuleLevel = 'required' | 'recommended';
export type ProfileName = 'quick' | 'certification' | 'custom';

// A scenario's timeline is the shared picture's data, drawn by the report and the mock's dashboard alike.
export type {
  Timeline,
  TimelineAction,
  TimelineCall,
  TimelineToken,
} from '../../shared/timeline/timeline-types.js';

/** The adapter's ready message, as it sent it (DESIGN.md §5); null when it never became ready. */
export interface AdapterInfo {
  readonly type: 'ready';
  readonly name: string;
  readonly version: string;
  readonly library?: string;
  readonly concurrent?: boolean;
  readonly [extra: string]: unknown;
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
  /**
   * proactive-refresh and honours-expires-in: when the client's second token was requested in the traffic
   * of this result's timeline, as a % of the first token's lifetime. Absent when the client never refreshed,
   * fetched a token for every call, or the rule was skipped.
   */
  readonly refresh_point_percent?: number;
  /**
   * The refresh points the rule judged: proactive-refresh the one at VectorCare's 3600 s (measured or
   * predicted from the refresh model), honours-expires-in one per token lifetime it gave the client.
   * Absent when the rule was skipped.
   */
  readonly refresh_points?: readonly RefreshPoint[];
  /** SKIP: the rule whose finding made this one impossible to judge; absent when none did. */
  readonly caught_by?: string;
  readonly duration_ms: number;
  readonly timeline: Timeline;
  /** The adapter's stderr for this scenario, truncated; never contains the client secret. */
  readonly adapter_log: string;
}

/**
 * Where a client replaced a token of one lifetime. Ages are ms after the mock recorded the token's request.
 * `kind` point: at `at_ms` (within `lo_ms` to `hi_ms`); every-call: a new token for each call; never: the
 * token was presented past its expiry; refused: the hub refused the calls, nothing could be located.
 */
export interface RefreshPoint {
  readonly lifetime_s: number;
  readonly kind: 'point' | 'every-call' | 'never' | 'refused';
  /** measured: located in this run's traffic; predicted: from the refresh model. */
  readonly source: 'measured' | 'predicted';
  readonly at_ms?: number;
  readonly lo_ms?: number;
  readonly hi_ms?: number;
  /** `at_ms` as a % of the lifetime, to 0.01. */
  readonly percent?: number;
  /** Half the width of `lo_ms` to `hi_ms`, as a % of the lifetime. */
  readonly error_percent?: number;
  readonly seconds_before_expiry?: number;
  /**
   * call: the client asked while making a call; own: between calls (exact); 401: only once the hub refused
   * the token as just expired, before the client's own count ran out (no-expired-token's finding).
   */
  readonly trigger?: 'call' | 'own' | '401';
  /** How many probe calls located it. */
  readonly probes?: number;
  /** never: the age at which the token was presented past its expiry. */
  readonly presented_expired_at_ms?: number;
}

/** How the client decides when to replace its token, fitted from the refresh located at several lifetimes. */
export interface RefreshModelReport {
  /** fraction, fixed-margin, at-expiry, fixed-age, every-call, never, ambiguous, irregular, refused, error. */
  readonly class: string;
  /** The model in words, e.g. "80.0% of the lifetime". */
  readonly description: string;
  /** fraction: the share of the lifetime, 0 to 1. */
  readonly fraction?: number;
  /** fixed-margin and at-expiry: seconds before expiry. */
  readonly margin_s?: number;
  /** fixed-age: seconds after issue. */
  readonly age_s?: number;
  /** The points the model was fitted from, one per lifetime, ascending. */
  readonly points: readonly RefreshPoint[];
  /** At VectorCare's 3600 s: measured (virtual time) or predicted from the model; absent when unknown. */
  readonly vectorcare?: RefreshPoint;
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
  /** The client's refresh model; absent when no rule that needs it was run. */
  readonly refresh_model?: RefreshModelReport;
}
