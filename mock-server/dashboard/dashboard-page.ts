import { markup, trustedHtml, type SafeHtml } from '../../shared/html-escape.js';
import { PACKAGE_INFO } from '../../shared/package-info.js';
import { DASHBOARD_ENTRY_MODULE } from './dashboard-assets.js';
import { DASHBOARD_CSS } from './dashboard-style.js';
import type { components } from '../../generated/openapi.js';

type WebhookAction = components['schemas']['WebhookAction'];

/** Where the dashboard lives on the mock. */
export const DASHBOARD_BASE_PATH = '/__dashboard';

/**
 * The script may come only from the mock itself and talk only to it; the style sheet is inline. Nothing the
 * page shows can run: recorded paths and ids are untrusted and always inserted escaped.
 */
export const DASHBOARD_CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const FAULT_KINDS = [
  ['hub_unauthorized', 'hub_unauthorized (401)'],
  ['token_response', 'token_response (status)'],
  ['delay', 'delay'],
  ['drop_connection', 'drop_connection'],
  ['rate_limit', 'rate_limit (429)'],
] as const;

/** openapi.yaml's WebhookAction values, for the send-event form. */
const WEBHOOK_ACTIONS: readonly WebhookAction[] = [
  'BROADCAST_RECEIVED',
  'BROADCAST_ACCEPTED',
  'BROADCAST_DECLINED',
  'BROADCAST_CANCELED',
  'BROADCAST_EXPIRED',
  'PROPOSAL_SUBMITTED',
  'PROPOSAL_ACCEPTED',
  'PROPOSAL_DECLINED',
  'CHANGE_REQUEST_ACCEPTED',
  'CHANGE_REQUEST_DECLINED',
  'REQUEST_DATA_UPDATED',
];

/** An option; a `fixed` one stays when the script fills the list in. */
function option(value: string, text: string, flags: { selected?: boolean; fixed?: boolean } = {}): SafeHtml {
  return markup`<option value="${value}"${flags.selected === true ? trustedHtml(' selected') : null}${flags.fixed === true ? trustedHtml(' data-fixed="true"') : null}>${text}</option>`;
}

