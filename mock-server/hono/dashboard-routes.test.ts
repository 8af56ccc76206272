import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchFromAddress } from '../../test-support/from-address.js';
import { fetchToken } from '../../test-support/hub-calls.js';
import { recordTraffic } from '../../test-support/recorded-traffic.js';
import { assertMatchesSchema, assertMatchesSpec } from '../../test-support/openapi-validator.js';
import { createClock } from '../clock.js';
import { createMockServer, type MockServer } from '../create-mock-server.js';
import { DASHBOARD_ENTRY_MODULE } from '../dashboard/dashboard-assets.js';
import type { DashboardFeed } from '../dashboard/dashboard-feed.js';

const NOW = Date.UTC(2026, 0, 15, 14, 30);
const CONTROL_TOKEN = 'a-long-control-token-5b1d09e3aa';
const SECRET = 'dashboard-test-secret-9f2c';

const get = (mock: MockServer, path: string, init: RequestInit = {}): Promise<Response> =>
  mock.fetch(new Request(`${mock.url}${path}`, init));

async function feedOf(mock: MockServer, query = ''): Promise<DashboardFeed> {
  const response = await get(mock, `/__dashboard/feed${query}`);
  const body: unknown = await response.json();
  assertMatchesSpec('GET', '/__dashboard/feed', response.status, body);
  expect(response.status).toBe(200);
  return body as DashboardFeed;
}

