import { describe, expect, it } from 'vitest';
import { deliveryHarEntry } from './delivery-har.js';
import { redactedUrl } from './redacted-url.js';
import type { WebhookDeliveryEvent } from '../recorder/recorded-event.js';

const body = Buffer.from('{"event_id":"019c7a3b5e2f00000000000000000001","data":null}');
const record: WebhookDeliveryEvent = {
  kind: 'webhook_delivery',
  seq: 7,
  requestId: 'req-12',
  deliveryId: 'dlv_1',
  eventId: '019c7a3b5e2f00000000000000000001',
  serviceRequestId: 'VC-TN4KQ8R2',
  action: 'BROADCAST_CANCELED',
  requestStatus: 'UNAVAILABLE',
  subscriptionId: 'sub_0123456789abcdef',
  clientId: null,
  url: 'http://127.0.0.1:3000/hooks?tenant=acme&token=hook-secret-1',
  attempt: 2,
  redelivery: false,
  atMs: Date.UTC(2026, 2, 3, 9, 15, 8),
  durationMs: 10_000,
  status: null,
  error: 'timeout',
  delivered: false,
  nextAttemptAtMs: Date.UTC(2026, 2, 3, 9, 16, 4),
  headers: { 'Content-Type': 'application/json', 'X-VectorCare-Signature': 'c2ln' },
  body,
};

describe('a delivery attempt in the HAR', () => {
  it('has the exact body, the headers sent, status 0 and the error for no answer, and no query value', () => {
    const entry = deliveryHarEntry(record);
    expect(entry.request).toMatchObject({
      method: 'POST',
      url: 'http://127.0.0.1:3000/hooks?tenant=[redacted]&token=[redacted]',
      queryString: [
        { name: 'tenant', value: '[redacted]' },
        { name: 'token', value: '[redacted]' },
      ],
      postData: { mimeType: 'application/json', text: body.toString() },
      headers: [
        { name: 'Content-Type', value: 'application/json' },
        { name: 'X-VectorCare-Signature', value: 'c2ln' },
        { name: 'Content-Length', value: String(body.length) },
      ],
    });
    expect(entry).toMatchObject({
      startedDateTime: '2026-03-03T09:15:08.000Z',
      time: 10_000,
      response: { status: 0, statusText: '' },
      comment: 'Failed attempt: timeout.',
      _vectorcare: {
        kind: 'webhook_delivery',
        seq: 7,
        attempt: 2,
        next_attempt_at: '2026-03-03T09:16:04.000Z',
      },
    });
    expect(JSON.stringify(entry)).not.toContain('hook-secret-1');
  });

  it('names a failed status, and says nothing more of a delivered one', () => {
    expect(deliveryHarEntry({ ...record, status: 503, error: null }).comment).toBe(
      'Failed attempt: HTTP 503.',
    );
    const delivered = deliveryHarEntry({ ...record, status: 204, error: null, delivered: true });
    expect(delivered.comment).toBeUndefined();
    expect(delivered.response).toMatchObject({ status: 204, statusText: 'No Content' });
  });

  it('leaves a URL without a query as it is', () => {
    expect(redactedUrl('https://partner.example/vectorcare/hook')).toBe(
      'https://partner.example/vectorcare/hook',
    );
  });
});
