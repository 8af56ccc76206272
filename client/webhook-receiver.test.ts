import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadTestOnlySigningKey } from '../mock-server/keys/signing-key.js';
import { loadTestOnlyWebhookKey, type WebhookKey } from '../mock-server/webhooks/webhook-key.js';
import { signWebhookBody } from '../mock-server/webhooks/webhook-signature.js';
import { createWebhookReceiver, type WebhookReceiver } from './webhook-receiver.js';
import { verifyVectorCareSignature } from './webhook-signature.js';
import type { VectorCareWebhookEvent } from './webhook-types.js';

let key: WebhookKey;
let sequence = 0;

function event(overrides: Partial<VectorCareWebhookEvent> = {}): VectorCareWebhookEvent {
  sequence += 1;
  return {
    event_id: `019c7a3b5e2f${String(sequence).padStart(20, '0')}`,
    event_timestamp: new Date(Date.UTC(2026, 2, 1, 10, 0, sequence)).toISOString(),
    service_request_id: 'VC-BSBBCY5Q',
    request_status: 'ASSIGNED',
    action: 'BROADCAST_ACCEPTED',
    data: { patient_last_name: 'Chen' },
    ...overrides,
  };
}

async function signed(value: unknown, bytes?: Buffer): Promise<{ body: Buffer; signature: string }> {
  const body = bytes ?? Buffer.from(JSON.stringify(value));
  return { body, signature: await signWebhookBody(body, key.privateKey) };
}

