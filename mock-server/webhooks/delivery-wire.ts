import type { components } from '../../generated/openapi.js';
import type { WebhookDeliveryEvent } from '../recorder/recorded-event.js';
import type { WebhookSubscription } from './webhook-subscriptions.js';

/** One attempt as `GET /__control/webhooks/deliveries` serves it. */
export type WebhookDeliveryWire = components['schemas']['WebhookDelivery'];
export type WebhookSubscriptionWire = components['schemas']['WebhookSubscription'];

const iso = (ms: number): string => new Date(ms).toISOString();

/** A finished attempt in the wire shape; `seq` is its place in the recorder's ring of attempts. */
export function toDeliveryWire(record: WebhookDeliveryEvent): WebhookDeliveryWire {
  return {
    seq: record.seq,
    delivery_id: record.deliveryId,
    event_id: record.eventId,
    subscription_id: record.subscriptionId,
    url: record.url,
    attempt: record.attempt,
    redelivery: record.redelivery,
    sent_at: iso(record.atMs),
    sent_at_ms: record.atMs,
    status: record.status,
    error: record.error,
    duration_ms: record.durationMs,
    outcome: record.delivered ? 'delivered' : 'failed',
    next_attempt_at: record.nextAttemptAtMs === null ? null : iso(record.nextAttemptAtMs),
  };
}

export const toSubscriptionWire = (subscription: WebhookSubscription): WebhookSubscriptionWire => ({
  subscription_id: subscription.subscriptionId,
  url: subscription.url,
  client_id: subscription.clientId,
});
