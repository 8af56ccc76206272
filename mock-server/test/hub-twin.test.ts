import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callHub, fetchToken } from '../../test-support/hub-calls.js';
import {
  startWebhookTestReceiver,
  type WebhookTestReceiver,
} from '../../test-support/webhook-test-receiver.js';
import { createClock } from '../clock.js';
import { createMockServer, type MockServer } from '../index.js';

const frozenAt = Date.UTC(2026, 2, 3, 9, 15);

/** Each hub call the facts file ties to a webhook (§3.4-3.6), over loopback, with what it sends. */
describe('the hub twin', () => {
  let mock: MockServer;
  let receiver: WebhookTestReceiver;
  let token: string;
  beforeAll(async () => {
    mock = await createMockServer({ port: 0, clock: createClock({ frozenAt }) });
    receiver = await startWebhookTestReceiver();
    mock.webhooks.subscribe({ url: receiver.url, clientId: 'demo-client' });
    token = await fetchToken(mock, 'demo-client', 'demo-secret');
  });
  afterAll(async () => {
    await mock.close();
    await receiver.close();
  });

  it.each([
    ['PUT', 'accept', {}, 'BROADCAST_ACCEPTED', 'ASSIGNED', {}],
    ['PUT', 'decline', { response_notes: 'No unit free' }, 'BROADCAST_DECLINED', 'UNAVAILABLE', null],
    [
      'PUT',
      'best-time',
      { proposed_agreed_dt: '2026-03-03T13:00:00Z' },
      'PROPOSAL_ACCEPTED',
      'ASSIGNED',
      { agreed_for_time: '2026-03-03T13:00:00.000Z', pickup_date_time: '2026-03-03T13:00:00.000Z' },
    ],
    [
      'POST',
      'change-request',
      { agreed_dt: '2026-03-03T14:30:00Z', change_reason: 'Traffic' },
      'CHANGE_REQUEST_ACCEPTED',
      'ASSIGNED',
      { agreed_for_time: '2026-03-03T14:30:00.000Z' },
    ],
  ])('%s %s/ emits %s (%s)', async (method, segment, body, action, status, data) => {
    const before = receiver.received.length;
    const requestId = `KP-${segment.toUpperCase().replace('-', '')}`;
    const answer = await callHub(mock, method, `/requests/${requestId}/${segment}/`, { token, body });
    expect(answer.status).toBeLessThan(300);
    const got = (await receiver.waitFor(before + 1))[before];
    const event = JSON.parse(got!.body.toString()) as Record<string, unknown>;
    expect(event).toMatchObject({ service_request_id: requestId, action, request_status: status });
    if (data === null) expect(event['data']).toBeNull();
    else expect(event['data']).toMatchObject(data);
  });

  it('state and location updates emit nothing (the docs tie no webhook to them), nor does a refused call', async () => {
    await mock.webhooks.settled();
    const before = receiver.received.length;
    const timestamp = new Date(frozenAt - 60_000).toISOString();
    expect(
      (await callHub(mock, 'POST', '/requests/KP-1/state/', { token, body: { name: 'en_route', timestamp } }))
        .status,
    ).toBe(201);
    const location = [{ lat: 37.8, lng: -122.27, alt: 10, timestamp: frozenAt / 1000 - 30 }];
    expect((await callHub(mock, 'POST', '/requests/KP-1/locations/', { token, body: location })).status).toBe(
      200,
    );
    expect((await callHub(mock, 'PUT', '/requests/KP-1/accept/')).status).toBe(401);
    expect((await callHub(mock, 'PUT', '/requests/KP-1/best-time/', { token, body: {} })).status).toBe(400);
    await mock.webhooks.settled();
    expect(receiver.received).toHaveLength(before);
  });

  it("keeps one request's details across its events: a broadcast, then the accept, carry the same patient", async () => {
    await mock.webhooks.settled();
    const before = receiver.received.length;
    const { event } = mock.webhooks.trigger({
      action: 'BROADCAST_RECEIVED',
      serviceRequestId: 'VC-SAMEDATA',
      clientId: 'demo-client',
    });
    expect((await callHub(mock, 'PUT', '/requests/VC-SAMEDATA/accept/', { token })).status).toBe(201);
    const [broadcast, accepted] = (await receiver.waitFor(before + 2)).slice(before);
    const data = (bytes: Buffer | undefined) => (JSON.parse(String(bytes)) as { data: unknown }).data;
    expect(data(broadcast?.body)).toEqual(event.envelope.data);
    expect(data(accepted?.body)).toEqual(event.envelope.data);
  });
});
