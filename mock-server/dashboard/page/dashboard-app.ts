import { formatDuration } from '../../../shared/time-format.js';
import type { DashboardFeed } from '../dashboard-feed.js';
import { clientPictures, type ClientPicture, type PictureFit } from './client-pictures.js';
import { authHeaders, callControl, setControlToken, type ControlResult } from './control-api.js';
import { FeedStore } from './feed-store.js';
import { formatCount, renderClientSection, utcTime } from './render-clients.js';
import { renderDeliveries } from './render-deliveries.js';
import {
  DRAW_STEP_MEASURE,
  FIRST_VIEW_MEASURE,
  RENDER_MEASURE,
  type DrawingDetail,
} from './render-timing.js';

/**
 * The dashboard page's script: polls the feed, keeps what it was sent (FeedStore), draws one timeline per
 * client with the report's picture code, and wires the controls to the control API, showing every answer.
 * Runs in the browser, loaded as an ES module from the mock (dashboard-assets.ts).
 *
 * Pictures are drawn again when what they show changed, and at least once a second while the clock runs
 * (the line at the present moves), but never more than a third of the time: with thousands of recordings a
 * drawing costs tens of milliseconds, and the controls must stay responsive.
 */

const FEED_PATH = '/__dashboard/feed';
const CONTROL = '/__control';
/** How often the page asks for news; what happens on the mock shows within this and a drawing. */
const POLL_MS = 250;
const MAX_RESULTS = 30;

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`dashboard: the page has no #${id}`);
  return found as T;
}

const store = new FeedStore();
let fit: PictureFit = 'auto';
let latestPictures: readonly ClientPicture[] = [];

// ---- connection state -------------------------------------------------------------------------------

function setLive(state: 'live' | 'connecting' | 'error', text: string): void {
  const live = byId('live');
  if (live.dataset['state'] === state && live.textContent === text) return;
  live.dataset['state'] = state;
  live.textContent = text;
}

// ---- polling ----------------------------------------------------------------------------------------

let polling = false;
let pollAgain = false;
let pollTimer: ReturnType<typeof setTimeout> | undefined;

async function poll(): Promise<void> {
  if (polling) {
    pollAgain = true;
    return;
  }
  polling = true;
  clearTimeout(pollTimer);
  const query = new URLSearchParams({
    after_seq: String(store.lastSeq),
    after_action_seq: String(store.lastActionSeq),
    after_delivery_seq: String(store.lastDeliverySeq),
  });
  try {
    const response = await fetch(`${FEED_PATH}?${query.toString()}`, {
      headers: authHeaders(),
      cache: 'no-store',
    });
    if (response.status === 401) {
      byId('token-form').hidden = false;
      setLive('error', 'The mock asks for its control token (--control-token).');
    } else if (!response.ok) {
      setLive('error', `The feed answered ${response.status}.`);
    } else {
      // A drawing's measures start here: reading and keeping the feed is part of what a person waits for.
      const received = performance.now();
      const feed = (await response.json()) as DashboardFeed;
      store.apply(feed, performance.now());
      if (store.refetch) {
        store.refetch = false;
        pollAgain = true;
      }
      setLive('live', 'live');
      renderState();
      drawIfDue(received);
    }
  } catch (error) {
    setLive('error', `No answer from the mock (${error instanceof Error ? error.message : String(error)}).`);
  } finally {
    polling = false;
    if (pollAgain) {
      pollAgain = false;
      void poll();
    } else {
      pollTimer = setTimeout(() => void poll(), POLL_MS);
    }
  }
}

// ---- the state panels (cheap, every poll) -----------------------------------------------------------

function signedDuration(ms: number): string {
  if (Math.abs(ms) < 1) return '0';
  return `${ms < 0 ? '−' : '+'}${formatDuration(Math.abs(ms))}`;
}

function renderClock(): void {
  const clock = store.clock;
  if (clock === undefined) return;
  const now = store.nowMs(performance.now());
  byId('clock-mode').textContent = clock.mode;
  byId('clock-now').textContent = `${new Date(now).toISOString().slice(0, 10)} ${utcTime(now)}`;
  byId('clock-offset').textContent =
    Math.abs(clock.offset_ms) < 1
      ? '0 (real time)'
      : `${signedDuration(clock.offset_ms)} (${clock.offset_ms < 0 ? 'behind' : 'ahead of'} real time${clock.mode === 'frozen' ? ', frozen' : ''})`;
}

