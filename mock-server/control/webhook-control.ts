import { ControlError, invalidField } from '../errors/control-error.js';
import { toSubscriptionWire } from '../webhooks/delivery-wire.js';
import { WebhookInputError } from '../webhooks/webhook-input-error.js';
import type { WebhookTrigger } from '../webhooks/webhook-trigger.js';
import type { WebhookOperations } from './webhook-operations.js';
import { objectWith } from './object-with.js';

/** A control request as the webhook routes read it, whatever carries it. */
export interface WebhookControlRequest {
  readonly query: URLSearchParams;
  /** The JSON body, parsed (undefined when empty); a body that is not JSON throws the control API's 400. */
  json(): Promise<unknown>;
}

/** What a route answers: a status and a JSON body. */
export interface WebhookControlReply {
  readonly status: number;
  readonly body: unknown;
}

type Handler = (request: WebhookControlRequest) => Promise<WebhookControlReply> | WebhookControlReply;

/** The methods of one webhook control path. */
export type WebhookControlMethods = Partial<Record<'GET' | 'POST' | 'DELETE', Handler>>;

/** A path segment decoded; a malformed escape names no subscription or event. */
function segment(raw: string, field: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw invalidField(field, 'is not a valid path segment');
  }
}

function onlyQuery(query: URLSearchParams, allowed: readonly string[]): void {
  for (const key of query.keys())
    if (!allowed.includes(key)) throw invalidField(key, 'is not a known query parameter');
}

/** The sender's own input errors, as the control API answers them: 400 naming the field, or 404. */
function answering<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof WebhookInputError)) throw error;
    if (error.kind === 'not_found')
      throw new ControlError(404, 'not_found', error.message, { field: error.field });
    throw invalidField(error.field, error.problem);
  }
}

const EVENT_FIELDS = [
  'action',
  'service_request_id',
  'request_status',
  'data',
  'event_timestamp',
  'subscription_id',
  'client_id',
];

/**
 * The routes under `/__control/webhooks/` (DESIGN §7, openapi.yaml), by path relative to `/__control`;
 * paths with an id are matched by `matchWebhookControl`. Transport-neutral: the control API's HTTP layer
 * guards, reads and answers.
 */
export function webhookControlRoutes(webhooks: WebhookOperations): {
  readonly fixed: Readonly<Record<string, WebhookControlMethods>>;
  match(path: string): WebhookControlMethods | undefined;
} {
  const fixed: Record<string, WebhookControlMethods> = {
    '/webhooks/subscriptions': {
      GET: () => ({ status: 200, body: { subscriptions: webhooks.subscriptions().map(toSubscriptionWire) } }),
      async POST(request) {
        const fields = objectWith(await request.json(), ['url', 'client_id']);
        const subscription = answering(() =>
          webhooks.subscribe({
            url: fields['url'] as string,
            ...(fields['client_id'] === undefined ? {} : { clientId: fields['client_id'] as string }),
          }),
        );
        return { status: 201, body: toSubscriptionWire(subscription) };
      },
    },
    '/webhooks/events': {
      async POST(request) {
        const fields = objectWith(await request.json(), EVENT_FIELDS);
        const sent = answering(() =>
          webhooks.trigger({
            action: fields['action'],
            serviceRequestId: fields['service_request_id'],
            requestStatus: fields['request_status'],
            data: fields['data'],
            eventTimestamp: fields['event_timestamp'],
            subscriptionId: fields['subscription_id'],
            clientId: fields['client_id'],
            // Unchecked values: the sender checks every field and names the one at fault.
          } as unknown as WebhookTrigger),
        );
        return { status: 201, body: sent.event.envelope };
      },
    },
    '/webhooks/deliveries': {
      GET(request) {
        onlyQuery(request.query, ['event_id', 'subscription_id']);
        const eventId = request.query.get('event_id');
        const subscriptionId = request.query.get('subscription_id');
        return {
          status: 200,
          body: webhooks.deliveryList({
            ...(eventId === null ? {} : { eventId }),
            ...(subscriptionId === null ? {} : { subscriptionId }),
          }),
        };
      },
    },
  };

  function match(path: string): WebhookControlMethods | undefined {
    const subscription = /^\/webhooks\/subscriptions\/([^/]+)$/.exec(path)?.[1];
    if (subscription !== undefined) {
      const id = segment(subscription, 'subscription_id');
      return {
        DELETE() {
          const removed = webhooks.unsubscribe(id);
          if (removed === undefined)
            throw new ControlError(404, 'not_found', 'subscription_id: no such subscription', {
              field: 'subscription_id',
            });
          return { status: 200, body: toSubscriptionWire(removed) };
        },
      };
    }
    const event = /^\/webhooks\/events\/([^/]+)\/redeliver$/.exec(path)?.[1];
    if (event !== undefined) {
      const eventId = segment(event, 'event_id');
      return {
        async POST(request) {
          const fields = objectWith((await request.json()) ?? {}, ['subscription_id']);
          const subscriptionId = fields['subscription_id'];
          if (subscriptionId !== undefined && (typeof subscriptionId !== 'string' || subscriptionId === ''))
            throw invalidField('subscription_id', 'must be a non-empty string');
          const sent = answering(() =>
            webhooks.redeliver(eventId, subscriptionId === undefined ? {} : { subscriptionId }),
          );
          return {
            status: 202,
            body: { event_id: sent.event.eventId, subscriptions: sent.subscriptions.map(toSubscriptionWire) },
          };
        },
      };
    }
    return fixed[path];
  }

  return { fixed, match };
}
