import { markup, trustedHtml, type SafeHtml } from '../html-escape.js';
import type { Timeline, TimelineAction, TimelineCall, TimelineToken } from './timeline-types.js';
import { formatSeconds } from '../time-format.js';
import { renderTimelineLegend } from './timeline-legend.js';
import {
  ACTION_COLOURS,
  CALL_STATUS_COLOURS,
  TIMELINE_COLOURS as C,
  callStatusGroup,
  type CallStatusGroup,
} from './timeline-palette.js';

/**
 * The timeline picture of one scenario, as inline SVG: a row per issued token with its lifetime as a bar
 * (the 70% line dashed, the refresh mark solid), the API calls as ticks on the row of the token they
 * carried, coloured by status, every token request on a row of its own (failed ones as crosses), the
 * kit's actions as labelled markers, an axis in seconds and a legend.
 *
 * Colours are presentation attributes, not page CSS, so the picture looks the same printed, screenshotted
 * or copied out of the page. Class names and data attributes are stable: tests find `.token-bar`,
 * `.call-tick`, `.token-request`, `.kit-action` by them.
 */

const WIDTH = 960;
const PLOT_LEFT = 150;
const PLOT_RIGHT = WIDTH - 28;
const PLOT_WIDTH = PLOT_RIGHT - PLOT_LEFT;
const TOP = 4;
const LABEL_LANE_HEIGHT = 15;
const KIT_ROW_HEIGHT = 18;
const REQUEST_ROW_HEIGHT = 20;
const ROW_HEIGHT = 22;
/** Above this many rows, rows get thinner so the picture stays about this tall. */
const MAX_ROWS_HEIGHT = 480;
const AXIS_HEIGHT = 26;
/** Rough width of one character of the 11px bold action labels, to keep them from overlapping. */
const CHAR_WIDTH = 6.6;
/** The line the token-reuse rule judges by, as a fraction of a token's lifetime (DESIGN.md §6). */
const REUSE_LINE = 0.7;
const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

/** A coordinate, rounded so the markup stays small. */
function n(value: number): number {
  return Math.round(value * 10) / 10;
}

type IssuedToken = TimelineToken & { readonly jti: string; readonly expires_at_ms: number };

function isIssued(token: TimelineToken): token is IssuedToken {
  return token.jti !== null && token.expires_at_ms !== null;
}

/** Picks an axis step (seconds) giving at most about ten ticks. */
function axisStep(domainMs: number): number {
  const steps = [0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200];
  const seconds = domainMs / 1000;
  return steps.find((step) => seconds / step <= 10) ?? Math.ceil(seconds / 10 / 3600) * 3600;
}

function axisLabel(seconds: number): string {
  return `${Number(seconds.toFixed(2))} s`;
}

/** Calls the kit asks for and the results it gets are frequent, so they get small marks or none. */
function isLabelled(action: TimelineAction): boolean {
  return action.kind !== 'call' && action.kind !== 'result';
}

/** Kit actions this close together (px) share one marker, so their labels cannot collide. */
const GROUP_DISTANCE = 8;
/** A marker's title lists this many of its actions, then counts the rest. */
const MAX_TITLE_ACTIONS = 12;

interface ActionGroup {
  readonly x: number;
  readonly actions: readonly TimelineAction[];
  /** The kinds in the group, e.g. `revoke` or `note + revoke ×2`; details are in the title and the list. */
  readonly label: string;
}

function groupActions(
  actions: readonly TimelineAction[],
  x: (ms: number) => number,
  distance: number,
): ActionGroup[] {
  const groups: { x: number; actions: TimelineAction[] }[] = [];
  for (const action of [...actions].sort((a, b) => a.at_ms - b.at_ms)) {
    const last = groups.at(-1);
    if (last !== undefined && x(action.at_ms) - last.x < distance) last.actions.push(action);
    else groups.push({ x: x(action.at_ms), actions: [action] });
  }
  return groups.map((group) => {
    const counts = new Map<string, number>();
    for (const action of group.actions) counts.set(action.kind, (counts.get(action.kind) ?? 0) + 1);
    const label = [...counts].map(([kind, count]) => (count > 1 ? `${kind} ×${count}` : kind)).join(' + ');
    return { ...group, label };
  });
}