function faultText(fault: DashboardFeed['faults'][number]): string {
  const extra = [
    fault.status === undefined ? null : `status ${fault.status}`,
    fault.delay_ms === undefined ? null : `${fault.delay_ms} ms`,
    fault.retry_after === undefined ? null : `Retry-After ${fault.retry_after}`,
  ].filter((part) => part !== null);
  return `${fault.id}: ${fault.target} · ${fault.kind}${extra.length > 0 ? ` (${extra.join(', ')})` : ''} · ${fault.client_id ?? 'any client'} · ${fault.remaining} left`;
}

function renderList(list: HTMLElement, items: readonly string[], empty: string): void {
  const key = JSON.stringify(items);
  if (list.dataset['key'] === key) return;
  list.dataset['key'] = key;
  list.replaceChildren(
    ...(items.length === 0 ? [empty] : items).map((text, index) => {
      const item = document.createElement('li');
      item.textContent = text;
      if (items.length === 0 && index === 0) item.className = 'none';
      return item;
    }),
  );
}

/** Replaces a select's options when they changed, keeping the chosen value if it is still offered. */
function setOptions(select: HTMLSelectElement, options: readonly (readonly [string, string])[]): void {
  const key = JSON.stringify(options);
  if (select.dataset['key'] === key) return;
  select.dataset['key'] = key;
  const chosen = select.value;
  const fixed = [...select.options].filter((option) => option.dataset['fixed'] === 'true');
  select.replaceChildren(
    ...fixed,
    ...options.map(([value, text]) => {
      const option = document.createElement('option');
      option.value = value;
      option.textContent = text;
      return option;
    }),
  );
  if ([...select.options].some((option) => option.value === chosen)) select.value = chosen;
}

function renderState(): void {
  renderClock();
  const kept = store.exchanges.length;
  byId('recorder').textContent =
    `${formatCount(kept)} exchanges shown of ${formatCount(store.capacity)} the recorder keeps${store.dropped > 0 ? `; ${formatCount(store.dropped)} older ones pushed out` : ''}`;
  renderList(byId('faults'), store.faults.map(faultText), 'none');
  const clientIds = store.clients.map((client) => client.client_id);
  setOptions(
    byId<HTMLSelectElement>('revoke-client-id'),
    clientIds.map((id) => [id, id] as const),
  );
  setOptions(
    byId<HTMLSelectElement>('fault-client'),
    clientIds.map((id) => [id, id] as const),
  );
  setOptions(
    byId<HTMLSelectElement>('webhook-subscription'),
    store.subscriptions.map(
      (subscription) =>
        [
          subscription.subscription_id,
          `${subscription.url}${subscription.client_id === null ? '' : ` (${subscription.client_id})`}`,
        ] as const,
    ),
  );
  renderWebhooks();
}

let deliveriesDrawn = -1;
let deliveriesDrawnAt = Number.NEGATIVE_INFINITY;

/** The deliveries table: when it changed, and once a second while a retry is due (its countdown). */
function renderWebhooks(): void {
  const now = performance.now();
  const countdown = store.pendingRetries > 0 && now - deliveriesDrawnAt >= 1000;
  if (store.deliveriesVersion === deliveriesDrawn && !countdown) return;
  deliveriesDrawn = store.deliveriesVersion;
  deliveriesDrawnAt = now;
  const attempts = store.deliveries.length;
  byId('webhook-summary').textContent =
    `${store.subscriptions.length} ${store.subscriptions.length === 1 ? 'subscription' : 'subscriptions'} · ${formatCount(attempts)} ${attempts === 1 ? 'attempt' : 'attempts'} · ${store.pendingRetries} ${store.pendingRetries === 1 ? 'retry' : 'retries'} pending`;
  byId('deliveries').innerHTML = renderDeliveries(store.deliveries, store.nowMs(now)).value;
}

