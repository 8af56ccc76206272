import type { components } from '../../generated/openapi.js';
import type { ControlOperations } from '../control/control-operations.js';
import type { MockContext } from '../mock-context.js';
import type {
  ControlExchangeEvent,
  ExchangeEvent,
  WebhookDeliveryEvent,
} from '../recorder/recorded-event.js';
import { toSubscriptionWire } from '../webhooks/delivery-wire.js';

/** What `GET /__dashboard/feed` answers (openapi.yaml `DashboardFeed`). */
export type DashboardFeed = components['schemas']['DashboardFeed'];
export type DashboardExchange = components['schemas']['DashboardExchange'];
export type DashboardAction = components['schemas']['DashboardAction'];
export type DashboardClient = components['schemas']['DashboardClient'];
export type DashboardDelivery = components['schemas']['DashboardDelivery'];

/** The cursors a poll sends back: what the page already has. */
export interface FeedCursor {
  readonly afterSeq?: number;
  readonly afterActionSeq?: number;
  readonly afterDeliverySeq?: number;
}

/** A token request or hub call as the dashboard draws it: which client, which token, what answer. */
function dashboardExchangeOf(event: ExchangeEvent): DashboardExchange {
  const token = event.kind === 'token';
  return {
    seq: event.seq,
    endpoint: event.kind,
    at_ms: event.atMs,
    method: event.method,
    path: event.path,
    status: event.status,
    client_id: event.clientId,
    jti: token ? event.jtiIssued : event.jtiPresented,
    expires_in: token ? event.expiresIn : null,
    token_check: token ? null : event.tokenCheck,
    error: event.error,
    fault: event.fault,
  };
}

/** A control API request as the dashboard marks it on the pictures. */
function dashboardActionOf(event: ControlExchangeEvent): DashboardAction {
  return {
    seq: event.seq,
    at_ms: event.atMs,
    method: event.method,
    path: event.path,
    status: event.status,
    error: event.error,
  };
}

/**
 * The events of a ring after `afterSeq`, and the ring's first and last seq. A ring numbers its events one
 * by one, oldest first, so the new ones are a tail found by its length. A cursor past the ring's last seq
 * is from another run of the mock; the page sees `last_seq` go back and starts over.
 */
function newer<E extends { readonly seq: number }, W>(
  kept: readonly E[],
  lastSeq: number,
  afterSeq: number,
  wire: (event: E) => W,
): { items: W[]; first: number | null; last: number } {
  const fresh = Math.max(0, Math.min(kept.length, lastSeq - afterSeq));
  return { items: kept.slice(kept.length - fresh).map(wire), first: kept[0]?.seq ?? null, last: lastSeq };
}

/** A finished webhook attempt as the dashboard shows it; the bytes and headers sent stay on the mock. */
function dashboardDeliveryOf(event: WebhookDeliveryEvent): DashboardDelivery {
  return {
    seq: event.seq,
    delivery_id: event.deliveryId,
    event_id: event.eventId,
    action: event.action,
    service_request_id: event.serviceRequestId,
    subscription_id: event.subscriptionId,
    client_id: event.clientId,
    url: event.url,
    attempt: event.attempt,
    redelivery: event.redelivery,
    at_ms: event.atMs,
    duration_ms: event.durationMs,
    status: event.status,
    error: event.error,
    delivered: event.delivered,
    next_attempt_at_ms: event.nextAttemptAtMs,
  };
}

/**
 * One poll of the dashboard: the clock, the queued faults and the known clients as they are now, and the
 * token requests, hub calls, control requests and webhook attempts recorded after the page's cursors, from
 * the recorder's domain events (the wire shape is made here, at the edge). The page keeps what it was sent and forgets what the recorder
 * has pushed out (older than `first_seq`), so each poll carries only what is new, however full the
 * recorder is. Client secrets are never part of it.
 */
export function dashboardFeed(
  context: MockContext,
  control: ControlOperations,
  cursor: FeedCursor = {},
): DashboardFeed {
  const { recorder } = context;
  const exchanges = newer(recorder.list(), recorder.lastSeq, cursor.afterSeq ?? 0, dashboardExchangeOf);
  const actions = newer(
    recorder.controlExchanges(),
    recorder.lastControlSeq,
    cursor.afterActionSeq ?? 0,
    dashboardActionOf,
  );
  const deliveries = newer(
    recorder.deliveries(),
    recorder.lastDeliverySeq,
    cursor.afterDeliverySeq ?? 0,
    dashboardDeliveryOf,
  );
  return {
    clock: control.clockState(),
    faults: control.listFaults(),
    clients: context.clients.list().map((client) => ({
      client_id: client.clientId,
      expires_in: client.expiresIn,
    })),
    exchanges: exchanges.items,
    last_seq: exchanges.last,
    first_seq: exchanges.first,
    actions: actions.items,
    last_action_seq: actions.last,
    first_action_seq: actions.first,
    deliveries: deliveries.items,
    last_delivery_seq: deliveries.last,
    first_delivery_seq: deliveries.first,
    subscriptions: context.webhooks.subscriptions.list().map(toSubscriptionWire),
    pending_retries: context.webhooks.pendingRetries,
    capacity: context.recorder.capacity,
    dropped: context.recorder.dropped,
  };
}
