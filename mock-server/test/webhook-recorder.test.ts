import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startWebhookTestReceiver,
  type WebhookTestReceiver,
} from '../../test-support/webhook-test-receiver.js';
import { createClock } from '../clock.js';
import { createMockServer, type MockServer, type RecordedEvent } from '../index.js';

const frozenAt = Date.UTC(2026, 2, 3, 9, 15);

/** Delivery attempts are recorder events of their own kind: what a live dashboard reads. */
describe('webhook deliveries in the recorder', () => {
  let mock: MockServer;
  let receiver: WebhookTestReceiver;
  beforeAll(async () => {
    let next = 0;
    mock = await createMockServer({
      listen: false,
      clock: createClock({ frozenAt }),
      nextRequestId: () => `test-${(next += 1)}`,
    });
    receiver = await startWebhookTestReceiver();
  });
  afterAll(async () => {
    await mock.close();
    await receiver.close();
  });

  it('keeps each attempt as a webhook_delivery event with a request id, in a ring of its own, and tells listeners', async () => {
    const heard: RecordedEvent[] = [];
    const stop = mock.recorder.subscribe((event) => heard.push(event));
    receiver.answerNext({ kind: 'status', status: 502 });
    const subscription = mock.webhooks.subscribe(receiver.url);
    const { event } = mock.webhooks.trigger({ action: 'BROADCAST_RECEIVED' });
    await receiver.waitFor(1);
    await mock.webhooks.settled();
    mock.clock.advance(8_000);
    await receiver.waitFor(2);
    await mock.webhooks.settled();
    stop();

    const attempts = mock.recorder.deliveries({ eventId: event.eventId });
    expect(
      attempts.map((a) => [a.kind, a.seq, a.attempt, a.status, a.atMs - frozenAt, a.durationMs]),
    ).toEqual([
      ['webhook_delivery', 1, 1, 502, 0, 0],
      ['webhook_delivery', 2, 2, 200, 8_000, 0],
    ]);
    expect(attempts.map((a) => a.requestId)).toEqual(['test-1', 'test-2']);
    expect(attempts[0]).toMatchObject({ subscriptionId: subscription.subscriptionId, url: receiver.url });
    expect(attempts[0]?.body.equals(event.body)).toBe(true);
    expect(heard.filter((e) => e.kind === 'webhook_delivery')).toEqual(attempts);
    // The exchanges' ring (the recordings) is untouched: deliveries never push a client's calls out.
    expect(mock.recorder.size).toBe(0);
    expect(mock.recorder.deliveries({ subscriptionId: 'sub_none' })).toEqual([]);
    mock.control.reset();
    expect(mock.recorder.deliveries()).toEqual([]);
  });
});
