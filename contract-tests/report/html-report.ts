import { markup, trustedHtml, type SafeHtml } from '../../shared/html-escape.js';
import { HTML_REPORT_CSS } from './html-report-style.js';
import { isReceiverReport, isReceiverResult } from './receiver-report-types.js';
import { formatSlowest, receiverRuleFacts, receiverRuleFigure, receiverRunFacts } from './receiver-html.js';
import { describePoint } from './refresh-report.js';
import type {
  AdapterInfo,
  CertificationReport,
  RefreshModelReport,
  RefreshPoint,
  RuleResult,
  Verdict,
} from './report-types.js';
import { formatDuration, formatSeconds, formatTimestamp } from '../../shared/time-format.js';
import { renderTimelineSvg } from '../../shared/timeline/timeline-svg.js';

/**
 * The HTML certification report: one self-contained file a partner can send to VectorCare. No scripts,
 * no external resources (a Content-Security-Policy forbids both), inline CSS, readable printed. Every
 * string from the report is escaped: the adapter's name, version, library and log are untrusted.
 *
 * Stable hooks for tests: `.status[data-certified]`, `table.verdicts tr[data-rule][data-verdict]`,
 * `section.rule[data-rule]`, `svg.timeline`, `.token-bar`, `.call-tick`, `.token-request`, `.kit-action`,
 * `section.refresh-model[data-model]`, `table.refresh-points tr[data-lifetime][data-kind][data-source]`,
 * `.caught-by[data-rule]`.
 */

const VERDICT_SYMBOL: Readonly<Record<Verdict, string>> = {
  PASS: '✔',
  FAIL: '✘',
  WARN: '!',
  SKIP: '–',
  ERROR: '⚠',
};

const VERDICT_ORDER: readonly Verdict[] = ['PASS', 'FAIL', 'WARN', 'SKIP', 'ERROR'];

const VERDICT_WORDS: Readonly<Record<Verdict, string>> = {
  PASS: 'passed',
  FAIL: 'failed',
  WARN: 'warned',
  SKIP: 'skipped',
  ERROR: 'errored',
};

/** Inline styles and nothing else: the file can neither fetch nor run anything, whatever it contains. */
const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'";

/** Fields of the ready message the report shows by name; any others are listed as given. */
const ADAPTER_FIELDS = new Set(['type', 'name', 'version', 'library', 'concurrent', 'role']);

function verdictBadge(verdict: Verdict): SafeHtml {
  return markup`<span class="verdict verdict-${verdict}" data-verdict="${verdict}">${VERDICT_SYMBOL[verdict]} ${verdict}</span>`;
}

function ruleAnchor(rule: string): string {
  return `rule-${rule}`;
}

function formatPercent(value: number | undefined): string {
  return value === undefined ? '—' : `${value.toFixed(1)} %`;
}

/** The refresh point a rule judged, for its cell: "80.0 % of 3600 s", or the one it measured. */
function refreshCell(result: RuleResult): string {
  const point = result.refresh_points?.[0];
  if (point?.kind === 'point' && point.percent !== undefined)
    return `${point.percent.toFixed(1)} % of ${point.lifetime_s} s`;
  if (point !== undefined) return point.kind;
  return formatPercent(result.refresh_point_percent);
}

const KIND_WORDS: Readonly<Record<RefreshPoint['kind'], string>> = {
  point: 'replaced',
  'every-call': 'a new token for every call',
  never: 'never before expiry',
  refused: 'not located: calls refused',
};

