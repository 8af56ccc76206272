import { markup, type SafeHtml } from '../../../shared/html-escape.js';
import { CALL_STATUS_COLOURS, TIMELINE_COLOURS } from '../../../shared/timeline/timeline-palette.js';
import type { DashboardDelivery } from '../dashboard-feed.js';
import { utcTime } from './render-clients.js';

/**
 * The webhook deliveries: one row per delivery (an event to one subscription), newest first, its attempts
 * in order, each coloured as the timeline colours a call (2xx green, any other status orange, 401 red, no
 * answer grey) and spelled out, so nothing depends on colour alone. Runs in the browser.
 */

/** Rows shown; older deliveries are counted, not drawn. */
export const MAX_DELIVERY_ROWS = 100;

export interface DeliveryRow {
  readonly deliveryId: string;
  readonly eventId: string;
  readonly action: string;
  readonly serviceRequestId: string;
  readonly url: string;
  readonly clientId: string | null;
  readonly redelivery: boolean;
  /** Attempts in order of their number. */
  readonly attempts: readonly DashboardDelivery[];
}

/** The attempts grouped by delivery, the most recently attempted first. */
export function deliveryRows(deliveries: readonly DashboardDelivery[]): DeliveryRow[] {
  const rows = new Map<
    string,
    { first: DashboardDelivery; attempts: DashboardDelivery[]; lastSeq: number }
  >();
  for (const attempt of deliveries) {
    const row = rows.get(attempt.delivery_id);
    if (row === undefined)
      rows.set(attempt.delivery_id, { first: attempt, attempts: [attempt], lastSeq: attempt.seq });
    else {
      row.attempts.push(attempt);
      row.lastSeq = Math.max(row.lastSeq, attempt.seq);
    }
  }
  return [...rows.values()]
    .sort((a, b) => b.lastSeq - a.lastSeq)
    .map(({ first, attempts }) => ({
      deliveryId: first.delivery_id,
      eventId: first.event_id,
      action: first.action,
      serviceRequestId: first.service_request_id,
      url: first.url,
      clientId: first.client_id,
      redelivery: first.redelivery,
      attempts: [...attempts].sort((a, b) => a.attempt - b.attempt),
    }));
}

function outcomeColour(attempt: DashboardDelivery): string {
  if (attempt.delivered) return CALL_STATUS_COLOURS['status-2xx'];
  if (attempt.status === null) return TIMELINE_COLOURS.dropped;
  if (attempt.status === 401) return CALL_STATUS_COLOURS['status-401'];
  return CALL_STATUS_COLOURS['status-error'];
}

function outcomeWord(attempt: DashboardDelivery): string {
  if (attempt.status === null) return attempt.error ?? 'no answer';
  return String(attempt.status);
}

function attemptChip(attempt: DashboardDelivery): SafeHtml {
  const title = `attempt ${attempt.attempt} at ${utcTime(attempt.at_ms)}: ${attempt.delivered ? 'delivered' : 'failed'}, ${outcomeWord(attempt)} in ${Math.round(attempt.duration_ms)} ms`;
  return markup`<span class="attempt" data-attempt="${attempt.attempt}" data-outcome="${attempt.delivered ? 'delivered' : 'failed'}" data-status="${attempt.status ?? ''}" style="border-left-color: ${outcomeColour(attempt)}" title="${title}">${attempt.attempt} · ${outcomeWord(attempt)}</span>`;
}

function nextAttempt(row: DeliveryRow, nowMs: number): string {
  const last = row.attempts.at(-1);
  if (last === undefined) return '';
  if (last.delivered) return 'delivered';
  if (last.next_attempt_at_ms === null) return 'given up';
  const inMs = last.next_attempt_at_ms - nowMs;
  return inMs <= 0
    ? `due ${utcTime(last.next_attempt_at_ms)}`
    : `in ${Math.ceil(inMs / 1000)} s (${utcTime(last.next_attempt_at_ms)})`;
}

/** The deliveries table, or a line saying there are none. */
export function renderDeliveries(deliveries: readonly DashboardDelivery[], nowMs: number): SafeHtml {
  const rows = deliveryRows(deliveries);
  if (rows.length === 0) return markup`<p class="quiet">No webhook delivery yet.</p>`;
  const shown = rows.slice(0, MAX_DELIVERY_ROWS);
  const more =
    rows.length > shown.length
      ? markup`<p class="quiet">${rows.length - shown.length} older deliveries not shown.</p>`
      : null;
  return markup`<table class="deliveries"><thead><tr><th scope="col">event</th><th scope="col">request</th><th scope="col">to</th><th scope="col">attempts</th><th scope="col">next</th></tr></thead><tbody>${shown.map(
    (row) =>
      markup`<tr data-delivery-id="${row.deliveryId}" data-event-id="${row.eventId}"><td><span class="mono">${row.action}</span><br><span class="facts mono" title="${row.eventId}">${row.eventId.slice(0, 12)}…${row.redelivery ? ' (redelivery)' : ''}</span></td><td class="mono">${row.serviceRequestId}</td><td><span class="mono url">${row.url}</span>${row.clientId === null ? null : markup`<br><span class="facts">${row.clientId}</span>`}</td><td class="attempts">${row.attempts.map(attemptChip)}</td><td class="facts">${nextAttempt(row, nowMs)}</td></tr>`,
  )}</tbody></table>${more}`;
}
