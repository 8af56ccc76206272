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
