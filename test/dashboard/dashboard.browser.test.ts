import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createVectorCareClient } from '../../client/index.js';
import { createClock, createMockServer, type MockServer } from '../../mock-server/index.js';
import { PACKAGE_ROOT } from '../../shared/package-root.js';
import { CALL_STATUS_COLOURS } from '../../shared/timeline/timeline-palette.js';
import {
  FIRST_VIEW_MEASURE,
  RENDER_MEASURE,
  type DrawingDetail,
} from '../../mock-server/dashboard/page/render-timing.js';
import { launchChromium, type ChromiumSession } from '../../test-support/chromium.js';
import {
  costOf,
  traceMainThread,
  type MeasureCost,
  type TracedMeasure,
} from '../../test-support/main-thread-trace.js';
import { exchangesOf, recordTraffic, type TrafficShape } from '../../test-support/recorded-traffic.js';
import {
  startWebhookTestReceiver,
  type WebhookTestReceiver,
} from '../../test-support/webhook-test-receiver.js';

/**
 * The dashboard in Debian's Chromium, against a real mock on loopback: what the test does to the mock shows
 * on the page, what the page's controls do changes what the mock answers, and the page stays quick with a
 * full recorder. Screenshots go to test-output/dashboard/.
 */

const OUT = join(PACKAGE_ROOT, 'test-output', 'dashboard');
const NOW = Date.UTC(2026, 0, 15, 14, 30);
/** The bar for drawing a full recorder (10,000 recordings), in the browser: CPU of its main thread. */
const RENDER_BUDGET_MS = 200;
/** The longest a task of a drawing may hold the page: a delay of input a person notices beyond this. */
const TASK_BUDGET_MS = 100;
/**
 * A wall-clock bound that holds on a machine whose cores are both busy with other work, for what is on
 * screen to show: at load 18 on 2 cores the first view took 752 ms of wall-clock time and 72 ms of CPU.
 */
const WALL_MARGIN_MS = 3000;
/** The recorder's default capacity: the page holds no more than it does. */
const RECORDER_CAPACITY = 10_000;
/** The bar for what happens on the mock to show on the page. */
const LIVE_BUDGET_MS = 1000;
const SECRET = 'dashboard-browser-secret-3c8e';

let browser: ChromiumSession;
let mock: MockServer | undefined;
let receiver: WebhookTestReceiver | undefined;
let page: Page | undefined;
let problems: string[] = [];

beforeAll(async () => {
  await mkdir(OUT, { recursive: true });
  browser = await launchChromium({ who: 'the dashboard test', width: 1440, height: 900 });
}, 60_000);
afterAll(() => browser?.close());
afterEach(async () => {
  await page?.close();
  await mock?.close();
  await receiver?.close();
  page = undefined;
  mock = undefined;
  receiver = undefined;
});

async function frozenMock(options: { controlToken?: string } = {}): Promise<MockServer> {
  mock = await createMockServer({ port: 0, clock: createClock({ frozenAt: NOW }), ...options });
  return mock;
}

/** A new tab that notes every page error, failed request and error answer it gets in `problems`. */
async function watchedPage(): Promise<Page> {
  problems = [];
  page = await browser.context.newPage();
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // Chromium logs every error answer as a failed resource; those are judged by the response below.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      problems.push(`console: ${message.text()}`);
  });
  page.on('requestfailed', (request) => problems.push(`failed: ${request.url()}`));
  page.on('response', (response) => {
    // The control API's refusals are the page's to show; anything else failing is a fault of the page.
    if (response.status() >= 400 && !response.url().includes('/__control/'))
      problems.push(`${response.status()}: ${response.url()}`);
  });
  return page;
}

/** Opens the dashboard in a watched tab, once it shows the feed as live. */
async function openDashboard(server: MockServer): Promise<Page> {
  const view = await watchedPage();
  await view.goto(`${server.url}/__dashboard/`, { waitUntil: 'load' });
  await view.waitForSelector('#live[data-state="live"]', { timeout: 15_000 });
  return view;
}

