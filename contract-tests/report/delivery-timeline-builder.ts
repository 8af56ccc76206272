import type { DeliveryObservation } from '../steps/delivery-observation.js';
import type { DeliveryTimeline } from './receiver-report-types.js';

/** The report's delivery timeline of one receiver scenario: ms from its start. */
export function buildDeliveryTimeline(seen: DeliveryObservation, endMs: number): DeliveryTimeline {
  const at = (ms: number): number => Math.max(0, Math.round((ms - seen.t0) * 10) / 10);
  return {
    end_ms: Math.max(0, endMs - seen.t0),
    events: seen.events.map((event) => ({
      event: event.label,
      event_id: event.eventId,
      service_request_id: event.serviceRequestId,
      action: event.action,
      request_status: event.requestStatus,
      event_timestamp: event.eventTimestamp,
    })),
    attempts: seen.deliveries.map((delivery) => ({
      at_ms: at(delivery.sentAtMs),
      event: delivery.event,
      event_id: delivery.eventId,
      service_request_id: delivery.serviceRequestId,
      kind: delivery.kind,
      variant: delivery.variant,
      attempt: delivery.attempt,
      redelivery: delivery.redelivery,
      dropped: delivery.dropped,
      status: delivery.status,
      error: delivery.error,
      delivered: delivery.delivered,
      time_to_answer_ms:
        delivery.timeToAnswerMs === null ? null : Math.round(delivery.timeToAnswerMs * 10) / 10,
      duration_ms: Math.round(delivery.durationMs * 10) / 10,
      bytes: delivery.body.byteLength,
      next_attempt_at_ms: delivery.nextAttemptAtMs === null ? null : at(delivery.nextAttemptAtMs),
    })),
    applied: seen.applied.map((record) => ({
      at_ms: at(record.atMs),
      event: seen.eventOf(record.message.event_id)?.label ?? null,
      ...record.message,
    })),
    states: seen.states.map((record) => ({
      at_ms: at(record.askedAtMs),
      service_request_id: record.serviceRequestId,
      answered: record.outcome.kind === 'answered',
      request_status: record.outcome.kind === 'answered' ? record.outcome.reply.request_status : null,
      action: record.outcome.kind === 'answered' ? record.outcome.reply.action : null,
      event_id: record.outcome.kind === 'answered' ? record.outcome.reply.event_id : null,
    })),
  };
}