interface LabelPlacement {
  /** 0 is the lane just above the kit row; higher lanes stack upwards. */
  readonly lane: number;
  /** Near the right edge, or to stay clear of a neighbour, a label ends at its marker. */
  readonly anchorEnd: boolean;
}

/**
 * Places each group's label in the lowest lane where it overlaps no other label and crosses no other
 * group's guide line, trying the right of its marker first, then the left.
 */
function placeLabels(groups: readonly ActionGroup[]): LabelPlacement[] {
  const lanes: { start: number; end: number }[][] = [];
  return groups.map((group, index) => {
    const width = group.label.length * CHAR_WIDTH + 6;
    const crossesGuide = (span: { start: number; end: number }): boolean =>
      groups.some((other, j) => j !== index && other.x >= span.start && other.x <= span.end);
    const free = (lane: number, span: { start: number; end: number }): boolean =>
      (lanes[lane] ?? []).every((taken) => span.end + 6 < taken.start || span.start > taken.end + 6);
    const right = { start: group.x - 1, end: group.x + 4 + width };
    const left = { start: group.x - 4 - width, end: group.x + 1 };
    const options = [
      ...(right.end <= WIDTH - 2 ? [{ span: right, anchorEnd: false }] : []),
      ...(left.start >= 2 ? [{ span: left, anchorEnd: true }] : []),
    ];
    const clear = options.filter((option) => !crossesGuide(option.span));
    const candidates =
      clear.length > 0 ? clear : options.length > 0 ? options : [{ span: right, anchorEnd: false }];
    // A lane above all others is always free, so this ends.
    for (let lane = 0; ; lane += 1) {
      const fit = candidates.find((option) => free(lane, option.span));
      if (fit === undefined) continue;
      while (lanes.length <= lane) lanes.push([]);
      lanes[lane]?.push(fit.span);
      return { lane, anchorEnd: fit.anchorEnd };
    }
  });
}

function callTitle(call: TimelineCall): string {
  const check = call.token_check === null ? '' : `, token ${call.token_check}`;
  const status = call.status === 0 ? 'dropped' : String(call.status);
  const jti = call.jti === null ? 'no token' : `token ${call.jti}`;
  return `${formatSeconds(call.at_ms)}: ${call.method} ${call.path} with ${jti} → ${status}${check}`;
}

const STATUS_GROUPS: readonly CallStatusGroup[] = [
  'status-2xx',
  'status-401',
  'status-error',
  'status-dropped',
  'status-other',
];

interface CompactLayout {
  readonly x: (ms: number) => number;
  readonly rowOfCall: (call: TimelineCall) => number;
  readonly rowTop: (row: number) => number;
  readonly tickHeight: number;
  readonly rowName: (row: number) => string;
}

/**
 * The calls as one path per row and colour: a 3-wide stroke per call (calls in the same half pixel share
 * one), titled with the row, the count and the statuses. `data-count` says how many calls each path draws.
 */
function compactTicks(calls: readonly TimelineCall[], layout: CompactLayout): SafeHtml[] {
  // Keyed by row and colour as one number, and x in half pixels as integers: this runs once per call.
  const groups = STATUS_GROUPS.length;
  const paths = new Map<
    number,
    {
      row: number;
      group: CallStatusGroup;
      jti: string;
      xs: Set<number>;
      statuses: Map<number, number>;
      count: number;
    }
  >();
  for (const call of calls) {
    const row = layout.rowOfCall(call);
    const group = callStatusGroup(call.status);
    const key = row * groups + STATUS_GROUPS.indexOf(group);
    let path = paths.get(key);
    if (path === undefined) {
      path = { row, group, jti: call.jti ?? '', xs: new Set(), statuses: new Map(), count: 0 };
      paths.set(key, path);
    }
    path.xs.add(Math.round(layout.x(call.at_ms) * 2));
    path.statuses.set(call.status, (path.statuses.get(call.status) ?? 0) + 1);
    path.count += 1;
  }
  return [...paths.values()].map((path) => {
    // Only numbers and path commands: nothing in `d` needs escaping.
    const tail = ` ${layout.rowTop(path.row)}v${layout.tickHeight}`;
    let d = '';
    for (const halfPixels of path.xs) d += `M${halfPixels / 2}${tail}`;
    const statuses = [...path.statuses]
      .sort(([a], [b]) => a - b)
      .map(([status, count]) => `${count} × ${status === 0 ? 'dropped' : status}`)
      .join(', ');
    const title = `${layout.rowName(path.row)}: ${path.count} ${path.count === 1 ? 'call' : 'calls'} → ${statuses}`;
    return markup`<path class="call-ticks ${path.group}" data-count="${path.count}" data-jti="${path.jti}" d="${trustedHtml(d)}" stroke="${CALL_STATUS_COLOURS[path.group]}" stroke-width="3" fill="none"><title>${title}</title></path>`;
  });
}

