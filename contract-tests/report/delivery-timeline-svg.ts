import { markup, type SafeHtml } from '../../shared/html-escape.js';
import type { DeliveryAttemptMark, DeliveryTimeline } from './receiver-report-types.js';
import type { TimelineAction } from './report-types.js';
import { formatSeconds } from '../../shared/time-format.js';
import { renderTimeGrid } from '../../shared/timeline/timeline-axis.js';
import { layoutLegend, type LegendItem } from '../../shared/timeline/timeline-legend.js';
import { ACTION_COLOURS, TIMELINE_COLOURS as C } from '../../shared/timeline/timeline-palette.js';

/**
 * The delivery timeline of one receiver scenario, as inline SVG: a row per event the kit made, with every POST
 * of it as a tick from its start to the end of its answer, coloured by outcome (2xx, 401, any other status, no
 * answer, or the kit hanging up), the sender's next attempt where one was due, and each applied message as a
 * dot; a row for the state queries; the kit's actions on a row of their own; an axis in seconds and a legend.
 *
 * Like the token timeline (timeline-svg.ts), colours are presentation attributes and the class names and data
 * attributes are stable: tests find `.attempt-tick[data-outcome]`, `.applied-mark`, `.retry-due`,
 * `.state-query` and `.kit-action` by them.
 */

const WIDTH = 960;
const PLOT_LEFT = 200;
const PLOT_RIGHT = WIDTH - 28;
const PLOT_WIDTH = PLOT_RIGHT - PLOT_LEFT;
const TOP = 4;
const KIT_ROW_HEIGHT = 18;
const ROW_HEIGHT = 30;
/** In an event's row: the POST ticks in the upper part, the applied dots under them, so neither hides the other. */
const TICK_TOP = 3;
const TICK_HEIGHT = 15;
const APPLIED_Y = 23;
const AXIS_HEIGHT = 26;
const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

/** The colour of an applied message's dot. */
const APPLIED_COLOUR = '#0969da';
const STATE_COLOUR = '#59636e';

/** How a POST ended, for its colour. */
export type AttemptOutcome =
  'outcome-2xx' | 'outcome-401' | 'outcome-error' | 'outcome-no-answer' | 'outcome-dropped';

export function attemptOutcome(attempt: DeliveryAttemptMark): AttemptOutcome {
  if (attempt.dropped) return 'outcome-dropped';
  if (attempt.status === null) return 'outcome-no-answer';
  if (attempt.delivered) return 'outcome-2xx';
  if (attempt.status === 401) return 'outcome-401';
  return 'outcome-error';
}

const OUTCOME_COLOURS: Readonly<Record<AttemptOutcome, string>> = {
  'outcome-2xx': C.ok,
  'outcome-401': C.unauthorized,
  'outcome-error': C.otherError,
  'outcome-no-answer': C.dropped,
  'outcome-dropped': C.dropped,
};

const OUTCOME_WORDS: Readonly<Record<AttemptOutcome, string>> = {
  'outcome-2xx': 'POST answered 2xx',
  'outcome-401': 'POST answered 401',
  'outcome-error': 'POST answered another status',
  'outcome-no-answer': 'POST with no answer (timeout, refused, reset)',
  'outcome-dropped': 'the kit hung up after sending',
};

const OUTCOME_ORDER: readonly AttemptOutcome[] = [
  'outcome-2xx',
  'outcome-401',
  'outcome-error',
  'outcome-no-answer',
  'outcome-dropped',
];

const n = (value: number): number => Math.round(value * 10) / 10;

function attemptTitle(attempt: DeliveryAttemptMark): string {
  const what =
    attempt.kind === 'vectorcare'
      ? `${attempt.event} ${attempt.redelivery ? 'redelivery' : 'delivery'}, attempt ${attempt.attempt ?? '?'}`
      : `${attempt.event}, crafted POST (${attempt.variant ?? 'crafted'})`;
  const outcome = attempt.dropped
    ? 'the kit hung up right after sending'
    : attempt.status === null
      ? `no answer: ${attempt.error ?? 'unknown'}`
      : `${attempt.status} in ${Math.round(attempt.duration_ms)} ms${attempt.error === null ? '' : `, then ${attempt.error}`}`;
  const next =
    attempt.next_attempt_at_ms === null
      ? ''
      : `; next attempt due at ${formatSeconds(attempt.next_attempt_at_ms)}`;
  return `${formatSeconds(attempt.at_ms)}: ${what}, ${attempt.bytes} bytes → ${outcome}${next}`;
}

function outcomeSwatch(outcome: AttemptOutcome): SafeHtml {
  const colour = OUTCOME_COLOURS[outcome];
  return outcome === 'outcome-dropped'
    ? markup`<rect x="4" y="-6" width="12" height="12" fill="none" stroke="${colour}" stroke-width="1.5" stroke-dasharray="3 2"></rect>`
    : markup`<rect x="4" y="-6" width="12" height="12" fill="${colour}"></rect>`;
}

/**
 * Renders a receiver scenario's deliveries as an inline SVG element.
 *
 * @example
 * markup`<figure>${renderDeliveryTimelineSvg(result.deliveries, result.timeline.actions, result.rule)}</figure>`
 */
