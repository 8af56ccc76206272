import { answerWords, type DeliveryObservation, type KitDelivery } from './delivery-observation.js';
import { ScenarioError } from './judgement.js';
import type { ScenarioEvent } from './receiver-context.js';

/** `never`, `once`, `twice`, `3 times`. */
export function times(count: number): string {
  if (count === 0) return 'never';
  if (count === 1) return 'once';
  if (count === 2) return 'twice';
  return `${count} times`;
}

/** How often the receiver reported applying the event. */
export const appliedCount = (seen: DeliveryObservation, event: ScenarioEvent): number =>
  seen.appliedOf(event).length;

/** The n-th POST of an event (1-based), or a ScenarioError: the scenario needs it to judge. */
export function nthDelivery(seen: DeliveryObservation, event: ScenarioEvent, n = 1): KitDelivery {
  const delivery = seen.deliveriesOf(event)[n - 1];
  if (delivery === undefined)
    throw new ScenarioError(`POST ${n} of ${event.label} never ended`, seen.allEvidence());
  return delivery;
}

/** `E1 (BROADCAST_RECEIVED) was answered 401 in 3 ms`. */
export const answered = (delivery: KitDelivery, event: ScenarioEvent): string =>
  `${event.label} (${event.action}) got ${answerWords(delivery)}`;

/**
 * The precondition of a rule about what happens after an event is accepted: the event got a 2xx and was
 * applied. Otherwise the rule cannot be exercised (accepts-signed-event judges that): a ScenarioError.
 */
export function requireAccepted(
  seen: DeliveryObservation,
  event: ScenarioEvent,
  delivery: KitDelivery,
): void {
  if (!delivery.delivered)
    throw new ScenarioError(
      `${answered(delivery, event)}, not a 2xx: the rule could not be exercised (accepts-signed-event judges that)`,
      seen.allEvidence(),
    );
  if (appliedCount(seen, event) === 0)
    throw new ScenarioError(
      `${event.label} got ${delivery.status} but was never applied: the rule could not be exercised (accepts-signed-event judges that)`,
      seen.allEvidence(),
    );
}