/**
 * The kit's evidence names token requests T1, T2, ... in the order the mock recorded them, failed ones
 * included; the picture uses the same names so the two can be read side by side.
 */
function tokenName(index: number): string {
  return `T${index + 1}`;
}

function shortJti(jti: string): string {
  return jti.slice(0, 8);
}

function tokenRequestTitle(token: TimelineToken, name: string): string {
  const how = token.auth_method === null ? '' : ` (${token.auth_method})`;
  if (token.jti !== null) {
    const lifetime = token.expires_in === null ? '' : `, expires_in ${token.expires_in} s`;
    return `${formatSeconds(token.at_ms)}: token request ${name}${how} → ${token.status}, issued jti ${token.jti}${lifetime}`;
  }
  const error = token.error === null ? '' : ` ${token.error}`;
  return `${formatSeconds(token.at_ms)}: token request ${name}${how} failed → ${token.status}${error}`;
}

/** How a picture is drawn where it is not the report's. */
export interface TimelineSvgOptions {
  /** Who the actions are by, for the row label and the legend: `kit` (the default) or `control`. */
  readonly actor?: string;
  /** The present, ms from t0, drawn as a line: the dashboard's live edge. */
  readonly nowMs?: number;
  /**
   * Above this many calls, the calls on one row with one colour are drawn as one path, a tick each still,
   * under one title that counts them: a live page with thousands of calls would otherwise build, parse
   * and lay out an element (and a title) per call. The report draws every call as its own element.
   */
  readonly tickElementsUpTo?: number;
  /**
   * Actions closer than this (px, default 8) share one marker. A live page whose clock is moved every
   * second has hundreds of actions; a wider grouping keeps their markers, and the labels' lanes, few.
   */
  readonly actionGroupPx?: number;
}

/**
 * Renders a scenario's timeline as an inline SVG element.
 *
 * @example
 * markup`<figure>${renderTimelineSvg(result.timeline, result.rule)}</figure>`
 */