function renderTokenChoices(pictures: readonly ClientPicture[]): void {
  const tokens = pictures
    .flatMap((picture) => picture.tokens.map((token) => ({ ...token, clientId: picture.clientId ?? '?' })))
    .sort((a, b) => b.issuedAtMs - a.issuedAtMs);
  setOptions(
    byId<HTMLSelectElement>('revoke-jti'),
    tokens.map(
      (token) =>
        [
          token.jti,
          `${token.clientId} · ${token.jti.slice(0, 8)} (expires ${utcTime(token.expiresAtMs).slice(0, 8)})`,
        ] as const,
    ),
  );
}

// ---- the pictures (costly with many recordings) -----------------------------------------------------

let drawnVersion = -1;
let drawnAt = Number.NEGATIVE_INFINITY;
let lastCost = 0;
let drawnFit: PictureFit = fit;

/** Draws when something changed or the present moved; `since` is when the news reached the page. */
function drawIfDue(since?: number): void {
  // Nothing to draw before the first answer: an empty page would claim the mock has recorded nothing.
  if (store.clock === undefined) return;
  const now = performance.now();
  const changed = store.version !== drawnVersion || fit !== drawnFit;
  const presentMoved = store.clock.mode !== 'frozen' && now - drawnAt >= 1000;
  if (!changed && !presentMoved) return;
  if (now - drawnAt < 3 * lastCost) return;
  draw(changed ? 'feed' : 'present', since ?? now);
}

/** What a section was drawn from; the same again means nothing to redraw. */
function pictureKey(picture: ClientPicture): string {
  const { timeline } = picture;
  return [
    picture.originMs,
    picture.nowMs,
    timeline.end_ms,
    timeline.tokens.length,
    timeline.calls.length,
    timeline.actions.length,
    picture.hiddenTokens,
    picture.hiddenCalls,
  ].join(':');
}

