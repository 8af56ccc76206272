import { STATUS_CODES } from 'node:http';
import type { WebhookDeliveryEvent } from '../recorder/recorded-event.js';
import { redactedQuery, redactedUrl } from './redacted-url.js';

/** What a delivery's HAR entry carries besides HAR's own fields. */
export interface WebhookHarFacts {
  readonly kind: 'webhook_delivery';
  readonly seq: number;
  readonly request_id: string;
  readonly delivery_id: string;
  readonly event_id: string;
  readonly service_request_id: string;
  readonly action: string;
  readonly subscription_id: string;
  readonly client_id: string | null;
  readonly attempt: number;
  readonly redelivery: boolean;
  readonly outcome: 'delivered' | 'failed';
  readonly error: string | null;
  readonly next_attempt_at: string | null;
}

/** A delivery attempt as a HAR 1.2 entry: the mock is the client here, the receiver the server. */
export interface WebhookHarEntry {
  readonly startedDateTime: string;
  readonly time: number;
  readonly request: {
    readonly method: 'POST';
    readonly url: string;
    readonly httpVersion: string;
    readonly cookies: readonly [];
    readonly headers: readonly { readonly name: string; readonly value: string }[];
    readonly queryString: readonly { readonly name: string; readonly value: string }[];
    readonly postData: { readonly mimeType: string; readonly text: string };
    readonly headersSize: number;
    readonly bodySize: number;
  };
  readonly response: {
    readonly status: number;
    readonly statusText: string;
    readonly httpVersion: string;
    readonly cookies: readonly [];
    readonly headers: readonly [];
    readonly content: { readonly size: number; readonly mimeType: string; readonly comment: string };
    readonly redirectURL: string;
    readonly headersSize: number;
    readonly bodySize: number;
  };
  readonly cache: Record<string, never>;
  readonly timings: { readonly send: number; readonly wait: number; readonly receive: number };
  readonly comment?: string;
  readonly _vectorcare: WebhookHarFacts;
}

/**
 * A delivery attempt as HAR: the exact body sent (as text), the headers sent (the signature is public by
 * design: it proves, it does not grant), and the receiver's status, or status 0 with the error as a comment.
 * Query values in the URL are redacted, as for the exchanges.
 */
export function deliveryHarEntry(record: WebhookDeliveryEvent): WebhookHarEntry {
  const status = record.status ?? 0;
  const comment =
    record.error === null
      ? record.delivered
        ? undefined
        : `Failed attempt: HTTP ${status}.`
      : `Failed attempt: ${record.error}.`;
  return {
    startedDateTime: new Date(record.atMs).toISOString(),
    time: record.durationMs,
    request: {
      method: 'POST',
      url: redactedUrl(record.url),
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: [
        ...Object.entries(record.headers).map(([name, value]) => ({ name, value })),
        { name: 'Content-Length', value: String(record.body.length) },
      ],
      queryString: redactedQuery(record.url),
      postData: { mimeType: 'application/json', text: record.body.toString('utf8') },
      headersSize: -1,
      bodySize: record.body.length,
    },
    response: {
      status,
      statusText: status === 0 ? '' : (STATUS_CODES[status] ?? ''),
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: [],
      content: { size: 0, mimeType: '', comment: 'Receiver answers are read and discarded, not recorded.' },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
    },
    cache: {},
    timings: { send: 0, wait: record.durationMs, receive: 0 },
    ...(comment === undefined ? {} : { comment }),
    _vectorcare: {
      kind: 'webhook_delivery',
      seq: record.seq,
      request_id: record.requestId,
      delivery_id: record.deliveryId,
      event_id: record.eventId,
      service_request_id: record.serviceRequestId,
      action: record.action,
      subscription_id: record.subscriptionId,
      client_id: record.clientId,
      attempt: record.attempt,
      redelivery: record.redelivery,
      outcome: record.delivered ? 'delivered' : 'failed',
      error: record.error,
      next_attempt_at:
        record.nextAttemptAtMs === null ? null : new Date(record.nextAttemptAtMs).toISOString(),
    },
  };
}
