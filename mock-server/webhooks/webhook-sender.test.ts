import { verify } from 'node:crypto';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  startWebhookTestReceiver,
  type WebhookTestReceiver,
} from '../../test-support/webhook-test-receiver.js';
import { createClock, type Clock } from '../clock.js';
import { loadTestOnlyWebhookKey, type WebhookKey } from './webhook-key.js';
import { WebhookInputError } from './webhook-input-error.js';
import { WebhookSender, type WebhookAttemptRecord } from './webhook-sender.js';

const startsAt = Date.UTC(2026, 2, 3, 9, 15);

describe('the webhook sender, on a frozen clock, to a loopback receiver', () => {
  let key: WebhookKey;
  let clock: Clock;
  let sender: WebhookSender;
  let receiver: WebhookTestReceiver;
  let attempts: WebhookAttemptRecord[];

  beforeAll(async () => {
    key = await loadTestOnlyWebhookKey();
  });
  beforeEach(async () => {
    clock = createClock({ frozenAt: startsAt });
    attempts = [];
    sender = new WebhookSender({ key, clock, onAttempt: (record) => attempts.push(record) });
    receiver = await startWebhookTestReceiver();
  });
  afterEach(async () => {
    await sender.close();
    await receiver.close();
  });

  it('sends the envelope signed over its exact bytes, and a 2xx ends the schedule', async () => {
    const subscription = sender.subscribe({ url: receiver.url });
    const { event } = sender.trigger({ action: 'BROADCAST_RECEIVED' });
    const [got] = await receiver.waitFor(1);
    await sender.settled();
    expect(got?.body.equals(event.body)).toBe(true);
    expect(JSON.parse(got!.body.toString())).toEqual(event.envelope);
    expect(Object.keys(event.envelope)).toEqual([
      'event_id',
      'event_timestamp',
      'service_request_id',
      'request_status',
      'action',
      'data',
    ]);
    expect(event.envelope).toMatchObject({
      event_timestamp: '2026-03-03T09:15:00.000Z',
      request_status: 'AVAILABLE',
      action: 'BROADCAST_RECEIVED',
    });
    expect(event.envelope.service_request_id).toMatch(/^VC-[A-Z0-9]{8}$/);
    expect(got?.headers['content-type']).toBe('application/json');
    const signature = Buffer.from(String(got?.headers['x-vectorcare-signature']), 'base64');
    expect(verify('sha256', got!.body, key.publicKeyPem, signature)).toBe(true);
    expect(attempts).toMatchObject([
      {
        attempt: 1,
        delivered: true,
        status: 200,
        error: null,
        nextAttemptAtMs: null,
        subscriptionId: subscription.subscriptionId,
      },
    ]);
    clock.advance(120_000);
    await sender.settled();
    expect(receiver.received).toHaveLength(1);
    expect(sender.pendingRetries).toBe(0);
  });

  it('retries a 500 when the clock reaches 8 s, then 64 s, with the same bytes; three attempts in all', async () => {
    receiver.setFallback({ kind: 'status', status: 500 });
    sender.subscribe({ url: receiver.url });
    sender.trigger({ action: 'BROADCAST_ACCEPTED' });
    await receiver.waitFor(1);
    await sender.settled();
    expect(sender.pendingRetries).toBe(1);
    clock.advance(7_999);
    await sender.settled();
    expect(receiver.received).toHaveLength(1);
    clock.advance(1);
    await receiver.waitFor(2);
    await sender.settled();
    clock.advance(55_999); // 63.999 s after the first
    await sender.settled();
    expect(receiver.received).toHaveLength(2);
    clock.advance(1);
    await receiver.waitFor(3);
    await sender.settled();
    clock.advance(3_600_000);
    await sender.settled();
    expect(receiver.received).toHaveLength(3);
    const [first, second, third] = receiver.received;
    expect(second?.body.equals(first!.body)).toBe(true);
    expect(third?.body.equals(first!.body)).toBe(true);
    expect(second?.headers['x-vectorcare-signature']).toBe(first?.headers['x-vectorcare-signature']);
    expect(attempts.map((a) => [a.attempt, a.status, a.startedAtMs - startsAt, a.nextAttemptAtMs])).toEqual([
      [1, 500, 0, startsAt + 8_000],
      [2, 500, 8_000, startsAt + 64_000],
      [3, 500, 64_000, null],
    ]);
    expect(sender.pendingRetries).toBe(0);
  });

  it('cuts a hung receiver at 10 s by the mock clock, then retries at once (the 8 s mark has passed)', async () => {
    receiver.answerNext({ kind: 'hang' });
    sender.subscribe({ url: receiver.url });
    sender.trigger({ action: 'BROADCAST_RECEIVED' });
    await receiver.waitFor(1);
    clock.advance(9_999);
    expect(attempts).toHaveLength(0);
    clock.advance(1);
    await receiver.waitFor(2);
    await sender.settled();
    expect(attempts.map((a) => [a.attempt, a.error, a.durationMs, a.startedAtMs - startsAt])).toEqual([
      [1, 'timeout', 10_000, 0],
      [2, null, 0, 10_000],
    ]);
  });

  it('redelivers the same bytes as a new delivery with its own schedule', async () => {
    const subscription = sender.subscribe({ url: receiver.url });
    const { event } = sender.trigger({ action: 'BROADCAST_RECEIVED' });
    await receiver.waitFor(1);
    const again = sender.redeliver(event.eventId);
    expect(again.subscriptions).toEqual([subscription]);
    const [first, second] = await receiver.waitFor(2);
    await sender.settled();
    expect(second?.body.equals(first!.body)).toBe(true);
    expect(attempts.map((a) => [a.attempt, a.redelivery])).toEqual([
      [1, false],
      [1, true],
    ]);
    expect(attempts[0]?.deliveryId).not.toBe(attempts[1]?.deliveryId);
    expect(() => sender.redeliver('0'.repeat(32))).toThrow(WebhookInputError);
  });

  it('sends to one subscription, to a client and the catch-all ones, or to all', async () => {
    const clients = new Set(['acme']);
    const scoped = new WebhookSender({
      key,
      clock,
      isKnownClient: (id) => clients.has(id),
      onAttempt: (r) => attempts.push(r),
    });
    try {
      const all = scoped.subscribe({ url: `${receiver.url}?all` });
      const acme = scoped.subscribe({ url: `${receiver.url}?acme`, clientId: 'acme' });
      expect(() => scoped.subscribe({ url: receiver.url, clientId: 'nobody' })).toThrow(
        'client_id: is not a client',
      );
      expect(scoped.trigger({ action: 'BROADCAST_RECEIVED', clientId: 'acme' }).subscriptions).toEqual([
        all,
        acme,
      ]);
      expect(
        scoped.trigger({ action: 'BROADCAST_RECEIVED', subscriptionId: acme.subscriptionId }).subscriptions,
      ).toEqual([acme]);
      expect(scoped.trigger({ action: 'BROADCAST_RECEIVED' }).subscriptions).toEqual([all, acme]);
      await receiver.waitFor(5);
      await scoped.settled();
      expect(attempts).toHaveLength(5);
    } finally {
      await scoped.close();
    }
  });

  it("keeps one request's details across its events, and sends data null when UNAVAILABLE", () => {
    const first = sender.trigger({ action: 'BROADCAST_RECEIVED', serviceRequestId: 'KP-ABCD1234' }).event;
    clock.advance(3_600_000);
    const second = sender.trigger({ action: 'BROADCAST_ACCEPTED', serviceRequestId: 'KP-ABCD1234' }).event;
    expect(second.envelope.data).toEqual(first.envelope.data);
    expect(second.envelope.request_status).toBe('ASSIGNED');
    expect(second.eventId > first.eventId).toBe(true);
    const canceled = sender.trigger({ action: 'BROADCAST_CANCELED', serviceRequestId: 'KP-ABCD1234' }).event;
    expect(canceled.envelope).toMatchObject({ request_status: 'UNAVAILABLE', data: null });
  });

  it('refuses bad events naming the field', () => {
    const problems: [Record<string, unknown>, string][] = [
      [{ action: 'BROADCAST_EXPLODED' }, 'action'],
      [{}, 'action'],
      [{ action: 'BROADCAST_RECEIVED', requestStatus: 'LOST' }, 'request_status'],
      [{ action: 'BROADCAST_DECLINED', data: { a: 1 } }, 'data'],
      [{ action: 'BROADCAST_RECEIVED', data: null }, 'data'],
      [{ action: 'BROADCAST_RECEIVED', data: [1] }, 'data'],
      [{ action: 'BROADCAST_RECEIVED', eventTimestamp: 'yesterday' }, 'event_timestamp'],
      [{ action: 'BROADCAST_RECEIVED', serviceRequestId: '' }, 'service_request_id'],
      [{ action: 'BROADCAST_RECEIVED', subscriptionId: 'sub_nope' }, 'subscription_id'],
      [{ action: 'BROADCAST_RECEIVED', subscriptionId: 'a', clientId: 'b' }, 'client_id'],
    ];
    for (const [input, field] of problems) {
      let thrown: unknown;
      try {
        sender.trigger(input as never);
      } catch (error) {
        thrown = error;
      }
      expect(thrown, JSON.stringify(input)).toBeInstanceOf(WebhookInputError);
      expect((thrown as WebhookInputError).field, JSON.stringify(input)).toBe(field);
    }
  });

  it('refuses URLs that are not absolute http(s) or carry a password', () => {
    for (const url of [
      '/relative',
      'ftp://host/x',
      'http://user:pw@host/x',
      '',
      42,
      `http://h/${'x'.repeat(3000)}`,
    ])
      expect(() => sender.subscribe({ url }), String(url)).toThrow(/^url: /);
  });

  it('records every delivery when many subscribers get many events at once', async () => {
    const many = new WebhookSender({
      key,
      clock,
      maxConcurrentAttempts: 16,
      onAttempt: (r) => attempts.push(r),
    });
    try {
      for (let i = 0; i < 20; i += 1) many.subscribe({ url: `${receiver.url}?s=${i}` });
      const events = Array.from({ length: 25 }, () => many.trigger({ action: 'REQUEST_DATA_UPDATED' }).event);
      await receiver.waitFor(500);
      await many.settled();
      expect(attempts).toHaveLength(500);
      expect(new Set(attempts.map((a) => `${a.eventId} ${a.subscriptionId}`)).size).toBe(500);
      expect(attempts.every((a) => a.delivered)).toBe(true);
      expect(new Set(receiver.received.map((r) => r.body.toString())).size).toBe(events.length);
    } finally {
      await many.close();
    }
  });

  it('close cancels the pending retries, says how many, and schedules nothing more', async () => {
    receiver.setFallback({ kind: 'status', status: 503 });
    sender.subscribe({ url: receiver.url });
    sender.trigger({ action: 'BROADCAST_RECEIVED' });
    sender.trigger({ action: 'BROADCAST_RECEIVED' });
    await receiver.waitFor(2);
    await sender.settled();
    expect(await sender.close()).toEqual({ pendingRetries: 2, inFlight: 0 });
    clock.advance(100_000);
    expect(sender.timers.pending).toBe(0);
    expect(receiver.received).toHaveLength(2);
    expect(() => sender.trigger({ action: 'BROADCAST_RECEIVED' })).toThrow('closed');
  });

  it('close aborts an attempt still hanging after the grace, recorded as cancelled', async () => {
    const quick = new WebhookSender({ key, clock, closeGraceMs: 10, onAttempt: (r) => attempts.push(r) });
    receiver.answerNext({ kind: 'hang' });
    quick.subscribe({ url: receiver.url });
    quick.trigger({ action: 'BROADCAST_RECEIVED' });
    await receiver.waitFor(1);
    expect(await quick.close()).toEqual({ pendingRetries: 0, inFlight: 1 });
    expect(attempts).toMatchObject([{ attempt: 1, error: 'cancelled', nextAttemptAtMs: null }]);
  });

  it("unsubscribing cancels that subscription's retries; reset forgets run-time subscriptions and events", async () => {
    receiver.setFallback({ kind: 'status', status: 500 });
    const kept = sender.subscribe({ url: `${receiver.url}?configured` }, true);
    const gone = sender.subscribe({ url: receiver.url });
    const { event } = sender.trigger({ action: 'BROADCAST_RECEIVED' });
    await receiver.waitFor(2);
    await sender.settled();
    expect(sender.pendingRetries).toBe(2);
    sender.unsubscribe(gone.subscriptionId);
    expect(sender.pendingRetries).toBe(1);
    sender.reset();
    expect(sender.pendingRetries).toBe(0);
    expect(sender.subscriptions.list()).toEqual([kept]);
    expect(sender.event(event.eventId)).toBeUndefined();
    clock.advance(100_000);
    await sender.settled();
    expect(receiver.received).toHaveLength(2);
  });
});
