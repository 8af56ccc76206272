import type { StateOutcome } from '../adapters/receiver-session.js';
import type { AppliedMessage } from '../adapters/receiver-protocol-messages.js';
import type { Evidence } from '../report/report-types.js';

/** What the kit did with one POST, and the receiver's HTTP answer to it. */
export interface KitDelivery {
  /** Order in which the POSTs finished, from 1. */
  readonly seq: number;
  /** VectorCare's delivery through the sender (with its retries), or a POST the kit crafted once. */
  readonly kind: 'vectorcare' | 'crafted';
  /** What was special about a crafted POST (`tampered-body`, `indented`, ...); null for VectorCare's. */
  readonly variant: string | null;
  /** The event label, E1, E2, ... by creation in the scenario. */
  readonly event: string;
  readonly eventId: string;
  readonly serviceRequestId: string;
  /** VectorCare's attempt number within its delivery (1, 2, 3); null for a crafted POST. */
  readonly attempt: number | null;
  /** The sender's delivery id (a redelivery is its own); null for a crafted POST. */
  readonly deliveryId: string | null;
  readonly redelivery: boolean;
  /** When the POST started, epoch ms by the kit's clock. */
  readonly sentAtMs: number;
  /** The body bytes sent, and their count. */
  readonly body: Buffer;
  /** The X-VectorCare-Signature sent, or null when the kit left it out. */
  readonly signature: string | null;
  /** True when the kit hung up right after sending, without reading the answer. */
  readonly dropped: boolean;
  /** The receiver's HTTP status, or null when none came. */
  readonly status: number | null;
  /** Why no usable answer came (the sender's vocabulary: `timeout`, `connection_refused`, `dropped`...). */
  readonly error: string | null;
  /** A 2xx, its whole answer read within the limit. */
  readonly delivered: boolean;
  /** From the start to the status line; null without an answer. */
  readonly timeToAnswerMs: number | null;
  /** From the start to the end of the answer or the failure. */
  readonly durationMs: number;
  /** When the sender will try again (epoch ms by the kit's clock), or null. */
  readonly nextAttemptAtMs: number | null;
}

/** One applied message, when it arrived. */
export interface AppliedRecord {
  readonly atMs: number;
  readonly message: AppliedMessage;
}

/** One state query and its answer. */
export interface StateRecord {
  readonly id: string;
  readonly serviceRequestId: string;
  readonly askedAtMs: number;
  readonly outcome: StateOutcome;
}

/** An event the kit made (and may have sent in several ways), by label. */
export interface KitEvent {
  readonly label: string;
  readonly eventId: string;
  readonly serviceRequestId: string;
  readonly action: string;
  readonly requestStatus: string;
  readonly eventTimestamp: string;
}

const ms = (value: number): string => `${Math.round(value)} ms`;
const shortId = (id: string): string => (id.length > 12 ? `${id.slice(0, 6)}…${id.slice(-4)}` : id);

const VARIANT_WORDS: Readonly<Record<string, string>> = {
  'tampered-body': 'forged: body changed after signing',
  'other-key': 'forged: signed by another key',
  'missing-signature': 'forged: no X-VectorCare-Signature',
  'not-base64': 'forged: signature header not Base64',
  'reordered-keys': 'signed, keys in another order',
  indented: 'signed, indented with spaces and newlines',
  'unicode-escapes': 'signed, non-ASCII written as \\u escapes',
  'trailing-newline': 'signed, a trailing newline',
  'out-of-order': 'signed, older than what the receiver holds',
};

/** A crafted POST's variant in words. */
export const variantWords = (variant: string): string => VARIANT_WORDS[variant] ?? variant;

/** How a delivery ended, for evidence: `200 in 4 ms`, `no answer within 10000 ms`, `dropped by the kit`. */
export function answerWords(delivery: KitDelivery): string {
  if (delivery.dropped) return 'the kit hung up right after sending (as VectorCare does when it times out)';
  if (delivery.status !== null && delivery.error === null)
    return `${delivery.status} in ${ms(delivery.durationMs)}`;
  if (delivery.error === 'timeout') return `no answer within ${ms(delivery.durationMs)} (timeout)`;
  if (delivery.status !== null) return `${delivery.status}, then ${delivery.error}`;
  return `no answer: ${(delivery.error ?? 'unknown').replace(/_/g, ' ')}`;
}

/**
 * What one receiver scenario observed, and only that: the POSTs the kit made and their HTTP answers, the
 * applied messages and the state answers. Verdicts are judged from this, never from what the adapter says
 * about itself.
 */