function controls(): SafeHtml {
  return markup`<aside class="controls" aria-label="Controls">
<section class="panel results-panel" aria-labelledby="results-title">
<h2 id="results-title">Results</h2>
<ol id="results" class="results" aria-live="polite"><li class="none">No action yet.</li></ol>
</section>
<section class="panel" aria-labelledby="clock-title">
<h2 id="clock-title">Clock</h2>
<dl class="clock-state" id="clock-state"><div><dt>mode</dt><dd id="clock-mode">…</dd></div><div><dt>now</dt><dd id="clock-now">…</dd></div><div><dt>offset</dt><dd id="clock-offset">…</dd></div></dl>
<form id="clock-advance" class="row">
<label for="advance-seconds">Advance by (s)</label>
<input id="advance-seconds" name="seconds" type="number" min="0" step="any" value="60" required>
<button type="submit">Advance</button>
</form>
<form id="clock-offset-form" class="row">
<label for="offset-seconds">Offset (s)</label>
<input id="offset-seconds" name="seconds" type="number" step="any" value="0" required>
<button type="submit">Set offset</button>
</form>
<div class="row buttons">
<button type="button" id="clock-freeze">Freeze now</button>
<button type="button" id="clock-real">Real time</button>
</div>
</section>
<section class="panel" aria-labelledby="revoke-title">
<h2 id="revoke-title">Revoke</h2>
<form id="revoke-client" class="row">
<label for="revoke-client-id">Client</label>
<select id="revoke-client-id" name="client_id" required></select>
<button type="submit">Revoke its tokens</button>
</form>
<form id="revoke-token" class="row">
<label for="revoke-jti">Token</label>
<select id="revoke-jti" name="jti" required></select>
<button type="submit">Revoke token</button>
</form>
<p class="hint">Or click a token's bar to pick it.</p>
</section>
<section class="panel" aria-labelledby="fault-title">
<h2 id="fault-title">Queue a fault</h2>
<form id="fault-form" class="grid">
<label for="fault-target">Target</label>
<select id="fault-target" name="target">${option('hub', 'hub', { selected: true })}${option('token', 'token endpoint')}</select>
<label for="fault-kind">Kind</label>
<select id="fault-kind" name="kind">${FAULT_KINDS.map(([value, text]) => option(value, text))}</select>
<label for="fault-client">Client</label>
<select id="fault-client" name="client_id">${option('', 'any client', { fixed: true })}</select>
<label for="fault-count">Count</label>
<input id="fault-count" name="count" type="number" min="1" step="1" value="1" required>
<label for="fault-status" data-for-kind="token_response">Status</label>
<input id="fault-status" name="status" type="number" min="100" max="599" step="1" value="503" data-for-kind="token_response">
<label for="fault-delay" data-for-kind="delay">Delay (ms)</label>
<input id="fault-delay" name="delay_ms" type="number" min="0" step="1" value="2000" data-for-kind="delay">
<label for="fault-retry-after" data-for-kind="rate_limit">Retry-After (s)</label>
<input id="fault-retry-after" name="retry_after" type="number" min="0" step="1" value="1" data-for-kind="rate_limit">
<span></span><button type="submit">Queue fault</button>
</form>
<h3 id="faults-title">Pending faults</h3>
<ul id="faults" class="faults" aria-labelledby="faults-title"><li class="none">none</li></ul>
<button type="button" id="faults-clear">Clear faults</button>
</section>
<section class="panel" aria-labelledby="webhook-title">
<h2 id="webhook-title">Send a webhook event</h2>
<form id="webhook-form" class="grid">
<label for="webhook-action">Action</label>
<select id="webhook-action" name="action">${WEBHOOK_ACTIONS.map((action) => option(action, action))}</select>
<label for="webhook-subscription">To</label>
<select id="webhook-subscription" name="subscription_id">${option('', 'every subscription', { fixed: true })}</select>
<span></span><button type="submit">Send event</button>
</form>
</section>
<section class="panel" aria-labelledby="reset-title">
<h2 id="reset-title">Reset</h2>
<p class="hint">Forgets created clients, revocations, faults and recordings; the clock follows real time.</p>
<button type="button" id="reset" class="danger">Reset the mock</button>
</section>
</aside>`;
}

/**
 * The dashboard's HTML: the frame the page's script fills in and keeps current. It carries no data of its
 * own, so it is the same for every mock; the script polls the feed for everything it shows.
 */
export function renderDashboardPage(): string {
  const entry = `${DASHBOARD_BASE_PATH}/assets/${DASHBOARD_ENTRY_MODULE}`;
  return markup`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${PACKAGE_INFO.name} dashboard</title>
<style>${trustedHtml(DASHBOARD_CSS)}</style>
<script type="module" src="${entry}"></script>
</head>
<body>
<header class="top">
<h1>${PACKAGE_INFO.name} <span class="version">${PACKAGE_INFO.version}</span> <span class="subtitle">dashboard</span></h1>
<p id="live" class="live" role="status" data-state="connecting">connecting…</p>
<p id="recorder" class="recorder"></p>
<form id="token-form" class="token-form" hidden>
<label for="control-token">Control token</label>
<input id="control-token" type="password" autocomplete="off" required>
<button type="submit">Use</button>
</form>
</header>
<main class="layout">
<section class="clients" aria-labelledby="clients-title">
<div class="clients-head">
<h2 id="clients-title">Clients</h2>
<label for="fit">Time axis</label>
<select id="fit">${option('auto', 'auto', { selected: true })}${option('lifetimes', 'to the latest expiry')}${option('now', 'up to now')}</select>
</div>
<div id="clients"><p class="none">Waiting for the mock…</p></div>
<p id="render-info" class="render-info"></p>
<section class="webhooks" id="webhooks" aria-labelledby="webhooks-title">
<h2 id="webhooks-title">Webhook deliveries</h2>
<p id="webhook-summary" class="facts"></p>
<div id="deliveries"><p class="quiet">No webhook delivery yet.</p></div>
</section>
</section>
${controls()}
</main>
<noscript><p class="noscript">The dashboard needs JavaScript; the same data is at /__control/recordings.</p></noscript>
</body>
</html>
`.value;
}
