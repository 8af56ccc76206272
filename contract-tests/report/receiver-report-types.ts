/**
 * The report of a webhook receiver certification: the client report (report-types.ts) with additions, so
 * one format and one set of renderers serve both. A receiver report says `"role": "webhook-receiver"`;
 * each result carries its delivery timeline. Documented in docs/report-format.md.
 */
import type { CertificationReport, RuleResult } from './report-types.js';

/** One POST the kit made to the receiver, and its answer. Times are ms from the scenario's start. */
export interface DeliveryAttemptMark {
  readonly at_ms: number;
  /** The event's label in the scenario, E1, E2, ... */
  readonly event: string;
  readonly event_id: string;
  readonly service_request_id: string;
  /** `vectorcare`: sent by the mock's webhook sender (with its retries); `crafted`: one POST the kit made. */
  readonly kind: 'vectorcare' | 'crafted';
  /** A crafted POST's variant (`tampered-body`, `other-key`, `indented`, ...); null for VectorCare's. */
  readonly variant: string | null;
  /** VectorCare's attempt number in its delivery (1 to 3); null for a crafted POST. */
  readonly attempt: number | null;
  readonly redelivery: boolean;
  /** The kit hung up right after sending, without reading the answer. */
  readonly dropped: boolean;
  /** The receiver's HTTP status, or null when none came. */
  readonly status: number | null;
  /** Why no usable answer came: `timeout`, `connection_refused`, `dropped`, ...; null with an answer. */
  readonly error: string | null;
  /** A 2xx, the whole answer read within the limit. */
  readonly delivered: boolean;
  /** From the start of the POST to the status line; null without an answer. */
  readonly time_to_answer_ms: number | null;
  /** From the start of the POST to the end of the answer or the failure. */
  readonly duration_ms: number;
  readonly bytes: number;
  /** When the sender will try again, ms from the scenario's start; null when it will not. */
  readonly next_attempt_at_ms: number | null;
}

/** An event the adapter reported applied (the `applied` message). */
export interface AppliedMark {
  readonly at_ms: number;
  /** The label of the kit's event with this id, or null for an id the kit never sent. */
  readonly event: string | null;
  readonly event_id: string;
  readonly service_request_id: string;
  readonly action: string;
  readonly request_status: string;
}

/** A state query and what the adapter answered. */
export interface StateMark {
  readonly at_ms: number;
  readonly service_request_id: string;
  /** False when it got no answer in time. */
  readonly answered: boolean;
  readonly request_status: string | null;
  readonly action: string | null;
  readonly event_id: string | null;
}

/** An event the kit made in the scenario. */
export interface EventMark {
  readonly event: string;
  readonly event_id: string;
  readonly service_request_id: string;
  readonly action: string;
  readonly request_status: string;
  readonly event_timestamp: string;
}

/** A receiver scenario's deliveries for drawing: the timeline of attempts, applied events and state queries. */
export interface DeliveryTimeline {
  /** The scenario's end, ms from its start. */
  readonly end_ms: number;
  readonly events: readonly EventMark[];
  readonly attempts: readonly DeliveryAttemptMark[];
  readonly applied: readonly AppliedMark[];
  readonly states: readonly StateMark[];
}

export interface ReceiverRuleResult extends RuleResult {
  readonly deliveries: DeliveryTimeline;
}

/** How the run delivered: the schedule (compressed or VectorCare's), the limits, the signature. */
export interface WebhookRunFacts {
  /** When the attempts of one delivery start, ms after the first. */
  readonly retry_schedule_ms: readonly number[];
  /** VectorCare's: 0, 8000, 64000. */
  readonly vectorcare_schedule_ms: readonly number[];
  /** True when `retry_schedule_ms` is not VectorCare's (the quick profile compresses it four times). */
  readonly schedule_compressed: boolean;
  /** How long the receiver has for its whole answer before the attempt counts as failed. */
  readonly answer_limit_ms: number;
  /** fast-ack's recommended answer time. */
  readonly fast_answer_ms: number;
  /** How VectorCare signs: the header, algorithm, padding and encoding. */
  readonly signature: string;
  /** SHA-256 of the DER public key the receiver was given (SPKI), hex: which key the run trusted. */
  readonly public_key_sha256: string;
  /** True when that key is the committed TEST-ONLY webhook key (it protects nothing). */
  readonly test_only_key: boolean;
}

export interface ReceiverCertificationReport extends CertificationReport {
  readonly role: 'webhook-receiver';
  readonly webhook: WebhookRunFacts;
  readonly results: readonly ReceiverRuleResult[];
}

/** True for a webhook receiver's report. */
export const isReceiverReport = (report: CertificationReport): report is ReceiverCertificationReport =>
  (report as Partial<ReceiverCertificationReport>).role === 'webhook-receiver';

/** True for a result that carries a delivery timeline. */
export const isReceiverResult = (result: RuleResult): result is ReceiverRuleResult =>
  (result as Partial<ReceiverRuleResult>).deliveries !== undefined;