describe('dashboard routes', () => {
  let mock: MockServer | undefined;
  afterEach(async () => {
    await mock?.close();
    mock = undefined;
  });

  it('serves the page with a policy that lets only the mock’s own script run', async () => {
    mock = await createMockServer({ listen: false });
    const response = await get(mock, '/__dashboard/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const page = await response.text();
    expect(page).toContain(
      `<script type="module" src="/__dashboard/assets/${DASHBOARD_ENTRY_MODULE}"></script>`,
    );
    // Every control on the page has a label.
    const ids = [...page.matchAll(/<(?:input|select)[^>]* id="([^"]+)"/g)].map((match) => match[1]);
    expect(ids.length).toBeGreaterThan(10);
    for (const id of ids) expect(page).toContain(`<label for="${id}"`);
    const redirect = await get(mock, '/__dashboard');
    expect([redirect.status, redirect.headers.get('location')]).toEqual([308, '/__dashboard/']);
  });

  it('feeds the clock, faults, clients and exchanges in the documented shape, and never a secret', async () => {
    mock = await createMockServer({ port: 0, clock: createClock({ frozenAt: NOW }) });
    mock.control.createClient({ clientId: 'acme', clientSecret: SECRET, expiresIn: 60 });
    const token = await fetchToken(mock, 'acme', SECRET);
    await fetch(`${mock.apiUrl}/requests/KP-1/state/`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'en_route', timestamp: '2026-01-15T14:29:00Z' }),
    });
    mock.control.addFault({ target: 'hub', kind: 'hub_unauthorized', client_id: 'acme' });
    mock.clock.advance(5000);

    const feed = await feedOf(mock);
    expect(feed.clock).toMatchObject({ mode: 'frozen', now_ms: NOW + 5000 });
    expect(feed.faults).toMatchObject([
      { target: 'hub', kind: 'hub_unauthorized', client_id: 'acme', remaining: 1 },
    ]);
    expect(feed.clients).toEqual([
      { client_id: 'demo-client', expires_in: 3600 },
      { client_id: 'acme', expires_in: 60 },
    ]);
    const [issued, called] = feed.exchanges;
    expect(issued).toMatchObject({
      endpoint: 'token',
      client_id: 'acme',
      status: 200,
      expires_in: 60,
      at_ms: NOW,
    });
    expect(called).toMatchObject({
      endpoint: 'hub',
      client_id: 'acme',
      status: 201,
      jti: issued?.jti,
      token_check: 'valid',
    });
    expect([feed.first_seq, feed.last_seq]).toEqual([issued?.seq, called?.seq]);
    const text = JSON.stringify(feed);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(token);
  });

  it('sends only what is newer than the cursors, and says when the recorder forgot everything', async () => {
    mock = await createMockServer({ port: 0, clock: createClock({ frozenAt: NOW }) });
    await fetchToken(mock, 'demo-client', 'demo-secret');
    const first = await feedOf(mock);
    expect(first.exchanges).toHaveLength(1);
    await fetchToken(mock, 'demo-client', 'demo-secret');
    const second = await feedOf(mock, `?after_seq=${first.last_seq}&after_action_seq=0&after_delivery_seq=0`);
    expect(second.exchanges.map((exchange) => exchange.seq)).toEqual([first.last_seq + 1]);
    mock.control.reset();
    const afterReset = await feedOf(mock, `?after_seq=${second.last_seq}`);
    expect([afterReset.exchanges, afterReset.first_seq, afterReset.last_seq]).toEqual([
      [],
      null,
      second.last_seq,
    ]);
    // A cursor from another run of the mock (past its last seq) gets the mock's own last seq back.
    const stale = await feedOf(mock, '?after_seq=9999');
    expect(stale.last_seq).toBe(second.last_seq);
  });

  it('feeds the control API’s requests as actions and webhook attempts as deliveries', async () => {
    mock = await createMockServer({ port: 0, clock: createClock({ frozenAt: NOW }) });
    const revoke = await get(mock, '/__control/tokens/revoke', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: 'demo-client' }),
    });
    expect(revoke.status).toBe(200);
    // The poll itself is not a control request: it never shows up as one.
    await feedOf(mock);
    const refused = await get(mock, '/__control/faults', { method: 'POST', body: '{}' });
    expect(refused.status).toBe(400);
    const subscription = mock.webhooks.subscribe('http://127.0.0.1:9/nothing-listens-here');
    mock.webhooks.trigger({ action: 'BROADCAST_RECEIVED' });
    await mock.webhooks.settled();
    const feed = await feedOf(mock);
    expect(feed.actions).toMatchObject([
      { method: 'POST', path: '/__control/tokens/revoke', status: 200, error: null, at_ms: NOW },
      { method: 'POST', path: '/__control/faults', status: 400, error: 'invalid_body' },
    ]);
    expect(feed.subscriptions).toEqual([
      { subscription_id: subscription.subscriptionId, url: subscription.url, client_id: null },
    ]);
    expect(feed.deliveries).toMatchObject([
      {
        attempt: 1,
        action: 'BROADCAST_RECEIVED',
        delivered: false,
        status: null,
        error: 'connection_refused',
      },
    ]);
    expect(feed.pending_retries).toBe(1);
  });

  it('gzips a feed of 64 KiB or more for a browser that accepts it, and only then', async () => {
    mock = await createMockServer({ listen: false, clock: createClock({ frozenAt: NOW }) });
    const small = await get(mock, '/__dashboard/feed', { headers: { 'accept-encoding': 'gzip, deflate' } });
    expect([small.headers.get('content-encoding'), small.headers.get('vary')]).toEqual([
      null,
      'accept-encoding',
    ]);
    await recordTraffic(mock, {
      clients: 2,
      tokensPerClient: 5,
      callsPerToken: 40,
      expiresIn: 60,
      stepMs: 1000,
    });
    const plain = Buffer.from(await (await get(mock, '/__dashboard/feed')).arrayBuffer());
    expect(plain.length).toBeGreaterThanOrEqual(65_536);
    const zipped = await get(mock, '/__dashboard/feed', {
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    const bytes = Buffer.from(await zipped.arrayBuffer());
    // The first load of a full recorder is what a person waits for: a tenth of the bytes, read in fewer tasks.
    expect(bytes.length).toBeLessThan(plain.length / 4);
    const body: unknown = JSON.parse(gunzipSync(bytes).toString('utf8'));
    assertMatchesSpec('GET', '/__dashboard/feed', 200, body);
    // The same feed (its clock's offset from real time aside, which moves between the two answers).
    const withoutClock = (feed: unknown): unknown => ({ ...(feed as object), clock: null });
    expect(withoutClock(body)).toEqual(withoutClock(JSON.parse(plain.toString('utf8'))));
  });

  it('refuses an unknown or malformed cursor with a control error naming it', async () => {
    mock = await createMockServer({ listen: false });
    for (const [query, field] of [
      ['?after=3', 'after'],
      ['?after_seq=-1', 'after_seq'],
      ['?after_seq=1e3', 'after_seq'],
      ['?after_action_seq=', 'after_action_seq'],
    ] as const) {
      const response = await get(mock, `/__dashboard/feed${query}`);
      const body: unknown = await response.json();
      assertMatchesSpec('GET', '/__dashboard/feed', response.status, body);
      expect([response.status, body]).toMatchObject([400, { error: 'invalid_body', field }]);
    }
    const post = await get(mock, '/__dashboard/feed', { method: 'POST' });
    expect([post.status, post.headers.get('allow')]).toEqual([405, 'GET']);
  });

  it('serves the script’s modules, every one the entry imports, and nothing else of the package', async () => {
    mock = await createMockServer({ listen: false });
    const seen = new Set<string>();
    const pending = [DASHBOARD_ENTRY_MODULE];
    while (pending.length > 0) {
      const path = pending.pop() as string;
      if (seen.has(path)) continue;
      seen.add(path);
      const response = await get(mock, `/__dashboard/assets/${path}`);
      expect([path, response.status]).toEqual([path, 200]);
      expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      const source = await response.text();
      // What the browser will load: relative imports that are not type-only (those are erased).
      for (const match of source.matchAll(/\bfrom\s*'(\.{1,2}\/[^']+)'/g)) {
        const url = new URL(match[1] as string, `http://x/${path}`);
        pending.push(url.pathname.slice(1));
      }
      expect(source).not.toMatch(/\bimport\s+type\b|from\s*'node:/);
    }
    expect([...seen]).toEqual(
      expect.arrayContaining([
        'shared/timeline/timeline-svg.js',
        'mock-server/dashboard/page/client-pictures.js',
      ]),
    );
    for (const path of [
      'mock-server/dashboard/dashboard-feed.js',
      'shared/package-root.js',
      'shared/timeline/test-support/markup-query.js',
      '../package.json',
      'shared/timeline/../../package.json',
      'mock-server/dashboard/page/client-pictures.ts',
      'mock-server/dashboard/page/nothing-here.js',
    ]) {
      const response = await get(mock, `/__dashboard/assets/${path}`);
      const body: unknown = await response.json();
      expect([path, response.status]).toEqual([path, 404]);
      assertMatchesSchema('ControlError', body);
    }
  });

  it('is loopback only, like the control API', async () => {
    mock = await createMockServer({ listen: false });
    for (const path of [
      '/__dashboard/',
      '/__dashboard/feed',
      `/__dashboard/assets/${DASHBOARD_ENTRY_MODULE}`,
    ]) {
      expect((await fetchFromAddress(mock, path, '127.0.0.1')).status).toBe(200);
      const refused = await fetchFromAddress(mock, path, '192.0.2.10');
      expect([path, refused.status, await refused.json()]).toEqual([
        path,
        403,
        { error: 'not_loopback', message: 'Forbidden.' },
      ]);
    }
  });

  it('with a control token: the page to anyone, the feed only with the token', async () => {
    mock = await createMockServer({ listen: false, controlToken: CONTROL_TOKEN });
    expect((await fetchFromAddress(mock, '/__dashboard/', '192.0.2.10')).status).toBe(200);
    expect(
      (await fetchFromAddress(mock, `/__dashboard/assets/${DASHBOARD_ENTRY_MODULE}`, '192.0.2.10')).status,
    ).toBe(200);
    const refused = await fetchFromAddress(mock, '/__dashboard/feed', '127.0.0.1');
    expect([refused.status, refused.headers.get('www-authenticate')]).toEqual([
      401,
      'Bearer realm="control"',
    ]);
    const admitted = await fetchFromAddress(mock, '/__dashboard/feed', '192.0.2.10', {
      authorization: `Bearer ${CONTROL_TOKEN}`,
    });
    expect(admitted.status).toBe(200);
  });
});