export class DeliveryObservation {
  readonly deliveries: readonly KitDelivery[];
  readonly applied: readonly AppliedRecord[];
  readonly states: readonly StateRecord[];
  readonly events: readonly KitEvent[];
  /** Scenario start, epoch ms by the kit's clock. */
  readonly t0: number;

  constructor(
    deliveries: readonly KitDelivery[],
    applied: readonly AppliedRecord[],
    states: readonly StateRecord[],
    events: readonly KitEvent[],
    t0: number,
  ) {
    this.deliveries = deliveries;
    this.applied = applied;
    this.states = states;
    this.events = events;
    this.t0 = t0;
  }

  eventOf(eventId: string | null): KitEvent | undefined {
    return eventId === null ? undefined : this.events.find((event) => event.eventId === eventId);
  }

  /** Every POST of one event, in the order they finished. */
  deliveriesOf(event: { readonly eventId: string }): readonly KitDelivery[] {
    return this.deliveries.filter((delivery) => delivery.eventId === event.eventId);
  }

  /** The applied messages for one event. */
  appliedOf(event: { readonly eventId: string }): readonly AppliedRecord[] {
    return this.applied.filter((record) => record.message.event_id === event.eventId);
  }

  /** True when the receiver answered anything at all over HTTP (a kit hang-up does not count). */
  get anyAnswer(): boolean {
    return this.deliveries.some((delivery) => delivery.status !== null);
  }

  /** `E2 (BROADCAST_ACCEPTED, VC-…)`, or the raw id for one the kit never sent. */
  describeEvent(eventId: string | null): string {
    const event = this.eventOf(eventId);
    return event === undefined
      ? `event ${eventId ?? 'none'} (not one the kit sent)`
      : `${event.label} (${event.action}, ${event.serviceRequestId})`;
  }

  deliveryEvidence(delivery: KitDelivery, note = ''): Evidence {
    const what =
      delivery.kind === 'vectorcare'
        ? `${delivery.event} ${delivery.redelivery ? 'redelivery' : 'delivery'} attempt ${delivery.attempt ?? '?'}`
        : `${delivery.event} ${variantWords(delivery.variant ?? '')}`;
    const event = this.eventOf(delivery.eventId);
    const about = event === undefined ? '' : ` (${event.action}, ${event.serviceRequestId})`;
    const next =
      delivery.nextAttemptAtMs === null
        ? ''
        : `; next attempt due at +${((delivery.nextAttemptAtMs - this.t0) / 1000).toFixed(2)} s`;
    return {
      at_ms: delivery.sentAtMs - this.t0,
      text: `POST ${what}${about}, ${delivery.body.byteLength} bytes: ${answerWords(delivery)}${next}${note === '' ? '' : `; ${note}`}`,
    };
  }

  appliedEvidence(record: AppliedRecord): Evidence {
    const m = record.message;
    return {
      at_ms: record.atMs - this.t0,
      text: `applied ${this.describeEvent(m.event_id)}: the adapter reported ${m.action} / ${m.request_status} for ${m.service_request_id}`,
    };
  }

  stateEvidence(record: StateRecord): Evidence {
    const outcome = record.outcome;
    const held =
      outcome.kind === 'timeout'
        ? `no answer within ${ms(outcome.afterMs)}`
        : outcome.reply.request_status === null
          ? 'nothing held'
          : `${outcome.reply.request_status} / ${outcome.reply.action ?? 'no action'} from ${outcome.reply.event_id === null ? 'no event' : this.describeEvent(outcome.reply.event_id)}`;
    return {
      at_ms: record.askedAtMs - this.t0,
      text: `state ${record.id} of ${record.serviceRequestId}: ${held}`,
    };
  }

  /** Every delivery, applied message and state answer, in time order. */
  allEvidence(): Evidence[] {
    const items: { at: number; order: number; evidence: Evidence }[] = [
      ...this.deliveries.map((delivery) => ({
        at: delivery.sentAtMs,
        order: 0,
        evidence: this.deliveryEvidence(delivery),
      })),
      ...this.applied.map((record) => ({
        at: record.atMs,
        order: 1,
        evidence: this.appliedEvidence(record),
      })),
      ...this.states.map((record) => ({
        at: record.askedAtMs,
        order: 2,
        evidence: this.stateEvidence(record),
      })),
    ];
    return items.sort((a, b) => a.at - b.at || a.order - b.order).map((item) => item.evidence);
  }
}

export { shortId };