describe('the webhook receiver helper', () => {
  let applied: VectorCareWebhookEvent[];
  let receiver: WebhookReceiver;
  let server: Server;
  let url: string;
  let failNext = false;

  beforeAll(async () => {
    key = await loadTestOnlyWebhookKey();
    // Over real loopback HTTP: node:http in front of the helper, fetch as the sender.
    server = createServer((request, response) => receiver.nodeHandler(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(() => {
    applied = [];
    failNext = false;
    receiver = createWebhookReceiver({
      publicKeyPem: key.publicKeyPem,
      async onEvent(received) {
        if (failNext) {
          failNext = false;
          throw new Error('database down');
        }
        applied.push(received);
      },
    });
  });

  const post = async (body: Buffer, signature?: string): Promise<{ status: number; result: string }> => {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(signature === undefined ? {} : { 'X-VectorCare-Signature': signature }),
      },
      body: new Uint8Array(body),
    });
    return { status: response.status, result: ((await response.json()) as { result: string }).result };
  };

  it('applies a signed event once: a retry or redelivery of it is acknowledged and not applied again', async () => {
    const first = await signed(event());
    expect(await post(first.body, first.signature)).toEqual({ status: 200, result: 'applied' });
    expect(await post(first.body, first.signature)).toEqual({ status: 200, result: 'duplicate' });
    expect(applied).toHaveLength(1);
  });

  it('verifies the raw bytes: an envelope serialised unlike JSON.stringify (order, spacing, escapes, newline) is applied', async () => {
    const raw = Buffer.from(
      '{\n  "data" : {"patient_last_name": "Gonz\\u00e1lez"},\n  "action": "BROADCAST_RECEIVED", "request_status": "AVAILABLE",\n' +
        '  "service_request_id": "VC-RAW00001", "event_timestamp": "2026-03-01T10:00:00.000Z",\n' +
        '  "event_id": "019c7a3b5e2f00000000000000000001"\n}\n',
    );
    const { signature } = await signed(undefined, raw);
    expect(await post(raw, signature)).toEqual({ status: 200, result: 'applied' });
    expect(applied[0]?.data?.['patient_last_name']).toBe('González');
  });

  it('answers 401 and applies nothing for a tampered body, another key, or a missing or non-Base64 header', async () => {
    const good = await signed(event());
    const tampered = Buffer.from(good.body.toString().replace('Chen', 'Chan'));
    const tokenKey = await loadTestOnlySigningKey();
    const byOtherKey = await signWebhookBody(good.body, tokenKey.privateKey);
    for (const [body, signature] of [
      [tampered, good.signature],
      [good.body, byOtherKey],
      [good.body, undefined],
      [good.body, '%%%not-base64%%%'],
    ] as const)
      expect(await post(body, signature)).toEqual({ status: 401, result: 'bad_signature' });
    expect(applied).toHaveLength(0);
  });

  it('ignores an event older than the one it holds for the request, but still acknowledges it', async () => {
    const older = event({ action: 'BROADCAST_RECEIVED', request_status: 'AVAILABLE' });
    const newer = event();
    const a = await signed(newer);
    const b = await signed(older);
    expect(await post(a.body, a.signature)).toEqual({ status: 200, result: 'applied' });
    expect(await post(b.body, b.signature)).toEqual({ status: 200, result: 'stale' });
    expect(applied.map((e) => e.event_id)).toEqual([newer.event_id]);
  });

  it('applies an UNAVAILABLE event with data null', async () => {
    const canceled = await signed(
      event({ request_status: 'UNAVAILABLE', action: 'BROADCAST_CANCELED', data: null }),
    );
    expect(await post(canceled.body, canceled.signature)).toEqual({ status: 200, result: 'applied' });
    expect(applied[0]?.data).toBeNull();
  });

  it('answers 400 for a signed body that is not an envelope, and 500 when the application fails, so the retry applies it', async () => {
    const notJson = await signed(undefined, Buffer.from('not json'));
    expect(await post(notJson.body, notJson.signature)).toEqual({ status: 400, result: 'invalid' });
    const noId = await signed({ ...event(), event_id: 7 });
    expect(await post(noId.body, noId.signature)).toEqual({ status: 400, result: 'invalid' });
    const good = await signed(event());
    failNext = true;
    expect(await post(good.body, good.signature)).toEqual({ status: 500, result: 'failed' });
    expect(await post(good.body, good.signature)).toEqual({ status: 200, result: 'applied' });
    expect(applied).toHaveLength(1);
  });

  it('refuses a body over the limit with 413 before verifying', async () => {
    const small = createWebhookReceiver({
      publicKeyPem: key.publicKeyPem,
      maxBodyBytes: 100,
      onEvent: () => undefined,
    });
    const big = await signed(event({ data: { notes: 'x'.repeat(500) } }));
    const response = await small.handle(
      new Request(url, {
        method: 'POST',
        body: new Uint8Array(big.body),
        headers: { 'x-vectorcare-signature': big.signature },
      }),
    );
    expect(response.status).toBe(413);
  });

  it("hands the application one request's events one at a time, in arrival order, while others run alongside", async () => {
    const order: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = createWebhookReceiver({
      publicKeyPem: key.publicKeyPem,
      async onEvent(received) {
        order.push(`start ${received.action}`);
        if (received.action === 'BROADCAST_RECEIVED') await gate;
        order.push(`end ${received.action}`);
      },
    });
    const first = await signed(event({ action: 'BROADCAST_RECEIVED', request_status: 'AVAILABLE' }));
    const second = await signed(event({ action: 'BROADCAST_ACCEPTED' }));
    const other = await signed(event({ service_request_id: 'VC-OTHER001', action: 'REQUEST_DATA_UPDATED' }));
    const answers = [
      slow.receive(first.body, first.signature),
      slow.receive(second.body, second.signature),
      slow.receive(other.body, other.signature),
    ];
    await answers[2];
    release();
    expect((await Promise.all(answers)).map((a) => a.result)).toEqual(['applied', 'applied', 'applied']);
    expect(order).toEqual([
      'start BROADCAST_RECEIVED',
      'start REQUEST_DATA_UPDATED',
      'end REQUEST_DATA_UPDATED',
      'end BROADCAST_RECEIVED',
      'start BROADCAST_ACCEPTED',
      'end BROADCAST_ACCEPTED',
    ]);
  });

  it('keeps arrival order when the signature checks finish out of order', async () => {
    const applied: string[] = [];
    const gates: (() => void)[] = [];
    const receiver = createWebhookReceiver({
      publicKeyPem: key.publicKeyPem,
      // The first check finishes last.
      verifySignature: (raw, header, pem) =>
        new Promise((resolve) =>
          gates.push(() => void verifyVectorCareSignature(raw, header, pem).then(resolve)),
        ),
      onEvent: (received) => void applied.push(received.action),
    });
    const first = await signed(event({ action: 'BROADCAST_RECEIVED', request_status: 'AVAILABLE' }));
    const second = await signed(event({ action: 'BROADCAST_ACCEPTED' }));
    const answers = [
      receiver.receive(first.body, first.signature),
      receiver.receive(second.body, second.signature),
    ];
    gates[1]?.();
    await new Promise((resolve) => setTimeout(resolve, 20));
    gates[0]?.();
    expect((await Promise.all(answers)).map((a) => a.result)).toEqual(['applied', 'applied']);
    expect(applied).toEqual(['BROADCAST_RECEIVED', 'BROADCAST_ACCEPTED']);
  });

  it('works Fetch-style: a Request in, a Response out', async () => {
    const good = await signed(event());
    const response = await receiver.handle(
      new Request(url, {
        method: 'POST',
        body: new Uint8Array(good.body),
        headers: { 'X-VectorCare-Signature': good.signature },
      }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ result: 'applied' });
    expect(applied).toHaveLength(1);
  });
});
