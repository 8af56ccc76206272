import {
  REFRESH_MARK,
  type Timeline,
  type TimelineAction,
  type TimelineCall,
  type TimelineToken,
} from '../../../shared/timeline/timeline-types.js';
import type { DashboardAction, DashboardClient, DashboardExchange } from '../dashboard-feed.js';

/**
 * Turns what the page was fed into one timeline per client, in the report's picture language
 * (shared/timeline/): its token requests, a bar per token issued, its hub calls on the row of the token
 * they carried, and the control API's changes as action markers. Pure: the page and its unit test call it
 * alike. Runs in the browser.
 */

/**
 * How far a picture reaches to the right: to `now`, or on to the latest expiry so bars show whole; `auto`
 * does the latter unless it would squeeze what happened so far into less than a third of the picture (a
 * client with hour-long tokens a few minutes in).
 */
export type PictureFit = 'auto' | 'lifetimes' | 'now';

/** With `auto`, bars show whole while what happened so far keeps at least this share of the width. */
const AUTO_LIFETIMES_SHARE = 1 / 3;

/** Above this many tokens, a client's picture starts at its last ones, so rows stay readable. */
export const MAX_TOKEN_ROWS = 30;

export interface PictureInput {
  readonly exchanges: readonly DashboardExchange[];
  readonly actions: readonly DashboardAction[];
  readonly clients: readonly DashboardClient[];
  /** The mock clock's present, epoch ms. */
  readonly nowMs: number;
  readonly fit: PictureFit;
}

/** A token the page can offer to revoke. */
export interface PictureToken {
  readonly jti: string;
  readonly issuedAtMs: number;
  readonly expiresAtMs: number;
}

export interface ClientPicture {
  /** null for hub calls whose token named no client (none, or unreadable). */
  readonly clientId: string | null;
  /** The mock knows this client (configured or created); false for an id only seen in requests. */
  readonly registered: boolean;
  readonly expiresIn: number | null;
  /** The instant (epoch ms, mock clock) the picture's 0 s stands for. */
  readonly originMs: number;
  /** The present, ms from the origin. */
  readonly nowMs: number;
  readonly timeline: Timeline;
  /** Tokens issued to this client, oldest first, drawn or not. */
  readonly tokens: readonly PictureToken[];
  /** Token requests and calls before the picture's origin, left out to keep the rows readable. */
  readonly hiddenTokens: number;
  readonly hiddenCalls: number;
}

interface ClientTraffic {
  readonly tokens: DashboardExchange[];
  readonly calls: DashboardExchange[];
}

const ACTION_KINDS: readonly [RegExp, TimelineAction['kind']][] = [
  [/^\/__control\/tokens\/revoke\/?$/, 'revoke'],
  [/^\/__control\/clock\/?$/, 'clock'],
  [/^\/__control\/faults\/?$/, 'fault'],
  [/^\/__control\/reset\/?$/, 'reset'],
];

/** A control request that changed something, as the picture's kind of action; undefined for reads and refusals. */
export function actionKind(action: DashboardAction): TimelineAction['kind'] | undefined {
  if (action.method === 'GET' || action.status < 200 || action.status >= 300) return undefined;
  return ACTION_KINDS.find(([pattern]) => pattern.test(action.path))?.[1];
}

function trafficByClient(exchanges: readonly DashboardExchange[]): Map<string | null, ClientTraffic> {
  const byClient = new Map<string | null, ClientTraffic>();
  for (const exchange of exchanges) {
    let traffic = byClient.get(exchange.client_id);
    if (traffic === undefined) {
      traffic = { tokens: [], calls: [] };
      byClient.set(exchange.client_id, traffic);
    }
    (exchange.endpoint === 'token' ? traffic.tokens : traffic.calls).push(exchange);
  }
  return byClient;
}