function renderPointRow(point: RefreshPoint, vectorcare: boolean): SafeHtml {
  const located = point.kind === 'point';
  const cell = (value: string | undefined): SafeHtml => markup`<td>${value ?? '—'}</td>`;
  return markup`
<tr data-lifetime="${String(point.lifetime_s)}" data-kind="${point.kind}" data-source="${point.source}"${vectorcare ? markup` class="vectorcare"` : markup``}><td>${point.lifetime_s} s${vectorcare ? ' (VectorCare)' : ''}</td><td>${point.source}</td><td>${located ? `${(point.percent ?? 0).toFixed(2)} %` : KIND_WORDS[point.kind]}</td>${cell(located && point.error_percent !== undefined ? `±${point.error_percent.toFixed(2)} %` : undefined)}${cell(located && point.seconds_before_expiry !== undefined ? `${point.seconds_before_expiry.toFixed(3)} s` : undefined)}${cell(point.trigger)}${cell(point.probes === undefined ? undefined : String(point.probes))}</tr>`;
}

function renderRefreshModel(model: RefreshModelReport | undefined): SafeHtml | null {
  if (model === undefined) return null;
  const rows = [
    ...model.points.map((point) => renderPointRow(point, false)),
    model.vectorcare === undefined || model.vectorcare.source === 'measured'
      ? null
      : renderPointRow(model.vectorcare, true),
  ];
  const at = model.vectorcare === undefined ? 'unknown' : describePoint(model.vectorcare);
  return markup`<section class="refresh-model" data-model="${model.class}">
<h2>Refresh model: ${model.class}</h2>
<p class="model-description">${model.description}. At VectorCare's 3600 s: ${at}${model.vectorcare === undefined ? '' : ` (${model.vectorcare.source})`}.</p>
<table class="refresh-points">
<thead><tr><th>Lifetime</th><th>Source</th><th>Refresh point</th><th>±</th><th>Before expiry</th><th>Trigger</th><th>Probes</th></tr></thead>
<tbody>${rows}
</tbody>
</table>
<p class="note">Each lifetime was measured with a fresh client: ages are counted from when the mock sent the token. Trigger: call (the client asked for a new token while making a call), own (between calls), 401 (only once the hub refused the token as just expired).</p>
</section>`;
}

function adapterTitle(adapter: AdapterInfo | null): string {
  return adapter === null ? 'An adapter that never became ready' : `${adapter.name} ${adapter.version}`;
}

function adapterExtras(adapter: AdapterInfo): [string, string][] {
  return Object.entries(adapter)
    .filter(([key]) => !ADAPTER_FIELDS.has(key))
    .map(([key, value]) => [
      key,
      typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value)),
    ]);
}

function renderStatus(report: CertificationReport): SafeHtml {
  const notPassed = report.results.filter(
    (result) => result.level === 'required' && result.verdict !== 'PASS',
  );
  let reason: SafeHtml;
  if (report.adapter === null) {
    reason = markup`The adapter never became ready, so no rule could be judged.`;
  } else if (report.certified) {
    reason = markup`Every required rule passed.`;
  } else if (notPassed.length > 0) {
    const links = notPassed.map(
      (result, i) =>
        markup`${i > 0 ? ', ' : ''}<a href="#${ruleAnchor(result.rule)}">${result.rule}</a> (${result.verdict})`,
    );
    reason = markup`Required rules not passed: ${links}.`;
  } else {
    reason = markup`Not every required rule passed.`;
  }
  const counts = VERDICT_ORDER.map((verdict) => ({
    verdict,
    count: report.results.filter((result) => result.verdict === verdict).length,
  }))
    .filter(({ count }) => count > 0)
    .map(
      ({ verdict, count }) =>
        markup`<span class="verdict verdict-${verdict}">${count} ${VERDICT_WORDS[verdict]}</span>`,
    );
  return markup`<div class="status ${report.certified ? 'certified' : 'not-certified'}" data-certified="${String(report.certified)}">
<div class="status-word">${report.certified ? '✔ Certified' : '✘ Not certified'}</div>
<div><p>${reason}</p><div class="counts">${counts}</div></div>
</div>`;
}

