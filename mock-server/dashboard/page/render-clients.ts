import { markup, type SafeHtml } from '../../../shared/html-escape.js';
import { formatSeconds } from '../../../shared/time-format.js';
import { callStatusGroup } from '../../../shared/timeline/timeline-palette.js';
import { renderTimelineSvg } from '../../../shared/timeline/timeline-svg.js';
import { MAX_TOKEN_ROWS, type ClientPicture } from './client-pictures.js';

/**
 * A client's section on the page: its name and counts, and its timeline drawn by the report's own
 * `renderTimelineSvg`, with the control API as the actor and a line at the present. Runs in the browser.
 */

/**
 * Up to this many calls a picture draws each as its own element, with its own title (time, path, token,
 * status); above, as a path per token row and colour (see renderTimelineSvg), so a page with thousands of
 * recordings still draws in tens of milliseconds.
 */
export const TICK_ELEMENTS_UP_TO = 300;

/** Control actions within this many pixels share a marker: at most about 25 markers a picture. */
export const ACTION_GROUP_PX = 32;

/** An instant as `14:30:05.120 UTC`; the pictures and the clock panel read the mock clock in UTC. */
export function utcTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(11, 23)} UTC`;
}

/** A count with thousands separated, `10,000`: the same in every locale, and cheap (no Intl per call). */
export function formatCount(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

function callCounts(picture: ClientPicture): string {
  const groups = new Map<string, number>();
  for (const call of picture.timeline.calls) {
    const group = callStatusGroup(call.status);
    const word =
      group === 'status-2xx'
        ? '2xx'
        : group === 'status-401'
          ? '401'
          : group === 'status-dropped'
            ? 'dropped'
            : 'other';
    groups.set(word, (groups.get(word) ?? 0) + 1);
  }
  if (groups.size === 0) return '';
  return ` (${[...groups].map(([word, count]) => `${formatCount(count)} × ${word}`).join(', ')})`;
}

/** The heading line of a client's section. */
function facts(picture: ClientPicture): string {
  const { timeline } = picture;
  const issued = timeline.tokens.filter((token) => token.jti !== null).length;
  const parts = [
    picture.expiresIn === null ? null : `expires_in ${picture.expiresIn} s`,
    `${plural(timeline.tokens.length, 'token request')} (${issued} issued)`,
    `${plural(timeline.calls.length, 'hub call')}${callCounts(picture)}`,
  ];
  return parts.filter((part) => part !== null).join(' · ');
}

function title(picture: ClientPicture): string {
  if (picture.clientId === null) return 'calls without a readable token';
  return picture.registered ? picture.clientId : `${picture.clientId} (not a client of this mock)`;
}

function caption(picture: ClientPicture): SafeHtml {
  const hidden =
    picture.hiddenTokens + picture.hiddenCalls === 0
      ? null
      : markup` Not drawn: ${plural(picture.hiddenTokens, 'earlier token request')} and ${plural(picture.hiddenCalls, 'earlier call')}; the picture starts with the last ${MAX_TOKEN_ROWS} tokens.`;
  return markup`0 s is ${utcTime(picture.originMs)} by the mock clock; now is ${formatSeconds(picture.nowMs)}.${hidden}`;
}

/** The section for one client, whole. */
export function renderClientSection(picture: ClientPicture): SafeHtml {
  const name = picture.clientId ?? '';
  if (
    picture.tokens.length === 0 &&
    picture.timeline.tokens.length === 0 &&
    picture.timeline.calls.length === 0
  )
    return markup`<header><h3>${title(picture)}</h3><span class="facts">${facts(picture)}</span></header><p class="quiet">No token request and no hub call recorded yet.</p>`;
  return markup`<header><h3>${title(picture)}</h3><span class="facts">${facts(picture)}</span></header><figure class="timeline-figure">${renderTimelineSvg(
    picture.timeline,
    name === '' ? 'no client' : name,
    {
      actor: 'control',
      nowMs: picture.nowMs,
      tickElementsUpTo: TICK_ELEMENTS_UP_TO,
      actionGroupPx: ACTION_GROUP_PX,
    },
  )}<figcaption>${caption(picture)}</figcaption></figure>`;
}
