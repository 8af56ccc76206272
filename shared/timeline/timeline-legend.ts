import { markup, type SafeHtml } from '../html-escape.js';
import type { TimelineAction } from './timeline-types.js';
import {
  ACTION_COLOURS,
  CALL_STATUS_COLOURS,
  CALL_STATUS_WORDS,
  TIMELINE_COLOURS,
  type CallStatusGroup,
} from './timeline-palette.js';

/**
 * The legend under a timeline picture. It names only what the picture shows, so a scenario with no 401
 * does not list one, and it is part of the SVG so a screenshot or print of one picture explains itself.
 */

/** What a timeline contains, which decides the legend's entries. */
export interface LegendContent {
  readonly bars: boolean;
  /** The 70% line and the refresh mark as fractions of a lifetime, or null when no bar shows them. */
  readonly reuseLine: number | null;
  readonly refreshMark: number | null;
  readonly issuedRequests: boolean;
  readonly failedRequests: boolean;
  readonly statuses: ReadonlySet<CallStatusGroup>;
  readonly kitCalls: boolean;
  readonly actionKinds: ReadonlySet<TimelineAction['kind']>;
  /** Who the actions are by (default `kit`). */
  readonly actor?: string;
  /** The picture has a line for the present. */
  readonly now?: boolean;
}

export const LEGEND_LINE_HEIGHT = 18;
const SWATCH_WIDTH = 20;
/** Rough width of one character of the 11px legend text. */
const CHAR_WIDTH = 5.8;
const STATUS_ORDER: readonly CallStatusGroup[] = [
  'status-2xx',
  'status-401',
  'status-error',
  'status-dropped',
  'status-other',
];
const ACTION_ORDER: readonly TimelineAction['kind'][] = ['revoke', 'clock', 'fault', 'reset', 'note'];

interface LegendItem {
  readonly swatch: SafeHtml;
  readonly text: string;
}

function items(content: LegendContent): LegendItem[] {
  const c = TIMELINE_COLOURS;
  const list: LegendItem[] = [];
  if (content.bars) {
    list.push({
      swatch: markup`<rect x="0" y="-5" width="20" height="10" rx="2" fill="${c.bar}" stroke="${c.barStroke}"></rect>`,
      text: 'token lifetime, issue → expiry',
    });
  }
  if (content.reuseLine !== null) {
    list.push({
      swatch: markup`<line x1="10" y1="-7" x2="10" y2="7" stroke="${c.reuseLine}" stroke-dasharray="3 2" stroke-width="1.5"></line>`,
      text: `${Math.round(content.reuseLine * 100)}% of lifetime`,
    });
  }
  if (content.refreshMark !== null) {
    list.push({
      swatch: markup`<line x1="10" y1="-7" x2="10" y2="7" stroke="${c.refreshMark}" stroke-width="2.5"></line>`,
      text: `refresh mark, ${Math.round(content.refreshMark * 100)}%`,
    });
  }
  if (content.issuedRequests) {
    list.push({
      swatch: markup`<circle cx="10" cy="0" r="4" fill="${c.tokenOk}"></circle>`,
      text: 'token issued',
    });
  }
  if (content.failedRequests) {
    list.push({
      swatch: markup`<path d="M6 -4 L14 4 M14 -4 L6 4" stroke="${c.tokenFailed}" stroke-width="2.2"></path>`,
      text: 'token request failed',
    });
  }
  for (const group of STATUS_ORDER) {
    if (!content.statuses.has(group)) continue;
    list.push({
      swatch: markup`<rect x="8.5" y="-7" width="3" height="14" fill="${CALL_STATUS_COLOURS[group]}"></rect>`,
      text: CALL_STATUS_WORDS[group],
    });
  }
  if (content.kitCalls) {
    list.push({
      swatch: markup`<path d="M6 -4 L14 -4 L10 3 Z" fill="none" stroke="${c.kitCall}" stroke-width="1.2"></path>`,
      text: 'kit asks for a call',
    });
  }
  for (const kind of ACTION_ORDER) {
    if (!content.actionKinds.has(kind)) continue;
    list.push({
      swatch: markup`<path d="M10 -5 L15 0 L10 5 L5 0 Z" fill="${ACTION_COLOURS[kind]}"></path>`,
      text: `${content.actor ?? 'kit'}: ${kind}`,
    });
  }
  if (content.now === true) {
    list.push({
      swatch: markup`<line x1="10" y1="-7" x2="10" y2="7" stroke="${c.now}" stroke-width="2"></line>`,
      text: 'now (mock clock)',
    });
  }
  return list;
}

/**
 * Lays the legend out from `left` in lines that fit before `right`, starting at `top`.
 * Returns the markup and the height it takes (0 when there is nothing to explain).
 */
export function renderTimelineLegend(
  content: LegendContent,
  top: number,
  left: number,
  right: number,
): { markup: SafeHtml; height: number } {
  const entries = items(content);
  if (entries.length === 0) return { markup: markup``, height: 0 };
  const placed: SafeHtml[] = [];
  let x = left;
  let line = 0;
  for (const entry of entries) {
    const width = SWATCH_WIDTH + 5 + entry.text.length * CHAR_WIDTH + 16;
    if (x + width > right && x > left) {
      line += 1;
      x = left;
    }
    const y = Math.round(top + line * LEGEND_LINE_HEIGHT + LEGEND_LINE_HEIGHT / 2);
    placed.push(
      markup`<g class="legend-item" transform="translate(${Math.round(x)} ${y})">${entry.swatch}<text x="${SWATCH_WIDTH + 5}" y="4" fill="${TIMELINE_COLOURS.muted}">${entry.text}</text></g>`,
    );
    x += width;
  }
  return { markup: markup`<g class="legend">${placed}</g>`, height: (line + 1) * LEGEND_LINE_HEIGHT };
}
