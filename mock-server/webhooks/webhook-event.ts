import type { components } from '../../generated/openapi.js';
import type { RequestData } from './request-data-fixture.js';
import type { RequestStatus, WebhookAction } from './webhook-actions.js';

/** The envelope on the wire (facts §5), in the key order the mock sends. */
export type WebhookEnvelope = components['schemas']['WebhookEvent'];

/** An event as the sender keeps it: the envelope, and the exact bytes every attempt sends. */
export interface WebhookEvent {
  readonly eventId: string;
  readonly serviceRequestId: string;
  readonly action: WebhookAction;
  readonly requestStatus: RequestStatus;
  /** `event_timestamp` as sent. */
  readonly eventTimestamp: string;
  /** When it was created, epoch ms by the mock's clock. */
  readonly createdAtMs: number;
  readonly envelope: WebhookEnvelope;
  /** The body bytes: signed once, sent as they are by every attempt and redelivery. */
  readonly body: Buffer;
}

export interface WebhookEventFields {
  readonly eventId: string;
  readonly eventTimestamp: string;
  readonly serviceRequestId: string;
  readonly requestStatus: RequestStatus;
  readonly action: WebhookAction;
  readonly data: RequestData | null;
  readonly createdAtMs: number;
}

/** `event_timestamp` as VectorCare writes it: ISO 8601 UTC with milliseconds, `2026-01-28T21:48:06.000Z`. */
export const eventTimestampOf = (ms: number): string => new Date(ms).toISOString();

/**
 * Builds an event and its body: the envelope keys in VectorCare's order, serialized once, compactly. The
 * bytes are what is signed and what every attempt sends, so a receiver that verifies what it received
 * never depends on how JSON is re-serialized.
 */
export function buildWebhookEvent(fields: WebhookEventFields): WebhookEvent {
  const envelope: WebhookEnvelope = {
    event_id: fields.eventId,
    event_timestamp: fields.eventTimestamp,
    service_request_id: fields.serviceRequestId,
    request_status: fields.requestStatus,
    action: fields.action,
    data: fields.data,
  };
  return {
    eventId: fields.eventId,
    serviceRequestId: fields.serviceRequestId,
    action: fields.action,
    requestStatus: fields.requestStatus,
    eventTimestamp: fields.eventTimestamp,
    createdAtMs: fields.createdAtMs,
    envelope,
    body: Buffer.from(JSON.stringify(envelope), 'utf8'),
  };
}
