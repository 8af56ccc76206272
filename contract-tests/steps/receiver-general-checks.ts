import type { DeliveryObservation } from './delivery-observation.js';

const FIELDS = ['service_request_id', 'action', 'request_status'] as const;

/** What the kit sent for an event id, as the bodies it POSTed say (a tampered body included). */
function sentAs(seen: DeliveryObservation, eventId: string): Record<string, unknown>[] {
  const bodies: Record<string, unknown>[] = [];
  for (const delivery of seen.deliveries) {
    if (delivery.eventId !== eventId) continue;
    try {
      bodies.push(JSON.parse(delivery.body.toString('utf8')) as Record<string, unknown>);
    } catch {
      // Every body the kit sends is JSON; one that is not cannot be applied as anything.
    }
  }
  return bodies;
}

/**
 * Checks that hold for every receiver scenario, whatever its rule: a receiver that answered none of the
 * kit's POSTs, reported applying an event it was never sent (or as something it was not sent as), left a
 * state query unanswered or named an event it was never sent can never PASS (nor FAIL): its verdict is
 * ERROR. Returns the problem, or undefined.
 */
export function receiverGeneralProblem(seen: DeliveryObservation): string | undefined {
  if (seen.deliveries.length > 0 && !seen.anyAnswer)
    return `The receiver answered none of the kit's ${seen.deliveries.length} POST(s) (${[...new Set(seen.deliveries.map((delivery) => delivery.error ?? 'no answer'))].join(', ')}).`;
  for (const record of seen.applied) {
    const applied = record.message;
    const bodies = sentAs(seen, applied.event_id);
    if (bodies.length === 0)
      return `The adapter reported applying event ${applied.event_id}, which the kit never sent: its applied messages cannot be trusted.`;
    if (!bodies.some((body) => FIELDS.every((field) => body[field] === applied[field])))
      return `The adapter reported applying ${seen.describeEvent(applied.event_id)} as ${applied.action} / ${applied.request_status} for ${applied.service_request_id}, which is not what the kit sent: its applied messages cannot be trusted.`;
  }
  for (const record of seen.states) {
    if (record.outcome.kind === 'timeout')
      return `State query ${record.id} got no answer within ${Math.round(record.outcome.afterMs)} ms.`;
    const eventId = record.outcome.reply.event_id;
    if (eventId !== null && seen.eventOf(eventId) === undefined)
      return `The adapter's state of ${record.serviceRequestId} names event ${eventId}, which the kit never sent: its state answers cannot be trusted.`;
  }
  return undefined;
}