function renderMeta(report: CertificationReport): SafeHtml {
  const adapter = report.adapter;
  const item = (key: string, label: string, value: SafeHtml | string): SafeHtml =>
    markup`<div data-field="${key}"><dt>${label}</dt><dd>${value}</dd></div>`;
  const margins = Object.entries(report.margins);
  const concurrent = adapter?.concurrent === undefined ? 'not stated' : adapter.concurrent ? 'yes' : 'no';
  return markup`<dl class="meta">${[
    item(
      'adapter',
      'Adapter',
      adapter === null ? 'never became ready' : markup`<strong>${adapter.name}</strong> ${adapter.version}`,
    ),
    adapter === null ? null : item('library', 'Library', adapter.library ?? 'not stated'),
    adapter === null || isReceiverReport(report) ? null : item('concurrent', 'Concurrent calls', concurrent),
    adapter === null ? null : adapterExtras(adapter).map(([key, value]) => item(`extra-${key}`, key, value)),
    item('kit', 'Kit', `${report.kit.name} ${report.kit.version}`),
    item('profile', 'Profile', report.profile),
    isReceiverReport(report)
      ? receiverRunFacts(report, item)
      : item('lifetime', 'Token lifetime', `${report.lifetime} s`),
    item('started', 'Started', formatTimestamp(report.started_at)),
    item('duration', 'Duration', formatDuration(report.duration_ms)),
    margins.length === 0
      ? item('margins', 'Margins', 'none stated')
      : markup`<div data-field="margins" class="wide"><dt>Margins and tolerances</dt><dd class="margins">${margins.map(
          ([key, value]) => markup`<span class="mono">${key}</span><span>${String(value)}</span>`,
        )}</dd></div>`,
  ]}</dl>`;
}

function renderVerdictTable(results: readonly RuleResult[], receiver: boolean): SafeHtml {
  // A receiver gets no token: its table shows the slowest answer where a client's shows the refresh point.
  const extra = (result: RuleResult): string =>
    isReceiverResult(result) ? formatSlowest(result) : refreshCell(result);
  const rows = results.map(
    (result) => markup`
<tr data-rule="${result.rule}" data-verdict="${result.verdict}"><td class="rule-id"><a href="#${ruleAnchor(result.rule)}">${result.rule}</a></td><td><span class="level level-${result.level}">${result.level}</span></td><td>${verdictBadge(result.verdict)}</td><td class="summary-cell">${result.summary}</td><td class="refresh">${extra(result)}</td></tr>`,
  );
  return markup`<table class="verdicts">
<thead><tr><th>Rule</th><th>Level</th><th>Verdict</th><th>Why</th><th class="refresh">${receiver ? 'Slowest answer' : 'Refresh point'}</th></tr></thead>
<tbody>${rows}
</tbody>
</table>`;
}

function renderEvidence(result: RuleResult): SafeHtml {
  if (result.evidence.length === 0) return markup`<p class="none">No evidence was recorded.</p>`;
  const items = result.evidence.map(
    (evidence) =>
      markup`<li><span class="at">${evidence.at_ms === null ? '—' : formatSeconds(evidence.at_ms)}</span><span class="evidence-text">${evidence.text}</span></li>`,
  );
  return markup`<ol class="evidence">${items}</ol>`;
}

function renderActions(result: RuleResult): SafeHtml | null {
  const actions = result.timeline.actions.filter(
    (action) => action.kind !== 'call' && action.kind !== 'result',
  );
  if (actions.length === 0) return null;
  const items = actions.map(
    (action) =>
      markup`<li data-kind="${action.kind}"><span class="at">${formatSeconds(action.at_ms)}</span><span class="evidence-text"><strong>${action.kind}</strong>: ${action.detail}</span></li>`,
  );
  return markup`<h3>Kit actions</h3><ul class="actions">${items}</ul>`;
}

function renderAdapterLog(log: string): SafeHtml {
  if (log.trim() === '') {
    return markup`<h3>Adapter log</h3><p class="none adapter-log-empty">The adapter wrote nothing to stderr.</p>`;
  }
  const lines = log.replace(/\n$/, '').split('\n').length;
  return markup`<h3>Adapter log</h3><details class="adapter-log"><summary>stderr, ${lines} ${lines === 1 ? 'line' : 'lines'}</summary><pre>${log}</pre></details>`;
}