/** A drawing in progress: the sections still to draw, and what it has cost so far. */
interface Drawing {
  readonly id: number;
  readonly cause: DrawingDetail['cause'];
  /** When its cause reached the page (performance.now()); its measures start here. */
  readonly since: number;
  readonly exchanges: number;
  readonly clients: number;
  readonly sections: number;
  readonly pending: {
    readonly section: HTMLElement;
    readonly picture: ClientPicture;
    readonly key: string;
  }[];
  /** Time spent drawing (not waiting between slices), ms. */
  busy: number;
  longestSlice: number;
  slices: number;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * A drawing is done in slices of about this many ms, the sections on screen first, so the page shows what is
 * in view at once and answers input between slices however many clients and recordings it draws.
 */
const SLICE_MS = 30;

let drawing: Drawing | undefined;
let drawings = 0;
/** Sections on screen (or near it), as an IntersectionObserver last saw them. */
const onScreen = new Set<Element>();
const visibility = new IntersectionObserver(
  (entries) => {
    for (const entry of entries) {
      if (entry.isIntersecting) onScreen.add(entry.target);
      else onScreen.delete(entry.target);
    }
  },
  { rootMargin: '200px 0px' },
);

/** Runs `then` once the frame with what was drawn so far has been painted. */
function afterPaint(then: () => void): void {
  requestAnimationFrame(() => setTimeout(then, 0));
}

function draw(cause: DrawingDetail['cause'], since: number): void {
  const started = performance.now();
  if (drawing !== undefined) clearTimeout(drawing.timer);
  const pictures = clientPictures({
    exchanges: store.exchanges,
    actions: store.actions,
    clients: store.clients,
    nowMs: store.nowMs(started),
    fit,
  });
  latestPictures = pictures;
  const container = byId('clients');
  const sections = new Map(
    [...container.querySelectorAll<HTMLElement>(':scope > section.client')].map((section) => [
      section.dataset['clientKey'] ?? '',
      section,
    ]),
  );
  container.querySelector(':scope > p.none')?.remove();
  const pending: Drawing['pending'] = [];
  let previous: HTMLElement | null = null;
  for (const picture of pictures) {
    // Client ids are never empty, so '' can stand for the calls that named none.
    const clientKey = picture.clientId ?? '';
    let section = sections.get(clientKey);
    sections.delete(clientKey);
    if (section === undefined) {
      section = document.createElement('section');
      section.className = 'client';
      section.dataset['clientKey'] = clientKey;
      if (picture.clientId !== null) section.dataset['clientId'] = picture.clientId;
      visibility.observe(section);
    }
    const key = pictureKey(picture);
    if (section.dataset['drawn'] !== key) pending.push({ section, picture, key });
    const expectedNext: ChildNode | null = previous === null ? container.firstChild : previous.nextSibling;
    if (expectedNext !== section) container.insertBefore(section, expectedNext);
    previous = section;
  }
  for (const stale of sections.values()) {
    visibility.unobserve(stale);
    onScreen.delete(stale);
    stale.remove();
  }
  if (pictures.length === 0 && container.querySelector(':scope > p.none') === null) {
    const none = document.createElement('p');
    none.className = 'none';
    none.textContent = 'The mock knows no client and has recorded nothing.';
    container.append(none);
  }
  renderTokenChoices(pictures);
  // Those on screen first; before the observer has seen any (the first drawing), the page's order.
  if (onScreen.size > 0)
    pending.sort((a, b) => Number(onScreen.has(b.section)) - Number(onScreen.has(a.section)));
  drawnAt = started;
  drawnVersion = store.version;
  drawnFit = fit;
  drawings += 1;
  drawing = {
    id: drawings,
    cause,
    since,
    exchanges: store.exchanges.length,
    clients: pictures.length,
    sections: pending.length,
    pending,
    busy: performance.now() - started,
    longestSlice: 0,
    slices: 0,
    timer: undefined,
  };
  drawSlice(drawing);
}

function detailOf(job: Drawing): DrawingDetail {
  return {
    drawing: job.id,
    cause: job.cause,
    exchanges: job.exchanges,
    sections: job.sections,
    steps: job.slices,
  };
}

/** Draws sections for about SLICE_MS, then lets the page breathe and goes on, until all are drawn. */
function drawSlice(job: Drawing): void {
  const sliceStarted = performance.now();
  const firstSlice = job.slices === 0;
  do {
    const next = job.pending.shift();
    if (next === undefined) break;
    next.section.innerHTML = renderClientSection(next.picture).value;
    next.section.dataset['drawn'] = next.key;
  } while (performance.now() - sliceStarted < SLICE_MS);
  // Reading a size makes the browser lay out now, so the step measured includes it.
  byId('clients').getBoundingClientRect();
  const now = performance.now();
  // The first step includes building the pictures from the feed (draw()), and reading the feed.
  const stepStart = firstSlice ? job.since : sliceStarted;
  job.busy += now - sliceStarted;
  job.longestSlice = Math.max(job.longestSlice, now - stepStart);
  job.slices += 1;
  performance.measure(DRAW_STEP_MEASURE, { start: stepStart, end: now, detail: detailOf(job) });
  if (firstSlice) {
    const detail = detailOf(job);
    afterPaint(() => performance.measure(FIRST_VIEW_MEASURE, { start: job.since, detail }));
  }
  if (job.pending.length > 0) {
    // After the next frame, so what was drawn is painted before the page draws on.
    requestAnimationFrame(() => {
      if (drawing === job) job.timer = setTimeout(() => drawSlice(job), 0);
    });
    return;
  }
  lastCost = job.busy;
  byId('render-info').textContent =
    `Drew ${formatCount(job.exchanges)} exchanges for ${job.clients} ${job.clients === 1 ? 'client' : 'clients'} in ${Math.round(now - job.since)} ms (${job.slices} ${job.slices === 1 ? 'step' : 'steps'}, the longest ${Math.round(job.longestSlice)} ms).`;
  // And once the frame with the whole drawing has been painted: the time a person waits for all of it.
  const detail = detailOf(job);
  afterPaint(() => performance.measure(RENDER_MEASURE, { start: job.since, detail }));
  if (drawing === job) drawing = undefined;
}

// ---- controls ---------------------------------------------------------------------------------------

function showResult(result: ControlResult): void {
  const list = byId('results');
  list.querySelector(':scope > li.none')?.remove();
  const item = document.createElement('li');
  item.className = result.ok ? 'ok' : 'error';
  item.dataset['status'] = String(result.status);
  const at = document.createElement('span');
  at.className = 'at';
  at.textContent = store.clock === undefined ? '' : utcTime(store.nowMs(performance.now())).slice(0, 8);
  item.append(at, result.summary);
  list.prepend(item);
  while (list.children.length > MAX_RESULTS) list.lastElementChild?.remove();
}

async function act(method: string, path: string, body?: unknown): Promise<void> {
  showResult(await callControl(method, `${CONTROL}${path}`, body));
  void poll();
}

function onSubmit(id: string, handler: (form: HTMLFormElement) => Promise<void>): void {
  const form = byId<HTMLFormElement>(id);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void handler(form);
  });
}