function pictureOf(
  clientId: string | null,
  traffic: ClientTraffic,
  client: DashboardClient | undefined,
  actions: readonly {
    readonly atMs: number;
    readonly kind: TimelineAction['kind'];
    readonly detail: string;
  }[],
  input: PictureInput,
): ClientPicture {
  const tokens: PictureToken[] = [];
  for (const exchange of traffic.tokens) {
    if (exchange.jti === null || exchange.expires_in === null) continue;
    tokens.push({
      jti: exchange.jti,
      issuedAtMs: exchange.at_ms,
      expiresAtMs: exchange.at_ms + exchange.expires_in * 1000,
    });
  }
  // With many tokens, start at the first of the last MAX_TOKEN_ROWS issued (or at the first exchange).
  const firstShown = tokens.length > MAX_TOKEN_ROWS ? tokens[tokens.length - MAX_TOKEN_ROWS] : undefined;
  const firstAt = Math.min(traffic.tokens[0]?.at_ms ?? Infinity, traffic.calls[0]?.at_ms ?? Infinity);
  const originMs = firstShown?.issuedAtMs ?? (Number.isFinite(firstAt) ? firstAt : input.nowMs);
  const shownTokens = traffic.tokens.filter((exchange) => exchange.at_ms >= originMs);
  const shownCalls = traffic.calls.filter((exchange) => exchange.at_ms >= originMs);
  const rel = (ms: number): number => ms - originMs;

  const timelineTokens: TimelineToken[] = shownTokens.map((exchange) => ({
    at_ms: rel(exchange.at_ms),
    status: exchange.status,
    jti: exchange.jti,
    expires_at_ms:
      exchange.jti === null || exchange.expires_in === null
        ? null
        : rel(exchange.at_ms + exchange.expires_in * 1000),
    expires_in: exchange.expires_in,
    auth_method: null,
    error:
      exchange.fault === null ? exchange.error : `${exchange.error ?? 'fault'} (fault ${exchange.fault})`,
  }));
  const calls: TimelineCall[] = shownCalls.map((exchange) => ({
    at_ms: rel(exchange.at_ms),
    method: exchange.method,
    path: exchange.path,
    status: exchange.status,
    jti: exchange.jti,
    token_check:
      exchange.fault === null ? exchange.token_check : `${exchange.token_check} (fault ${exchange.fault})`,
  }));
  const nowRel = rel(input.nowMs);
  const lastLifetime = traffic.tokens.findLast((exchange) => exchange.expires_in !== null)?.expires_in;
  const latestExpiry = Math.max(0, ...timelineTokens.map((token) => token.expires_at_ms ?? 0));
  const timelineActions: TimelineAction[] = actions
    .filter((action) => action.atMs >= originMs && action.atMs <= input.nowMs)
    .map((action) => ({ at_ms: rel(action.atMs), kind: action.kind, detail: action.detail }));
  return {
    clientId,
    registered: client !== undefined,
    expiresIn: client?.expires_in ?? lastLifetime ?? null,
    originMs,
    nowMs: nowRel,
    timeline: {
      lifetime_s: client?.expires_in ?? lastLifetime ?? 0,
      refresh_mark: REFRESH_MARK,
      end_ms: Math.max(0, reachesToExpiry(input.fit, nowRel, latestExpiry) ? latestExpiry : nowRel),
      tokens: timelineTokens,
      calls,
      actions: timelineActions,
    },
    tokens,
    hiddenTokens: traffic.tokens.length - shownTokens.length,
    hiddenCalls: traffic.calls.length - shownCalls.length,
  };
}

function reachesToExpiry(fit: PictureFit, nowRel: number, latestExpiry: number): boolean {
  if (latestExpiry <= nowRel || fit === 'now') return false;
  return fit === 'lifetimes' || nowRel >= latestExpiry * AUTO_LIFETIMES_SHARE;
}

/**
 * One picture per client: the mock's clients in its order (those without traffic too), then ids seen only
 * in requests, then the calls that named no client.
 */
export function clientPictures(input: PictureInput): ClientPicture[] {
  const traffic = trafficByClient(input.exchanges);
  const actions = input.actions.flatMap((action) => {
    const kind = actionKind(action);
    return kind === undefined
      ? []
      : [{ atMs: action.at_ms, kind, detail: `${action.method} ${action.path} → ${action.status}` }];
  });
  const known = new Map(input.clients.map((client) => [client.client_id, client]));
  const order: (string | null)[] = [
    ...known.keys(),
    ...[...traffic.keys()].filter((id): id is string => id !== null && !known.has(id)),
    ...(traffic.has(null) ? [null] : []),
  ];
  return order.map((clientId) =>
    pictureOf(
      clientId,
      traffic.get(clientId) ?? { tokens: [], calls: [] },
      clientId === null ? undefined : known.get(clientId),
      actions,
      input,
    ),
  );
}
