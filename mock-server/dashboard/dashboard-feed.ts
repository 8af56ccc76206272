import type { components } from '../../generated/openapi.js';
import type { ControlOperations } from '../control/control-operations.js';
import type { MockContext } from '../mock-context.js';
import type { Recording } from '../recorder/recorder.js';
import type { LoggedAttempt } from '../webhooks/delivery-log.js';
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

/** A recorded exchange as the dashboard draws it: which client, which token, what answer. */
function dashboardExchangeOf(recording: Recording): DashboardExchange | undefined {
  if (recording.endpoint !== 'token' && recording.endpoint !== 'hub') return undefined;
  const token = recording.endpoint === 'token';
  return {
    seq: recording.seq,
    endpoint: recording.endpoint,
    at_ms: recording.time_ms,
    method: recording.method,
    path: recording.path,
    status: recording.status,
    client_id: recording.client_id,
    jti: token ? recording.jti_issued : recording.jti_presented,
    expires_in: token ? (recording.expires_in ?? null) : null,
    token_check: recording.token_check ?? null,
    error: recording.error,
    fault: recording.fault ?? null,
  };
}

/** A finished webhook attempt as the dashboard shows it; the bytes and headers sent stay on the mock. */
function dashboardDeliveryOf({ seq, record }: LoggedAttempt): DashboardDelivery {
  return {
    seq,
    delivery_id: record.deliveryId,
    event_id: record.eventId,
    action: record.action,
    service_request_id: record.serviceRequestId,
    subscription_id: record.subscriptionId,
    client_id: record.clientId,
    url: record.url,
    attempt: record.attempt,
    redelivery: record.redelivery,
    at_ms: record.startedAtMs,
    duration_ms: record.durationMs,
    status: record.status,
    error: record.error,
    delivered: record.delivered,
    next_attempt_at_ms: record.nextAttemptAtMs,
  };
}

/**
 * One poll of the dashboard: the clock, the queued faults and the known clients as they are now, and the
 * exchanges and webhook attempts recorded after the page's cursors. The page keeps what it was sent and forgets what the recorder
 * has pushed out (older than `first_seq`), so each poll carries only what is new, however full the
 * recorder is. Client secrets are never part of it.
 */
export function dashboardFeed(
  context: MockContext,
  control: ControlOperations,
  cursor: FeedCursor = {},
): DashboardFeed {
  const kept = context.recorder.list();
  const afterSeq = cursor.afterSeq ?? 0;
  const exchanges: DashboardExchange[] = [];
  for (const recording of kept) {
    if (recording.seq <= afterSeq) continue;
    const exchange = dashboardExchangeOf(recording);
    if (exchange !== undefined) exchanges.push(exchange);
  }
  const attempts = context.deliveries.list();
  const afterDeliverySeq = cursor.afterDeliverySeq ?? 0;
  const deliveries: DashboardDelivery[] = [];
  for (const attempt of attempts)
    if (attempt.seq > afterDeliverySeq) deliveries.push(dashboardDeliveryOf(attempt));
  return {
    clock: control.clockState(),
    faults: control.listFaults(),
    clients: context.clients.list().map((client) => ({
      client_id: client.clientId,
      expires_in: client.expiresIn,
    })),
    exchanges,
    actions: [],
    last_seq: kept.at(-1)?.seq ?? afterSeq,
    first_seq: kept[0]?.seq ?? null,
    last_action_seq: cursor.afterActionSeq ?? 0,
    first_action_seq: null,
    deliveries,
    last_delivery_seq: attempts.at(-1)?.seq ?? afterDeliverySeq,
    first_delivery_seq: attempts[0]?.seq ?? null,
    subscriptions: context.webhooks.subscriptions.list().map(toSubscriptionWire),
    pending_retries: context.webhooks.pendingRetries,
    capacity: context.recorder.capacity,
    dropped: context.recorder.dropped,
  };
}