function onClick(id: string, handler: () => Promise<void>): void {
  byId(id).addEventListener('click', () => void handler());
}

function numberField(id: string): number {
  return byId<HTMLInputElement>(id).valueAsNumber;
}

function showFieldsOfKind(): void {
  const kind = byId<HTMLSelectElement>('fault-kind').value;
  for (const field of byId('fault-form').querySelectorAll<HTMLElement>('[data-for-kind]'))
    field.hidden = field.dataset['forKind'] !== kind;
  // A kind that has one target picks it; the others leave the choice alone.
  const target = byId<HTMLSelectElement>('fault-target');
  if (kind === 'token_response') target.value = 'token';
  if (kind === 'hub_unauthorized') target.value = 'hub';
}

function wireControls(): void {
  onSubmit('clock-advance', () =>
    act('POST', '/clock', { advance_ms: numberField('advance-seconds') * 1000 }),
  );
  onSubmit('clock-offset-form', () =>
    act('POST', '/clock', { offset_ms: numberField('offset-seconds') * 1000 }),
  );
  onClick('clock-freeze', () =>
    act('POST', '/clock', { frozen_at: Math.round(store.nowMs(performance.now())) }),
  );
  onClick('clock-real', () => act('POST', '/clock', { real: true }));
  onSubmit('revoke-client', () =>
    act('POST', '/tokens/revoke', { client_id: byId<HTMLSelectElement>('revoke-client-id').value }),
  );
  onSubmit('revoke-token', () =>
    act('POST', '/tokens/revoke', { jti: byId<HTMLSelectElement>('revoke-jti').value }),
  );
  onSubmit('fault-form', () => {
    const kind = byId<HTMLSelectElement>('fault-kind').value;
    const clientId = byId<HTMLSelectElement>('fault-client').value;
    const body: Record<string, unknown> = {
      target: byId<HTMLSelectElement>('fault-target').value,
      kind,
      count: numberField('fault-count'),
      ...(clientId === '' ? {} : { client_id: clientId }),
      ...(kind === 'token_response' ? { status: numberField('fault-status') } : {}),
      ...(kind === 'delay' ? { delay_ms: numberField('fault-delay') } : {}),
      ...(kind === 'rate_limit' ? { retry_after: numberField('fault-retry-after') } : {}),
    };
    return act('POST', '/faults', body);
  });
  onClick('faults-clear', () => act('DELETE', '/faults'));
  onSubmit('webhook-form', () => {
    const subscriptionId = byId<HTMLSelectElement>('webhook-subscription').value;
    return act('POST', '/webhooks/events', {
      action: byId<HTMLSelectElement>('webhook-action').value,
      ...(subscriptionId === '' ? {} : { subscription_id: subscriptionId }),
    });
  });
  onClick('reset', () => act('POST', '/reset'));
  byId<HTMLSelectElement>('fault-kind').addEventListener('change', showFieldsOfKind);
  showFieldsOfKind();
  byId<HTMLSelectElement>('fit').addEventListener('change', (event) => {
    const value = (event.target as HTMLSelectElement).value;
    fit = value === 'now' || value === 'lifetimes' ? value : 'auto';
    if (store.clock !== undefined) draw('fit', event.timeStamp);
  });
  onSubmit('token-form', () => {
    setControlToken(byId<HTMLInputElement>('control-token').value);
    byId('token-form').hidden = true;
    return poll();
  });
  // A click on a token's bar picks that token for revoking.
  byId('clients').addEventListener('click', (event) => {
    const bar = (event.target as Element).closest('.token-bar');
    const jti = bar?.getAttribute('data-jti');
    if (jti === null || jti === undefined) return;
    const select = byId<HTMLSelectElement>('revoke-jti');
    if (![...select.options].some((option) => option.value === jti)) renderTokenChoices(latestPictures);
    select.value = jti;
    select.focus();
  });
}

wireControls();
void poll();
// The clock panel runs on between polls; the pictures follow the present once a second.
setInterval(() => {
  renderClock();
  drawIfDue();
}, 200);