export function renderTimelineSvg(
  timeline: Timeline,
  rule: string,
  options: TimelineSvgOptions = {},
): SafeHtml {
  const actor = options.actor ?? 'kit';
  const issued = timeline.tokens.filter(isIssued);
  const nameOf = new Map(timeline.tokens.map((token, index) => [token, tokenName(index)]));
  const rowOfJti = new Map(issued.map((token, index) => [token.jti, index]));
  const orphanCalls = timeline.calls.filter((call) => call.jti === null || !rowOfJti.has(call.jti));
  const rowCount = issued.length + (orphanCalls.length > 0 ? 1 : 0);
  const rowHeight =
    rowCount * ROW_HEIGHT > MAX_ROWS_HEIGHT ? Math.max(6, MAX_ROWS_HEIGHT / rowCount) : ROW_HEIGHT;

  // The picture spans the scenario; a token still valid at its end runs off the right edge.
  const domainMs = Math.max(
    1,
    timeline.end_ms,
    ...timeline.tokens.map((token) => token.at_ms),
    ...timeline.calls.map((call) => call.at_ms),
    ...timeline.actions.map((action) => action.at_ms),
    options.nowMs ?? 0,
  );
  const x = (ms: number): number => PLOT_LEFT + (Math.min(Math.max(ms, 0), domainMs) / domainMs) * PLOT_WIDTH;
  const marksShown = (fraction: number): boolean =>
    issued.some((token) => token.at_ms + (token.expires_at_ms - token.at_ms) * fraction <= domainMs);

  const labelled = timeline.actions.filter(isLabelled);
  const kitCalls = timeline.actions.filter((action) => action.kind === 'call');
  const groups = groupActions(labelled, x, options.actionGroupPx ?? GROUP_DISTANCE);
  const placements = placeLabels(groups);
  const laneCount = Math.max(0, ...placements.map((placement) => placement.lane + 1));

  const kitTop = TOP + laneCount * LABEL_LANE_HEIGHT;
  const kitY = kitTop + KIT_ROW_HEIGHT / 2;
  const requestTop = kitTop + KIT_ROW_HEIGHT;
  const requestY = requestTop + REQUEST_ROW_HEIGHT / 2;
  const rowsTop = requestTop + REQUEST_ROW_HEIGHT;
  const rowTop = (row: number): number => rowsTop + row * rowHeight;
  const rowsBottom = rowTop(rowCount);
  const axisTop = rowsBottom + 4;
  const legend = renderTimelineLegend(
    {
      bars: issued.length > 0,
      reuseLine: marksShown(REUSE_LINE) ? REUSE_LINE : null,
      refreshMark: marksShown(timeline.refresh_mark) ? timeline.refresh_mark : null,
      issuedRequests: issued.length > 0,
      failedRequests: timeline.tokens.some((token) => token.jti === null),
      statuses: new Set(timeline.calls.map((call) => callStatusGroup(call.status))),
      kitCalls: kitCalls.length > 0,
      actionKinds: new Set(labelled.map((action) => action.kind)),
      actor,
      now: options.nowMs !== undefined,
    },
    axisTop + AXIS_HEIGHT,
    PLOT_LEFT,
    WIDTH - 4,
  );
  const height = axisTop + AXIS_HEIGHT + legend.height + 4;

  const rowLabel = (y: number, text: string, title?: string): SafeHtml =>
    markup`<text class="row-label" x="${PLOT_LEFT - 10}" y="${n(y + 4)}" text-anchor="end" fill="${C.muted}">${title === undefined ? null : markup`<title>${title}</title>`}${text}</text>`;

  const step = axisStep(domainMs);
  const grid: SafeHtml[] = [];
  for (let i = 0; i * step * 1000 <= domainMs + 1e-6; i += 1) {
    const tx = n(x(i * step * 1000));
    grid.push(
      markup`<line x1="${tx}" y1="${n(kitTop)}" x2="${tx}" y2="${n(axisTop)}" stroke="${C.grid}"></line>`,
      markup`<line x1="${tx}" y1="${n(axisTop)}" x2="${tx}" y2="${n(axisTop + 5)}" stroke="${C.muted}"></line>`,
      markup`<text class="axis-label" x="${tx}" y="${n(axisTop + 17)}" text-anchor="middle" fill="${C.muted}">${axisLabel(i * step)}</text>`,
    );
  }

  const stripes = Array.from({ length: rowCount }, (_, row) =>
    row % 2 === 0
      ? markup`<rect x="${PLOT_LEFT}" y="${n(rowTop(row))}" width="${PLOT_WIDTH}" height="${n(rowHeight)}" fill="${C.rowStripe}"></rect>`
      : null,
  );

  // Thin rows (a client that never stops asking for tokens) have no room for a label each.
  const showRowLabels = rowHeight >= 12;
  const rowLabels = [
    rowLabel(kitY, actor),
    rowLabel(requestY, 'token requests'),
    showRowLabels
      ? issued.map((token, index) =>
          rowLabel(
            rowTop(index) + rowHeight / 2,
            `${nameOf.get(token) ?? ''} · ${shortJti(token.jti)}`,
            token.jti,
          ),
        )
      : rowLabel(rowsTop + 8, `${issued.length} tokens, one a row`),
    orphanCalls.length > 0 && showRowLabels
      ? rowLabel(rowTop(issued.length) + rowHeight / 2, 'no or unknown token')
      : null,
  ];

  const inset = Math.min(4, rowHeight * 0.18);
  const bars = issued.map((token, index) => {
    const lifetimeMs = token.expires_at_ms - token.at_ms;
    const y = rowTop(index) + inset;
    const barHeight = rowHeight - 2 * inset;
    const x1 = x(token.at_ms);
    const x2 = Math.max(x(token.expires_at_ms), x1 + 2);
    const runsOff = token.expires_at_ms > domainMs;
    const title = `${nameOf.get(token) ?? ''} (jti ${token.jti}): issued ${formatSeconds(token.at_ms)}, expires ${formatSeconds(token.expires_at_ms)}${runsOff ? ', after the scenario ended' : ''}`;
    const mark = (fraction: number, className: string, style: SafeHtml): SafeHtml | null => {
      const at = token.at_ms + lifetimeMs * fraction;
      if (at > domainMs) return null;
      const mx = n(x(at));
      return markup`<line class="${className}" x1="${mx}" y1="${n(y - 2)}" x2="${mx}" y2="${n(y + barHeight + 2)}" ${style}></line>`;
    };
    const midY = y + barHeight / 2;
    const arrow = runsOff
      ? markup`<path class="runs-off" d="M${n(x2 - 7)} ${n(midY - 4)} L${n(x2 - 2)} ${n(midY)} L${n(x2 - 7)} ${n(midY + 4)}" fill="none" stroke="${C.barStroke}" stroke-width="1.5"></path>`
      : null;
    return markup`<g class="token" data-jti="${token.jti}"><rect class="token-bar" data-jti="${token.jti}" data-issued-ms="${n(token.at_ms)}" data-expires-ms="${n(token.expires_at_ms)}" x="${n(x1)}" y="${n(y)}" width="${n(x2 - x1)}" height="${n(barHeight)}" rx="3" fill="${C.bar}" stroke="${C.barStroke}"><title>${title}</title></rect>${[
      mark(
        REUSE_LINE,
        'reuse-line',
        markup`stroke="${C.reuseLine}" stroke-width="1.5" stroke-dasharray="3 2"`,
      ),
      mark(timeline.refresh_mark, 'refresh-mark', markup`stroke="${C.refreshMark}" stroke-width="2.5"`),
      arrow,
    ]}</g>`;
  });

  const tickHeight = n(Math.max(4, rowHeight - 2));
  const rowOfCall = (call: TimelineCall): number =>
    (call.jti === null ? undefined : rowOfJti.get(call.jti)) ?? issued.length;
  const compact = options.tickElementsUpTo !== undefined && timeline.calls.length > options.tickElementsUpTo;
  const ticks = compact
    ? compactTicks(timeline.calls, {
        x,
        rowOfCall,
        rowTop: (row) => n(rowTop(row) + 1),
        tickHeight,
        rowName: (row) => {
          const token = issued[row];
          return token === undefined
            ? 'no or unknown token'
            : `${nameOf.get(token) ?? ''} · ${shortJti(token.jti)}`;
        },
      })
    : timeline.calls.map((call) => {
        const group = callStatusGroup(call.status);
        return markup`<rect class="call-tick ${group}" data-status="${call.status}" data-jti="${call.jti ?? ''}" data-at-ms="${n(call.at_ms)}" x="${n(x(call.at_ms) - 1.5)}" y="${n(rowTop(rowOfCall(call)) + 1)}" width="3" height="${tickHeight}" fill="${CALL_STATUS_COLOURS[group]}"><title>${callTitle(call)}</title></rect>`;
      });

  const tokenRequests = timeline.tokens.map((token) => {
    const tx = x(token.at_ms);
    const title = tokenRequestTitle(token, nameOf.get(token) ?? '');
    if (token.jti !== null) {
      return markup`<circle class="token-request token-request-ok" data-status="${token.status}" cx="${n(tx)}" cy="${n(requestY)}" r="4" fill="${C.tokenOk}"><title>${title}</title></circle>`;
    }
    const [l, r, t, b] = [n(tx - 4), n(tx + 4), n(requestY - 4), n(requestY + 4)];
    return markup`<path class="token-request token-request-failed" data-status="${token.status}" d="M${l} ${t} L${r} ${b} M${r} ${t} L${l} ${b}" stroke="${C.tokenFailed}" stroke-width="2.2"><title>${title}</title></path>`;
  });

  const kitCallMarks = kitCalls.map((action) => {
    const ax = x(action.at_ms);
    const title = `${formatSeconds(action.at_ms)}: the kit asks for ${action.detail}`;
    return markup`<path class="kit-call" d="M${n(ax - 4)} ${n(kitY - 4)} L${n(ax + 4)} ${n(kitY - 4)} L${n(ax)} ${n(kitY + 3)} Z" fill="#ffffff" stroke="${C.kitCall}" stroke-width="1.2"><title>${title}</title></path>`;
  });

  const actionMarkers = groups.map((group, i) => {
    const first = group.actions[0];
    const colour = first === undefined ? C.muted : ACTION_COLOURS[first.kind];
    const placement = placements[i] ?? { lane: 0, anchorEnd: false };
    const labelY = kitTop - 4 - placement.lane * LABEL_LANE_HEIGHT;
    const listed = group.actions
      .slice(0, MAX_TITLE_ACTIONS)
      .map((action) => `${formatSeconds(action.at_ms)}: ${action.kind}: ${action.detail}`);
    const unlisted = group.actions.length - listed.length;
    const title = [...listed, ...(unlisted > 0 ? [`… and ${unlisted} more`] : [])].join('\n');
    const gx = n(group.x);
    const label = placement.anchorEnd
      ? markup`<text class="action-label" x="${n(group.x - 4)}" y="${n(labelY)}" text-anchor="end" fill="${colour}" font-weight="600">${group.label}</text>`
      : markup`<text class="action-label" x="${n(group.x + 4)}" y="${n(labelY)}" fill="${colour}" font-weight="600">${group.label}</text>`;
    return markup`<g class="kit-action" data-kind="${group.actions.map((action) => action.kind).join(' ')}" data-at-ms="${n(first?.at_ms ?? 0)}"><title>${title}</title><line x1="${gx}" y1="${n(labelY - 9)}" x2="${gx}" y2="${n(rowsBottom)}" stroke="${colour}" stroke-width="1.2" stroke-dasharray="4 3"></line><path d="M${gx} ${n(kitY - 6)} L${n(group.x + 6)} ${n(kitY)} L${gx} ${n(kitY + 6)} L${n(group.x - 6)} ${n(kitY)} Z" fill="${colour}"></path>${label}</g>`;
  });

  const nowLine =
    options.nowMs === undefined
      ? null
      : markup`<g class="now" data-at-ms="${n(options.nowMs)}"><title>now: ${formatSeconds(options.nowMs)}</title><line x1="${n(x(options.nowMs))}" y1="${n(kitTop)}" x2="${n(x(options.nowMs))}" y2="${n(axisTop)}" stroke="${C.now}" stroke-width="2"></line></g>`;

  const empty =
    timeline.tokens.length === 0 && timeline.calls.length === 0
      ? markup`<text class="empty-note" x="${n(PLOT_LEFT + PLOT_WIDTH / 2)}" y="${n(requestY + 4)}" text-anchor="middle" fill="${C.muted}">No token request and no API call were recorded.</text>`
      : null;

  const summary = `Timeline of ${rule}: ${timeline.tokens.length} token requests (${issued.length} issued), ${timeline.calls.length} API calls over ${formatSeconds(domainMs)}; token lifetime ${timeline.lifetime_s} s.`;

  return markup`<svg class="timeline" data-rule="${rule}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${n(height)}" width="${WIDTH}" height="${n(height)}" role="img" aria-label="${summary}" font-family="${FONT_FAMILY}" font-size="11" fill="${C.ink}"><title>${summary}</title>${[
    stripes,
    grid,
    markup`<line x1="${PLOT_LEFT}" y1="${n(axisTop)}" x2="${PLOT_RIGHT}" y2="${n(axisTop)}" stroke="${C.muted}"></line>`,
    rowLabels,
    bars,
    ticks,
    tokenRequests,
    // The kit's call marks go over the action markers, which are larger and often at the same instant.
    actionMarkers,
    kitCallMarks,
    nowLine,
    empty,
    legend.markup,
  ]}</svg>`;
}