function renderRule(result: RuleResult): SafeHtml {
  const timeline = result.timeline;
  const fact = (label: string, value: string): SafeHtml =>
    markup`<div><dt>${label}</dt><dd>${value}</dd></div>`;
  const facts = [
    ...(result.refresh_points ?? []).map((point) =>
      fact(`Refresh point, ${point.lifetime_s} s (${point.source})`, describePoint(point)),
    ),
    result.refresh_point_percent === undefined
      ? null
      : fact('Second token requested at', formatPercent(result.refresh_point_percent)),
    fact('Token lifetime', `${timeline.lifetime_s} s`),
    fact('Refresh mark', `${Math.round(timeline.refresh_mark * 100)} %`),
    fact('Token requests', String(timeline.tokens.length)),
    fact('API calls', String(timeline.calls.length)),
    fact('Scenario ran', formatDuration(result.duration_ms)),
  ];
  // A receiver's rule shows its deliveries instead of tokens and calls.
  const receiver = isReceiverResult(result);
  return markup`
<section class="rule" id="${ruleAnchor(result.rule)}" data-rule="${result.rule}" data-verdict="${result.verdict}">
<header><h2>${result.rule}</h2>${verdictBadge(result.verdict)}<span class="level level-${result.level}">${result.level}</span></header>
<p class="statement">${result.statement}</p>
<p class="summary">${result.summary}</p>
${result.caught_by === undefined ? null : markup`<p class="caught-by" data-rule="${result.caught_by}">Not judged: <a href="#${ruleAnchor(result.caught_by)}">${result.caught_by}</a> judges the behaviour that made this rule impossible to exercise.</p>`}
<dl class="facts">${receiver ? receiverRuleFacts(result, fact) : facts}</dl>
<figure class="timeline-figure">${receiver ? receiverRuleFigure(result) : renderTimelineSvg(timeline, result.rule)}<figcaption>Seconds from the scenario's start. Hover a mark for its details.</figcaption></figure>
${renderActions(result)}
<h3>Evidence</h3>${renderEvidence(result)}
${renderAdapterLog(result.adapter_log)}
</section>`;
}

/**
 * Renders a certification report as one self-contained HTML document.
 *
 * @example
 * writeFileSync('report.html', renderHtmlReport(report));
 */
export function renderHtmlReport(report: CertificationReport): string {
  const adapter = report.adapter;
  const receiver = isReceiverReport(report);
  const title = `VectorCare certification: ${adapterTitle(adapter)}, ${report.certified ? 'certified' : 'not certified'}`;
  const using = adapter?.library === undefined ? '' : ` using ${adapter.library}`;
  return markup`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${report.kit.name} ${report.kit.version}">
<title>${title}</title>
<style>${trustedHtml(HTML_REPORT_CSS)}</style>
</head>
<body>
<header class="report-header">
<h1>VectorCare ${receiver ? 'webhook receiver' : 'client'} certification</h1>
<p class="subtitle">${adapterTitle(adapter)}${using}, checked by ${report.kit.name} ${report.kit.version} in the ${report.profile} profile.</p>
${renderStatus(report)}
${renderMeta(report)}
</header>
<main>
<h2 class="table-title">Verdicts</h2>
${renderVerdictTable(report.results, receiver)}
${renderRefreshModel(report.refresh_model)}
${report.results.map((result) => renderRule(result))}
</main>
<footer>Generated by ${report.kit.name} ${report.kit.version}. Every verdict is judged from ${receiver ? "what the kit sent, the receiver's HTTP answers and the adapter's applied and state messages" : 'the traffic the mock recorded'}, never from what the adapter says about itself. Required rules decide certification; recommended ones warn. Times are seconds from each scenario's start.</footer>
</body>
</html>
`.value;
}
