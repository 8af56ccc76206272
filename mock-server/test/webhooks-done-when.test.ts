import { execFile } from 'node:child_process';
import { verify } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { callControl } from '../../test-support/control-calls.js';
import { assertMatchesSchema } from '../../test-support/openapi-validator.js';
import { callHub, fetchToken } from '../../test-support/hub-calls.js';
import {
  startWebhookTestReceiver,
  type WebhookTestReceiver,
} from '../../test-support/webhook-test-receiver.js';
import { PACKAGE_ROOT } from '../../shared/package-root.js';
import { createMockServer, type MockServer } from '../index.js';

const run = promisify(execFile);
const PYTHON_VERIFIER = join(PACKAGE_ROOT, 'fixtures', 'webhooks', 'verify_signature.py');
const frozenAt = Date.UTC(2026, 2, 3, 9, 15);

type Delivery = {
  attempt: number;
  status: number | null;
  error: string | null;
  outcome: string;
  event_id: string;
  subscription_id: string;
  url: string;
  sent_at: string;
  duration_ms: number;
  next_attempt_at: string | null;
};

/** Issue 14's acceptance scenario: every step over loopback HTTP (control API, hub, a real receiver). */
describe('webhooks end to end', () => {
  let mock: MockServer;
  let receiver: WebhookTestReceiver;
  let workDir: string;
  const control = (method: string, path: string, body?: unknown) =>
    callControl(mock.url, method, `/__control${path}`, body === undefined ? {} : { body });
  const deliveries = async (query = ''): Promise<Delivery[]> =>
    ((await control('GET', `/webhooks/deliveries${query}`)).body as { deliveries: Delivery[] }).deliveries;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'webhooks-done-when-'));
  });
  afterAll(() => rm(workDir, { recursive: true, force: true }));
  beforeEach(async () => {
    mock = await createMockServer({ port: 0 });
    receiver = await startWebhookTestReceiver();
    expect((await control('POST', '/clock', { frozen_at: frozenAt })).status).toBe(200);
  });
  afterEach(async () => {
    await mock.close();
    await receiver.close();
  });

  it('delivers an event signed over its exact bytes: it verifies with the published PEM in node:crypto and Python', async () => {
    const subscribed = await control('POST', '/webhooks/subscriptions', { url: receiver.url });
    expect(subscribed).toMatchObject({ status: 201, body: { url: receiver.url, client_id: null } });
    const triggered = await control('POST', '/webhooks/events', { action: 'BROADCAST_RECEIVED' });
    expect(triggered.status).toBe(201);
    const [got] = await receiver.waitFor(1);
    expect(JSON.parse(got!.body.toString())).toEqual(triggered.body);
    // What arrives is the documented payload (openapi.yaml webhooks.requestEvent), data fixture included.
    assertMatchesSchema('WebhookEvent', JSON.parse(got!.body.toString()));

    const pemResponse = await fetch(`${mock.url}/.well-known/vectorcare-webhook-public-key.pem`);
    expect(pemResponse.headers.get('content-type')).toBe('application/x-pem-file');
    const pem = await pemResponse.text();
    expect(pem).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----\n$/);
    const signature = String(got?.headers['x-vectorcare-signature']);
    expect(verify('sha256', got!.body, pem, Buffer.from(signature, 'base64'))).toBe(true);

    await writeFile(join(workDir, 'key.pem'), pem);
    await writeFile(join(workDir, 'body.json'), got!.body);
    await writeFile(join(workDir, 'tampered.json'), Buffer.concat([got!.body, Buffer.from('\n')]));
    const python = (body: string, header: string) =>
      run('/usr/bin/python3', [PYTHON_VERIFIER, join(workDir, 'key.pem'), join(workDir, body), header]);
    expect((await python('body.json', signature)).stdout.trim()).toBe('ok');
    expect((await python('tampered.json', signature)).stdout.trim()).toBe('bad');
    expect((await python('body.json', 'not base64!')).stdout.trim()).toBe('bad');
  });

  it('a 500, then the clock moved 8 s, brings attempt 2 with the same bytes; its 2xx stops the schedule', async () => {
    receiver.answerNext({ kind: 'status', status: 500 });
    await control('POST', '/webhooks/subscriptions', { url: receiver.url });
    const { body: event } = await control('POST', '/webhooks/events', { action: 'BROADCAST_ACCEPTED' });
    await receiver.waitFor(1);
    await mock.webhooks.settled();
    expect((await deliveries()).map((d) => [d.attempt, d.status, d.outcome, d.next_attempt_at])).toEqual([
      [1, 500, 'failed', new Date(frozenAt + 8_000).toISOString()],
    ]);

    await control('POST', '/clock', { advance_ms: 7_999 });
    await mock.webhooks.settled();
    expect(receiver.received).toHaveLength(1);
    await control('POST', '/clock', { advance_ms: 1 });
    const [first, second] = await receiver.waitFor(2);
    await mock.webhooks.settled();
    expect(second?.body.equals(first!.body)).toBe(true);
    expect(second?.headers['x-vectorcare-signature']).toBe(first?.headers['x-vectorcare-signature']);

    await control('POST', '/clock', { advance_ms: 120_000 });
    await mock.webhooks.settled();
    expect(receiver.received).toHaveLength(2);
    const all = await deliveries(`?event_id=${(event as { event_id: string }).event_id}`);
    expect(all.map((d) => [d.attempt, d.status, d.error, d.outcome, d.sent_at, d.next_attempt_at])).toEqual([
      [1, 500, null, 'failed', new Date(frozenAt).toISOString(), new Date(frozenAt + 8_000).toISOString()],
      [2, 200, null, 'delivered', new Date(frozenAt + 8_000).toISOString(), null],
    ]);
  });

  it('cuts a hung receiver at 10 s of the mock clock, records the timeout, and retries', async () => {
    receiver.answerNext({ kind: 'hang' });
    await control('POST', '/webhooks/subscriptions', { url: receiver.url });
    await control('POST', '/webhooks/events', { action: 'BROADCAST_RECEIVED' });
    await receiver.waitFor(1);
    await control('POST', '/clock', { advance_ms: 9_999 });
    expect(await deliveries()).toEqual([]);
    await control('POST', '/clock', { advance_ms: 1 });
    await receiver.waitFor(2);
    await mock.webhooks.settled();
    expect((await deliveries()).map((d) => [d.attempt, d.status, d.error, d.duration_ms])).toEqual([
      [1, null, 'timeout', 10_000],
      [2, 200, null, 0],
    ]);
  });

  it('lists every attempt in the deliveries endpoint, filtered by event or subscription, and in the HAR', async () => {
    receiver.setFallback({ kind: 'status', status: 503 });
    const a = (await control('POST', '/webhooks/subscriptions', { url: `${receiver.url}?a` })).body as {
      subscription_id: string;
    };
    await control('POST', '/webhooks/subscriptions', { url: `${receiver.url}?b` });
    const first = (await control('POST', '/webhooks/events', { action: 'BROADCAST_RECEIVED' })).body as {
      event_id: string;
    };
    await control('POST', '/webhooks/events', { action: 'BROADCAST_EXPIRED' });
    await receiver.waitFor(4);
    await mock.webhooks.settled();
    for (const step of [8_000, 56_000]) {
      await control('POST', '/clock', { advance_ms: step });
      await mock.webhooks.settled();
    }
    expect(receiver.received).toHaveLength(12);
    expect(await deliveries()).toHaveLength(12);
    expect((await deliveries()).every((d) => d.status === 503 && d.outcome === 'failed')).toBe(true);
    expect(await deliveries(`?event_id=${first.event_id}`)).toHaveLength(6);
    expect(await deliveries(`?subscription_id=${a.subscription_id}&event_id=${first.event_id}`)).toHaveLength(
      3,
    );
    const list = (await control('GET', '/webhooks/deliveries')).body as { pending_retries: number };
    expect(list.pending_retries).toBe(0);

    const har = (await control('GET', '/recordings.har')).body as {
      log: {
        entries: { request: { url: string; postData?: { text?: string } }; _vectorcare: { kind?: string } }[];
      };
    };
    const hooks = har.log.entries.filter((entry) => entry._vectorcare.kind === 'webhook_delivery');
    expect(hooks).toHaveLength(12);
    expect(hooks[0]?.request.postData?.text).toBe(receiver.received[0]?.body.toString());
  });

  it('redelivers an event: the same bytes again, as a duplicate', async () => {
    await control('POST', '/webhooks/subscriptions', { url: receiver.url });
    const event = (await control('POST', '/webhooks/events', { action: 'BROADCAST_RECEIVED' })).body as {
      event_id: string;
    };
    await receiver.waitFor(1);
    const again = await control('POST', `/webhooks/events/${event.event_id}/redeliver`);
    expect(again).toMatchObject({ status: 202, body: { event_id: event.event_id } });
    const [first, second] = await receiver.waitFor(2);
    expect(second?.body.equals(first!.body)).toBe(true);
    expect(await control('POST', `/webhooks/events/${'0'.repeat(32)}/redeliver`)).toMatchObject({
      status: 404,
      body: { error: 'not_found', field: 'event_id' },
    });
  });

  it("the hub twin: a successful accept emits BROADCAST_ACCEPTED to the calling client's subscriptions only", async () => {
    const other = (await control('POST', '/clients', {})).body as { client_id: string };
    await control('POST', '/webhooks/subscriptions', {
      url: `${receiver.url}?demo`,
      client_id: 'demo-client',
    });
    await control('POST', '/webhooks/subscriptions', {
      url: `${receiver.url}?other`,
      client_id: other.client_id,
    });
    const token = await fetchToken(mock, 'demo-client', 'demo-secret');
    const accepted = await callHub(mock, 'PUT', '/requests/KP-ABCD1234/accept/', {
      token,
      body: { response_notes: 'Unit 42' },
    });
    expect(accepted.status).toBe(201);
    const refused = await callHub(mock, 'PUT', '/requests/KP-ABCD1234/accept/', {
      token,
      body: { response_notes: 'x'.repeat(451) },
    });
    expect(refused.status).toBe(400);
    const [got] = await receiver.waitFor(1);
    await mock.webhooks.settled();
    expect(receiver.received).toHaveLength(1);
    expect(got?.path).toBe('/webhooks/vectorcare?demo');
    expect(JSON.parse(got!.body.toString())).toMatchObject({
      service_request_id: 'KP-ABCD1234',
      action: 'BROADCAST_ACCEPTED',
      request_status: 'ASSIGNED',
    });
  });

  it('answers bad input with 400 naming the field, and unknown ids with 404', async () => {
    const cases: [string, string, unknown, number, string][] = [
      ['POST', '/webhooks/events', { action: 'BROADCAST_EXPLODED' }, 400, 'action'],
      ['POST', '/webhooks/events', { action: 'BROADCAST_RECEIVED', colour: 'red' }, 400, 'colour'],
      ['POST', '/webhooks/events', { action: 'BROADCAST_CANCELED', data: {} }, 400, 'data'],
      ['POST', '/webhooks/events', 'not json', 400, 'body'],
      [
        'POST',
        '/webhooks/events',
        { action: 'BROADCAST_RECEIVED', subscription_id: 'sub_x' },
        404,
        'subscription_id',
      ],
      ['POST', '/webhooks/subscriptions', { url: 'not a url' }, 400, 'url'],
      ['POST', '/webhooks/subscriptions', { url: 'ftp://example.com/' }, 400, 'url'],
      ['POST', '/webhooks/subscriptions', { url: receiver.url, client_id: 'nobody' }, 400, 'client_id'],
      ['POST', '/webhooks/subscriptions', [receiver.url], 400, 'body'],
      ['DELETE', '/webhooks/subscriptions/sub_nope', undefined, 404, 'subscription_id'],
    ];
    for (const [method, path, body, status, field] of cases) {
      const answer = await callControl(mock.url, method, `/__control${path}`, {
        ...(body === undefined ? {} : { body }),
        ...(body === 'not json' ? { headers: { 'content-type': 'application/json' } } : {}),
      });
      expect(answer, `${method} ${path} ${JSON.stringify(body)}`).toMatchObject({ status, body: { field } });
    }
    expect((await control('GET', '/webhooks/deliveries?colour=red')).body).toMatchObject({ field: 'colour' });
    expect(await control('PUT', '/webhooks/events')).toMatchObject({ status: 405 });
  });
});