function detailOf(measure: TracedMeasure): DrawingDetail {
  return measure.detail as DrawingDetail;
}

function jtiOf(token: string): string {
  const payload = token.split('.')[1] ?? '';
  return (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { jti: string }).jti;
}

async function tokenFor(server: MockServer, clientId: string, clientSecret: string): Promise<string> {
  const response = await fetch(server.tokenUrl, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
    }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

async function hubCall(server: MockServer, token: string): Promise<number> {
  const response = await fetch(`${server.apiUrl}/requests/KP-DASH1/state/`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'en_route', timestamp: new Date(server.clock.now()).toISOString() }),
  });
  await response.arrayBuffer();
  return response.status;
}

/** The vertical centre of an element on the page. */
async function centreY(target: Page, selector: string): Promise<number> {
  const box = await target.locator(selector).first().boundingBox();
  if (box === null) throw new Error(`${selector} is not on screen`);
  return box.y + box.height / 2;
}

async function lastResult(target: Page, className: 'ok' | 'error', contains: string): Promise<string> {
  const item = target.locator(`#results li.${className}`, { hasText: contains }).first();
  await item.waitFor({ timeout: 5000 });
  return (await item.textContent()) ?? '';
}

describe('the dashboard in Chromium', () => {
  it('shows a token and a call as they happen, and its controls change what the hub answers', async () => {
    const server = await frozenMock();
    server.control.createClient({ clientId: 'acme', clientSecret: SECRET, expiresIn: 60 });
    const view = await openDashboard(server);
    const acme = 'section.client[data-client-id="acme"]';
    await view.waitForSelector(acme);

    // A token request and a hub call from the test show up within a second.
    const started = performance.now();
    const token = await tokenFor(server, 'acme', SECRET);
    const jti = jtiOf(token);
    expect(await hubCall(server, token)).toBe(201);
    const called = performance.now();
    const bar = `${acme} .token-bar[data-jti="${jti}"]`;
    await view.waitForSelector(`${acme} .call-tick[data-status="201"][data-jti="${jti}"]`, { timeout: 5000 });
    const shownAfterMs = performance.now() - called;
    console.log(`dashboard: the call showed ${Math.round(shownAfterMs)} ms after it was answered`);
    expect(shownAfterMs).toBeLessThan(LIVE_BUDGET_MS);
    expect(performance.now() - started).toBeLessThan(LIVE_BUDGET_MS + 1000);
    // The tick sits on the row of the token it carried.
    expect(
      Math.abs((await centreY(view, `${acme} .call-tick[data-jti="${jti}"]`)) - (await centreY(view, bar))),
    ).toBeLessThan(2);

    // Revoke the client's tokens from the page: the page shows the answer, the hub then answers 401.
    await view.selectOption('#revoke-client-id', 'acme');
    await view.getByRole('button', { name: 'Revoke its tokens' }).click();
    expect(await lastResult(view, 'ok', '/__control/tokens/revoke')).toContain('→ 200 {"revoked":1}');
    expect(await hubCall(server, token)).toBe(401);
    const rejected = `${acme} .call-tick[data-status="401"][data-jti="${jti}"]`;
    await view.waitForSelector(rejected, { timeout: 5000 });
    expect(Math.abs((await centreY(view, rejected)) - (await centreY(view, bar)))).toBeLessThan(2);
    await view.waitForSelector(`${acme} .kit-action[data-kind~="revoke"]`, { timeout: 5000 });

    // Move the clock with the keyboard: Tab from the field to its button, Enter. The bar moves.
    const before = await view.locator(bar).boundingBox();
    await view.fill('#advance-seconds', '1800');
    await view.focus('#advance-seconds');
    await view.keyboard.press('Tab');
    expect(await view.evaluate(() => document.activeElement?.textContent)).toBe('Advance');
    await view.keyboard.press('Enter');
    expect(await lastResult(view, 'ok', '/__control/clock')).toContain('→ 200');
    await view.waitForFunction(
      ([selector, width]) => {
        const box = document.querySelector(selector as string)?.getBoundingClientRect();
        return box !== undefined && box.width < (width as number) / 5;
      },
      [bar, before?.width ?? 0] as const,
      { timeout: 5000 },
    );
    const after = await view.locator(bar).boundingBox();
    console.log(
      `dashboard: the bar was ${Math.round(before?.width ?? 0)} px wide, ${Math.round(after?.width ?? 0)} px after the clock moved 30 min`,
    );
    // The mock's clock was frozen at 14:30:00; the page's clock panel follows it.
    expect(await view.locator('#clock-now').textContent()).toBe('2026-01-15 15:00:00.000 UTC');
    await view.waitForSelector(`${acme} .kit-action[data-kind~="clock"]`, { timeout: 5000 });

    // A control API error is shown, not swallowed: a token_response fault on the hub is refused.
    await view.selectOption('#fault-kind', 'token_response');
    await view.selectOption('#fault-target', 'hub');
    await view.getByRole('button', { name: 'Queue fault' }).click();
    expect(await lastResult(view, 'error', '/__control/faults')).toMatch(/→ 400 invalid_body: /);

    // A fault queued from the page turns the hub's next answer to acme into a 401, and is used up.
    await view.selectOption('#fault-kind', 'hub_unauthorized');
    await view.selectOption('#fault-client', 'acme');
    await view.getByRole('button', { name: 'Queue fault' }).click();
    expect(await lastResult(view, 'ok', '/__control/faults')).toContain('→ 201');
    await view.waitForSelector('#faults li:has-text("hub_unauthorized")', { timeout: 5000 });
    const fresh = await tokenFor(server, 'acme', SECRET);
    expect(await hubCall(server, fresh)).toBe(401);
    await view.waitForSelector(`${acme} .call-tick[data-status="401"][data-jti="${jtiOf(fresh)}"]`, {
      timeout: 5000,
    });
    await view.waitForSelector('#faults li.none', { timeout: 5000 });
    expect(await hubCall(server, fresh)).toBe(201);

    // Clicking a token's bar picks it for Revoke token; revoked, its next call is a 401.
    await view.waitForSelector(`${acme} .call-tick[data-status="201"][data-jti="${jtiOf(fresh)}"]`, {
      timeout: 5000,
    });
    await view.locator(`${acme} .token-bar[data-jti="${jtiOf(fresh)}"]`).click();
    expect(await view.inputValue('#revoke-jti')).toBe(jtiOf(fresh));
    await view.getByRole('button', { name: 'Revoke token', exact: true }).click();
    expect(await lastResult(view, 'ok', '{"revoked":1}')).toContain('/__control/tokens/revoke → 200');
    expect(await hubCall(server, fresh)).toBe(401);

    await view.screenshot({ path: join(OUT, 'controls.png'), fullPage: true });
    expect(problems).toEqual([]);
  }, 90_000);

  it('draws a full recorder of 10,000 recordings: what is on screen, and all of it, within 200 ms of CPU', async () => {
    const server = await frozenMock();
    // 10,200 exchanges made; the recorder keeps the latest 10,000, and so does the page.
    const shape: TrafficShape = {
      clients: 10,
      tokensPerClient: 20,
      callsPerToken: 50,
      expiresIn: 60,
      stepMs: 1000,
    };
    await recordTraffic(server, shape);
    const pushedOut = exchangesOf(shape) - RECORDER_CAPACITY;
    expect([server.recorder.size, pushedOut]).toEqual([RECORDER_CAPACITY, 200]);
    const view = await watchedPage();
    const drawingsOfAll = (count: number): Promise<unknown> =>
      view.waitForFunction(
        ([name, exchanges, wanted]) =>
          performance
            .getEntriesByName(name as string)
            .filter((entry) => (entry as PerformanceMeasure).detail?.exchanges === exchanges).length >=
          (wanted as number),
        [RENDER_MEASURE, RECORDER_CAPACITY, count] as const,
        // Asked every 250 ms, not every frame: the asking runs on the main thread being measured.
        { timeout: 30_000, polling: 250 },
      );
    const trace = await traceMainThread(view, async () => {
      // The page's first drawing, from the feed's answer with all 10,000; then one from scratch when the
      // time axis is switched.
      await view.goto(`${server.url}/__dashboard/`, { waitUntil: 'load' });
      await drawingsOfAll(1);
      await view.selectOption('#fit', 'now');
      await drawingsOfAll(2);
    });
    expect(await view.locator('#recorder').textContent()).toBe(
      '10,000 exchanges shown of 10,000 the recorder keeps; 200 older ones pushed out',
    );
    // What was drawn: a bar per token still recorded, a tick per call (as paths that count them, above 300
    // a picture). The oldest 200 pushed out were the first round's 10 token requests and 190 of their calls.
    const drawn = await view.evaluate(() => ({
      bars: document.querySelectorAll('section.client .token-bar').length,
      ticks:
        document.querySelectorAll('section.client .call-tick').length +
        [...document.querySelectorAll('section.client .call-ticks')].reduce(
          (sum, path) => sum + Number(path.getAttribute('data-count')),
          0,
        ),
    }));
    expect(drawn).toEqual({ bars: 190, ticks: 9810 });

    const drawings = [...new Set(trace.measures.map((measure) => detailOf(measure).drawing))]
      .map((id) => {
        const of = (name: string): TracedMeasure[] =>
          trace.measures.filter((measure) => measure.name === name && detailOf(measure).drawing === id);
        const [firstView] = of(FIRST_VIEW_MEASURE);
        const [render] = of(RENDER_MEASURE);
        if (firstView === undefined || render === undefined) throw new Error(`drawing ${id} is not complete`);
        return {
          detail: detailOf(render),
          firstView: costOf(trace, firstView),
          render: costOf(trace, render),
          firstViewSteps: detailOf(firstView).steps,
        };
      })
      .filter((drawing) => drawing.detail.exchanges === RECORDER_CAPACITY);
    expect(drawings.map((drawing) => drawing.detail.cause)).toEqual(['feed', 'fit']);
    const rounded = (cost: MeasureCost): Record<string, number> =>
      Object.fromEntries(Object.entries(cost).map(([key, value]) => [key, Math.round(value * 10) / 10]));
    const figures = {
      recordings: RECORDER_CAPACITY,
      pushed_out: pushedOut,
      clients: 11,
      budget_cpu_ms: RENDER_BUDGET_MS,
      longest_task_budget_cpu_ms: TASK_BUDGET_MS,
      load_average_1m: Math.round((loadavg()[0] ?? 0) * 10) / 10,
      drawings: drawings.map((drawing) => ({
        cause: drawing.detail.cause,
        steps: drawing.detail.steps,
        first_view: rounded(drawing.firstView),
        render: rounded(drawing.render),
      })),
    };
    console.log(`dashboard: ${JSON.stringify(figures)}`);
    await writeFile(join(OUT, 'render-10000.json'), `${JSON.stringify(figures, null, 2)}\n`);
    await view.screenshot({ path: join(OUT, 'render-10000.png'), fullPage: false });
    for (const drawing of drawings) {
      // What is on screen is painted in the frame after the drawing's first step,
      expect(drawing.firstViewSteps).toBe(1);
      // and it, and the whole drawing, cost the page's main thread at most the budget of CPU: the time
      // they take on a machine with a core free for the browser. No task of it holds the page longer
      // than a person notices, so input is answered throughout.
      expect(drawing.firstView.cpuMs).toBeLessThanOrEqual(RENDER_BUDGET_MS);
      expect(drawing.render.cpuMs).toBeLessThanOrEqual(RENDER_BUDGET_MS);
      expect(drawing.render.longestTaskCpuMs).toBeLessThanOrEqual(TASK_BUDGET_MS);
      // In wall-clock time, only a margin that holds with both cores busy: it catches a drawing that
      // waits instead of working, not one that is slow.
      expect(drawing.firstView.wallMs).toBeLessThanOrEqual(WALL_MARGIN_MS);
    }
    expect(problems).toEqual([]);
  }, 120_000);

  it('shows the bundled client refreshing at 80% of its lifetime, and recovering from a revoke', async () => {
    const server = await frozenMock();
    server.control.createClient({ clientId: 'dispatch', clientSecret: SECRET, expiresIn: 20 });
    const client = createVectorCareClient({
      clientId: 'dispatch',
      clientSecret: SECRET,
      tokenUrl: server.tokenUrl,
      apiUrl: server.apiUrl,
      // Virtual time: the client reads the mock's clock, which the test moves a second per call.
      clock: { now: () => server.clock.now() },
    });
    const view = await openDashboard(server);
    const dispatch = 'section.client[data-client-id="dispatch"]';
    for (let second = 0; second < 50; second += 1) {
      if (second === 30) {
        await view.selectOption('#revoke-client-id', 'dispatch');
        await view.getByRole('button', { name: 'Revoke its tokens' }).click();
        await lastResult(view, 'ok', '/__control/tokens/revoke');
      }
      await client.updateState('KP-7Q2M4X', {
        name: 'en_route',
        timestamp: new Date(server.clock.now()).toISOString(),
      });
      server.clock.advance(1000);
    }
    await view.waitForFunction(
      (selector) => document.querySelectorAll(`${selector} .call-tick`).length === 51,
      dispatch,
      { timeout: 5000 },
    );
    const issued = await view.$$eval(`${dispatch} .token-bar`, (bars) =>
      bars.map((bar) => Number(bar.getAttribute('data-issued-ms'))),
    );
    // T1 at 0 s; T2 at the first call at or after 80% of 20 s; T3 after the revoke's 401; T4 at 80% of T3.
    expect(issued).toEqual([0, 16_000, 30_000, 46_000]);
    expect(await view.locator(`${dispatch} .call-tick[data-status="401"]`).count()).toBe(1);
    expect(await view.locator(`${dispatch} .refresh-mark`).count()).toBe(4);
    // Each bar runs from its issue to its expiry, 20 s later, and its 80% mark is drawn at 16 s of it.
    const bars = await view.$$eval(`${dispatch} g.token`, (groups) =>
      groups.map((group) => {
        const bar = group.querySelector('.token-bar');
        const box = bar?.getBoundingClientRect();
        const mark = group.querySelector('.refresh-mark')?.getBoundingClientRect();
        return {
          lifetimeMs:
            Number(bar?.getAttribute('data-expires-ms')) - Number(bar?.getAttribute('data-issued-ms')),
          markAt:
            box === undefined || mark === undefined
              ? null
              : Math.round(((mark.x + mark.width / 2 - box.x) / box.width) * 100) / 100,
        };
      }),
    );
    expect(bars).toEqual(Array.from({ length: 4 }, () => ({ lifetimeMs: 20_000, markAt: 0.8 })));
    // Ticks are coloured by outcome: the one 401 red, the 2xx green, as in the report.
    const fills = await view.$$eval(`${dispatch} .call-tick`, (ticks) => [
      ...new Set(ticks.map((tick) => `${tick.getAttribute('data-status')} ${tick.getAttribute('fill')}`)),
    ]);
    expect(fills.sort()).toEqual([
      `201 ${CALL_STATUS_COLOURS['status-2xx']}`,
      `401 ${CALL_STATUS_COLOURS['status-401']}`,
    ]);
    await view.waitForSelector(`${dispatch} .kit-action[data-kind~="revoke"]`, { timeout: 5000 });
    await view.screenshot({ path: join(OUT, 'bundled-client.png'), fullPage: false });
    // The README's picture (docs/images/dashboard.png is a copy of it).
    await view.screenshot({ path: join(OUT, 'readme.png'), clip: { x: 0, y: 0, width: 1440, height: 640 } });
    expect(problems).toEqual([]);
  }, 90_000);

  it('shows webhook deliveries with their attempts, the retry after the clock moves 8 s', async () => {
    const server = await frozenMock();
    receiver = await startWebhookTestReceiver();
    receiver.answerNext({ kind: 'status', status: 503 });
    server.webhooks.subscribe(receiver.url);
    const view = await openDashboard(server);
    await view.waitForSelector(`#webhook-subscription option:has-text("${receiver.url}")`, {
      state: 'attached',
    });
    await view.selectOption('#webhook-action', 'BROADCAST_ACCEPTED');
    await view.getByRole('button', { name: 'Send event' }).click();
    expect(await lastResult(view, 'ok', '/__control/webhooks/events')).toContain('→ 201');
    await receiver.waitFor(1);
    const row = view.locator('table.deliveries tbody tr').first();
    await row.locator('.attempt[data-attempt="1"][data-status="503"]').waitFor({ timeout: 5000 });
    expect(await row.textContent()).toContain('in 8 s');
    await view.fill('#advance-seconds', '8');
    await view.getByRole('button', { name: 'Advance' }).click();
    await receiver.waitFor(2);
    await row.locator('.attempt[data-attempt="2"][data-outcome="delivered"]').waitFor({ timeout: 5000 });
    expect((await row.textContent()) ?? '').toMatch(/BROADCAST_ACCEPTED.*1 · 503.*2 · 200.*delivered/);
    await view.screenshot({ path: join(OUT, 'webhooks.png'), fullPage: false });
    expect(problems).toEqual([]);
  }, 60_000);

  it('offsets, freezes and resets the mock from the page, and shows a control call that got no answer', async () => {
    const server = await frozenMock();
    server.control.createClient({ clientId: 'acme', clientSecret: SECRET, expiresIn: 60 });
    expect(await hubCall(server, await tokenFor(server, 'acme', SECRET))).toBe(201);
    const view = await openDashboard(server);
    const acme = 'section.client[data-client-id="acme"]';
    await view.waitForSelector(`${acme} .call-tick[data-status="201"]`);
    expect(await view.locator('#clock-mode').textContent()).toBe('frozen');
    /** Clicks a button, and returns the answer the page puts at the top of its results. */
    const press = async (name: string): Promise<string> => {
      const before = await view.locator('#results li:not(.none)').count();
      await view.getByRole('button', { name, exact: true }).click();
      await view.waitForFunction(
        (count) => document.querySelectorAll('#results li:not(.none)').length > count,
        before,
      );
      return (await view.locator('#results li').first().textContent()) ?? '';
    };
    const modeShown = (mode: string): Promise<unknown> =>
      view.waitForFunction((wanted) => document.getElementById('clock-mode')?.textContent === wanted, mode, {
        timeout: 5000,
      });

    await view.fill('#offset-seconds', '3600');
    expect(await press('Set offset')).toContain('POST /__control/clock → 200');
    expect(server.clock.state()).toMatchObject({ mode: 'offset', offsetMs: 3_600_000 });
    await modeShown('offset');
    expect(await view.locator('#clock-offset').textContent()).toBe('+1 h 00 min (ahead of real time)');

    expect(await press('Freeze now')).toContain('POST /__control/clock → 200');
    expect(server.clock.state().mode).toBe('frozen');
    await modeShown('frozen');
    expect(await view.locator('#clock-offset').textContent()).toMatch(
      /^\+1 h 00 min \(ahead of real time, frozen\)$/,
    );

    // Reset: the mock forgets acme and what it recorded, and the clock follows real time; so does the page.
    expect(await press('Reset the mock')).toContain('POST /__control/reset → 200 {}');
    expect(server.clock.state().mode).toBe('real');
    await modeShown('real');
    await view.waitForSelector(acme, { state: 'detached', timeout: 5000 });
    expect(await view.locator('#clock-offset').textContent()).toBe('0 (real time)');
    await view.screenshot({ path: join(OUT, 'after-reset.png'), fullPage: false });

    // A control call that gets no answer at all is shown as such, and the page says it lost the mock.
    await server.close();
    mock = undefined;
    expect(await press('Real time')).toMatch(/POST \/__control\/clock: no answer \(.+\)/);
    await view.waitForSelector('#live[data-state="error"]', { timeout: 5000 });
    expect(await view.locator('#live').textContent()).toMatch(/^No answer from the mock/);
    expect(problems.filter((problem) => !problem.startsWith('failed: '))).toEqual([]);
  }, 60_000);

  it('labels every control, reaches each by keyboard, and keeps text at 4.5:1 contrast', async () => {
    const server = await frozenMock();
    await tokenFor(server, 'demo-client', 'demo-secret');
    const view = await openDashboard(server);
    await view.waitForSelector('section.client[data-client-id="demo-client"] svg');
    const unlabelled = await view.$$eval('input, select', (fields) =>
      fields.filter((field) => (field as HTMLInputElement).labels?.length === 0).map((field) => field.id),
    );
    expect(unlabelled).toEqual([]);
    // Tabbing from the top reaches every visible button and field, in the page's order.
    const focusable = await view.$$eval('button, input, select', (elements) =>
      elements
        .filter((element) => (element as HTMLElement).offsetParent !== null)
        .map((element) => element.id || element.textContent),
    );
    const reached = new Set<string>();
    for (let i = 0; i < focusable.length + 5; i += 1) {
      await view.keyboard.press('Tab');
      reached.add(
        await view.evaluate(() => document.activeElement?.id || document.activeElement?.textContent || ''),
      );
    }
    expect(focusable.filter((name) => !reached.has(name ?? ''))).toEqual([]);
    const lowContrast = await view.evaluate(() => {
      const luminance = (rgb: number[]): number => {
        const [r, g, b] = rgb.map((v) => {
          const c = v / 255;
          return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
      };
      const parse = (colour: string): number[] & { alpha?: number } => {
        const parts = colour.match(/[\d.]+/g)?.map(Number) ?? [0, 0, 0];
        return Object.assign(parts.slice(0, 3), { alpha: parts[3] ?? 1 });
      };
      const background = (element: Element | null): number[] => {
        for (let node = element; node !== null; node = node.parentElement) {
          const colour = parse(getComputedStyle(node).backgroundColor);
          if ((colour.alpha ?? 1) > 0.5) return colour;
        }
        return [255, 255, 255];
      };
      const failures: string[] = [];
      for (const element of document.querySelectorAll('body *:not(svg):not(svg *)')) {
        const own = [...element.childNodes].some(
          (node) => node.nodeType === 3 && (node.textContent ?? '').trim() !== '',
        );
        if (!own || (element as HTMLElement).offsetParent === null) continue;
        const fg = luminance(parse(getComputedStyle(element).color));
        const bg = luminance(background(element));
        const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
        if (ratio < 4.5)
          failures.push(
            `${element.tagName.toLowerCase()}#${element.id}.${element.className}: ${ratio.toFixed(2)}`,
          );
      }
      return failures;
    });
    expect(lowContrast).toEqual([]);
    expect(problems).toEqual([]);
  }, 60_000);

  it('with a control token, asks for it before it shows or changes anything', async () => {
    const controlToken = 'dashboard-control-token-61f0a7';
    const server = await frozenMock({ controlToken });
    page = await browser.context.newPage();
    await page.goto(`${server.url}/__dashboard/`);
    await page.waitForSelector('#live[data-state="error"]');
    expect(await page.locator('#live').textContent()).toContain('control token');
    await page.fill('#control-token', controlToken);
    await page.getByRole('button', { name: 'Use' }).click();
    await page.waitForSelector('#live[data-state="live"]');
    await page.waitForSelector('section.client[data-client-id="demo-client"]');
    await page.getByRole('button', { name: 'Real time' }).click();
    expect(await lastResult(page, 'ok', '/__control/clock')).toContain('→ 200');
    expect(server.clock.state().mode).toBe('real');
  }, 60_000);
});
