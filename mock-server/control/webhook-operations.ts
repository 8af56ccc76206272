import type { MockContext } from '../mock-context.js';
import type { WebhookDeliveryEvent } from '../recorder/recorded-event.js';
import type { DeliveryQuery } from '../recorder/recorder.js';
import { toDeliveryWire, type WebhookDeliveryWire } from '../webhooks/delivery-wire.js';
import type { SentEvent } from '../webhooks/webhook-sender.js';
import type { WebhookSubscription } from '../webhooks/webhook-subscriptions.js';
import type { WebhookTrigger } from '../webhooks/webhook-trigger.js';

/** The deliveries list as `GET /__control/webhooks/deliveries` serves it. */
export interface WebhookDeliveryList {
  readonly deliveries: WebhookDeliveryWire[];
  readonly pending_retries: number;
  readonly dropped: number;
  readonly capacity: number;
}

/**
 * The webhook sender without HTTP, as `createMockServer()` hands it out (`mock.webhooks`): the same
 * operations as `/__control/webhooks/`, with the same checks (a bad input throws a `WebhookInputError`
 * naming the field).
 */
export interface WebhookOperations {
  /** The public key receivers verify with, SPKI PEM (also at `/.well-known/vectorcare-webhook-public-key.pem`). */
  readonly publicKeyPem: string;
  /** Registers a URL; with `clientId`, only that client's hub calls emit events to it. */
  subscribe(input: string | { readonly url: string; readonly clientId?: string }): WebhookSubscription;
  /** Removes a subscription, cancelling its pending retries; undefined when there is none by that id. */
  unsubscribe(subscriptionId: string): WebhookSubscription | undefined;
  subscriptions(): WebhookSubscription[];
  /** Sends an event; returns it as sent (envelope and exact bytes) and where it went. */
  trigger(input: WebhookTrigger): SentEvent;
  /** Sends an event's same bytes again, to `subscriptionId` or to the subscriptions it first went to. */
  redeliver(eventId: string, options?: { readonly subscriptionId?: string }): SentEvent;
  /** Every finished attempt, oldest first, as the recorder keeps it. */
  deliveries(query?: DeliveryQuery): WebhookDeliveryEvent[];
  /** The same in the wire shape, with the pending retries and the buffer's bookkeeping. */
  deliveryList(query?: DeliveryQuery): WebhookDeliveryList;
  /** Resolves once no attempt is running (retries scheduled for later do not count): then move the clock. */
  settled(): Promise<void>;
  /** Retries scheduled and not yet started. */
  readonly pendingRetries: number;
}

/** The webhook operations over one mock's shared state. */
export function createWebhookOperations(context: MockContext): WebhookOperations {
  const sender = context.webhooks;
  return {
    publicKeyPem: context.webhookKey.publicKeyPem,
    subscribe: (input) => sender.subscribe(typeof input === 'string' ? { url: input } : input),
    unsubscribe: (subscriptionId) => sender.unsubscribe(subscriptionId),
    subscriptions: () => sender.subscriptions.list(),
    trigger: (input) => sender.trigger(input),
    redeliver: (eventId, options = {}) => sender.redeliver(eventId, options.subscriptionId),
    deliveries: (query) => context.recorder.deliveries(query),
    deliveryList: (query) => ({
      deliveries: context.recorder.deliveries(query).map(toDeliveryWire),
      pending_retries: sender.pendingRetries,
      dropped: context.recorder.droppedDeliveries,
      capacity: context.recorder.capacity,
    }),
    settled: () => sender.settled(),
    get pendingRetries() {
      return sender.pendingRetries;
    },
  };
}