export function renderDeliveryTimelineSvg(
  timeline: DeliveryTimeline,
  actions: readonly TimelineAction[],
  rule: string,
): SafeHtml {
  const labels = new Map(timeline.events.map((event, index) => [event.event, index]));
  const unknownApplied = timeline.applied.filter((mark) => mark.event === null || !labels.has(mark.event));
  const eventRows = timeline.events.length;
  const unknownRow = unknownApplied.length > 0 ? eventRows : null;
  const stateRow = timeline.states.length > 0 ? eventRows + (unknownRow === null ? 0 : 1) : null;
  const rowCount = eventRows + (unknownRow === null ? 0 : 1) + (stateRow === null ? 0 : 1);
  const marked = actions.filter((action) => action.kind !== 'call' && action.kind !== 'result');

  const domainMs = Math.max(
    1,
    timeline.end_ms,
    ...timeline.attempts.map((attempt) => attempt.at_ms + attempt.duration_ms),
    ...timeline.applied.map((mark) => mark.at_ms),
    ...timeline.states.map((mark) => mark.at_ms),
    ...marked.map((action) => action.at_ms),
  );
  const x = (ms: number): number => PLOT_LEFT + (Math.min(Math.max(ms, 0), domainMs) / domainMs) * PLOT_WIDTH;

  const kitY = TOP + KIT_ROW_HEIGHT / 2;
  const rowsTop = TOP + KIT_ROW_HEIGHT;
  const rowTop = (row: number): number => rowsTop + row * ROW_HEIGHT;
  const rowMid = (row: number): number => rowTop(row) + ROW_HEIGHT / 2;
  const rowsBottom = rowTop(rowCount);
  const axisTop = rowsBottom + 4;

  const outcomes = new Set(timeline.attempts.map(attemptOutcome));
  const retries = timeline.attempts.filter(
    (attempt) =>
      attempt.next_attempt_at_ms !== null &&
      attempt.next_attempt_at_ms <= domainMs &&
      !timeline.attempts.some(
        (later) => later.event === attempt.event && later.at_ms >= (attempt.next_attempt_at_ms ?? 0) - 1,
      ),
  );
  const legendItems: LegendItem[] = [
    ...OUTCOME_ORDER.filter((outcome) => outcomes.has(outcome)).map((outcome) => ({
      swatch: outcomeSwatch(outcome),
      text: OUTCOME_WORDS[outcome],
    })),
    ...(retries.length > 0
      ? [
          {
            swatch: markup`<circle cx="10" cy="0" r="4" fill="#ffffff" stroke="${C.muted}" stroke-width="1.5"></circle>`,
            text: 'retry due, not reached',
          },
        ]
      : []),
    ...(timeline.applied.length > 0
      ? [
          {
            swatch: markup`<circle cx="10" cy="0" r="4.5" fill="${APPLIED_COLOUR}" stroke="#ffffff" stroke-width="1.2"></circle>`,
            text: 'applied (the adapter said so)',
          },
        ]
      : []),
    ...(timeline.states.length > 0
      ? [
          {
            swatch: markup`<rect x="6" y="-4" width="8" height="8" fill="${STATE_COLOUR}"></rect>`,
            text: 'state query',
          },
        ]
      : []),
    ...[...new Set(marked.map((action) => action.kind))].map((kind) => ({
      swatch: markup`<path d="M10 -5 L15 0 L10 5 L5 0 Z" fill="${ACTION_COLOURS[kind]}"></path>`,
      text: `kit: ${kind}`,
    })),
  ];
  const legend = layoutLegend(legendItems, axisTop + AXIS_HEIGHT, PLOT_LEFT, WIDTH - 4);
  const height = axisTop + AXIS_HEIGHT + legend.height + 4;

  const rowLabel = (y: number, text: string, title?: string): SafeHtml =>
    markup`<text class="row-label" x="${PLOT_LEFT - 10}" y="${n(y + 4)}" text-anchor="end" fill="${C.muted}">${title === undefined ? null : markup`<title>${title}</title>`}${text}</text>`;

  const grid = renderTimeGrid(domainMs, x, TOP, axisTop);

  const stripes = Array.from({ length: rowCount }, (_, row) =>
    row % 2 === 0
      ? markup`<rect x="${PLOT_LEFT}" y="${n(rowTop(row))}" width="${PLOT_WIDTH}" height="${ROW_HEIGHT}" fill="${C.rowStripe}"></rect>`
      : null,
  );

  const rowLabels = [
    rowLabel(kitY, 'kit'),
    timeline.events.map((event, index) =>
      rowLabel(
        rowMid(index),
        `${event.event} · ${event.action}`,
        `${event.event}: ${event.action} / ${event.request_status} for ${event.service_request_id}, event ${event.event_id}, event_timestamp ${event.event_timestamp}`,
      ),
    ),
    unknownRow === null ? null : rowLabel(rowMid(unknownRow), 'events never sent'),
    stateRow === null ? null : rowLabel(rowMid(stateRow), 'state queries'),
  ];

  const ticks = timeline.attempts.map((attempt) => {
    const row = labels.get(attempt.event) ?? 0;
    const outcome = attemptOutcome(attempt);
    const colour = OUTCOME_COLOURS[outcome];
    const x1 = x(attempt.at_ms);
    const width = Math.max(3, x(attempt.at_ms + attempt.duration_ms) - x1);
    const y = rowTop(row) + TICK_TOP;
    const style =
      outcome === 'outcome-dropped'
        ? markup`fill="#ffffff" stroke="${colour}" stroke-width="1.5" stroke-dasharray="3 2"`
        : markup`fill="${colour}"`;
    return markup`<rect class="attempt-tick ${outcome}" data-outcome="${outcome}" data-status="${attempt.status ?? ''}" data-event="${attempt.event}" data-attempt="${attempt.attempt ?? ''}" data-variant="${attempt.variant ?? ''}" data-at-ms="${n(attempt.at_ms)}" x="${n(x1 - 1)}" y="${n(y)}" width="${n(Math.max(3, width))}" height="${TICK_HEIGHT}" rx="1.5" ${style}><title>${attemptTitle(attempt)}</title></rect>`;
  });

  const dueMarks = retries.map((attempt) => {
    const row = labels.get(attempt.event) ?? 0;
    const at = attempt.next_attempt_at_ms ?? 0;
    return markup`<circle class="retry-due" data-event="${attempt.event}" data-at-ms="${n(at)}" cx="${n(x(at))}" cy="${n(rowTop(row) + TICK_TOP + TICK_HEIGHT / 2)}" r="4" fill="#ffffff" stroke="${C.muted}" stroke-width="1.5"><title>${formatSeconds(at)}: ${attempt.event}'s next attempt was due; the scenario ended first</title></circle>`;
  });

  const appliedMarks = timeline.applied.map((mark) => {
    const row = mark.event === null ? undefined : labels.get(mark.event);
    const y = rowTop(row ?? unknownRow ?? 0) + APPLIED_Y;
    return markup`<circle class="applied-mark" data-event="${mark.event ?? ''}" data-at-ms="${n(mark.at_ms)}" cx="${n(x(mark.at_ms))}" cy="${n(y)}" r="4.5" fill="${APPLIED_COLOUR}" stroke="#ffffff" stroke-width="1.2"><title>${formatSeconds(mark.at_ms)}: applied ${mark.event ?? `event ${mark.event_id} (never sent)`}: ${mark.action} / ${mark.request_status} for ${mark.service_request_id}</title></circle>`;
  });

  const stateMarks =
    stateRow === null
      ? []
      : timeline.states.map((mark) => {
          const held = !mark.answered
            ? 'no answer'
            : mark.request_status === null
              ? 'nothing held'
              : `${mark.request_status} / ${mark.action ?? 'no action'}${mark.event_id === null ? '' : ` (event ${mark.event_id})`}`;
          return markup`<rect class="state-query" data-at-ms="${n(mark.at_ms)}" x="${n(x(mark.at_ms) - 4)}" y="${n(rowMid(stateRow) - 4)}" width="8" height="8" fill="${STATE_COLOUR}"><title>${formatSeconds(mark.at_ms)}: state of ${mark.service_request_id}: ${held}</title></rect>`;
        });

  const actionMarks = marked.map((action) => {
    const ax = x(action.at_ms);
    return markup`<path class="kit-action" data-kind="${action.kind}" data-at-ms="${n(action.at_ms)}" d="M${n(ax)} ${n(kitY - 5)} L${n(ax + 5)} ${n(kitY)} L${n(ax)} ${n(kitY + 5)} L${n(ax - 5)} ${n(kitY)} Z" fill="${ACTION_COLOURS[action.kind]}"><title>${formatSeconds(action.at_ms)}: ${action.kind}: ${action.detail}</title></path>`;
  });

  const empty =
    timeline.attempts.length === 0
      ? markup`<text class="empty-note" x="${n(PLOT_LEFT + PLOT_WIDTH / 2)}" y="${n(kitY + 4)}" text-anchor="middle" fill="${C.muted}">The kit made no POST.</text>`
      : null;

  const delivered = timeline.attempts.filter((attempt) => attempt.delivered).length;
  const summary = `Deliveries of ${rule}: ${timeline.attempts.length} POSTs of ${timeline.events.length} events (${delivered} answered 2xx), ${timeline.applied.length} applied, over ${formatSeconds(domainMs)}.`;

  return markup`<svg class="delivery-timeline" data-rule="${rule}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${n(height)}" width="${WIDTH}" height="${n(height)}" role="img" aria-label="${summary}" font-family="${FONT_FAMILY}" font-size="11" fill="${C.ink}"><title>${summary}</title>${[
    stripes,
    grid,
    markup`<line x1="${PLOT_LEFT}" y1="${n(axisTop)}" x2="${PLOT_RIGHT}" y2="${n(axisTop)}" stroke="${C.muted}"></line>`,
    rowLabels,
    ticks,
    dueMarks,
    appliedMarks,
    stateMarks,
    actionMarks,
    empty,
    legend.markup,
  ]}</svg>`;
}
