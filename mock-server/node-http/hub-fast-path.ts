import type { IncomingMessage, ServerResponse } from 'node:http';
import { matchHubEndpoint } from '../hub/hub-endpoints.js';
import type { MockContext } from '../mock-context.js';
import { HUB_BASE_PATH } from '../options.js';
import { exchangeHub, type HubRequest } from '../exchanges/hub-exchange.js';
import { readIncomingBody } from '../wire/read-body.js';
import { sendReply } from './send-reply.js';
import { webHeader } from './web-header.js';

const NO_QUERY = new URLSearchParams();
const HUB_PREFIX = `${HUB_BASE_PATH}/`;

/**
 * A request target that `new URL()` would leave as it is: the characters @hono/node-server also takes
 * without parsing (its `reValidRequestUrl`), less `#`, and no dot segments. So the path and query split at
 * the first `?` are what the Hono route reads.
 */
const PLAIN_TARGET = /^\/[!$&-;=?-[\]_a-z~]*$/;
const DOT_SEGMENT = /\/\.\.?(?:[/?#]|$)/;
/** @hono/node-server's own `reValidHost`: a Host it accepts without parsing it. */
const PLAIN_HOST = /^[a-z0-9._-]+(?::(?:[1-5]\d{3,4}|[6-9]\d{3}))?$/;

/** Whether @hono/node-server would accept this Host header, which it checks by parsing when not plain. */
function acceptedHost(host: string | undefined): boolean {
  if (host === undefined || host === '') return false;
  if (PLAIN_HOST.test(host)) return true;
  if (!/^[a-z0-9._-]+:\d{1,5}$/i.test(host)) return false;
  try {
    const { hostname } = new URL(`http://${host}/`);
    return hostname === host.replace(/:\d+$/, '').toLowerCase();
  } catch {
    return false;
  }
}

const pathOf = (target: string): string => {
  const query = target.indexOf('?');
  return query < 0 ? target : target.slice(0, query);
};

/**
 * Whether the Node server answers this hub request itself: a POST or PUT to one of the documented
 * endpoints, with a plain request target and Host. Anything else goes to the Hono app, whose hub route
 * answers it through the same `exchangeHub`; unknown paths too, so their unread body is drained by
 * @hono/node-server as before.
 */
export function isHubFastPath(incoming: IncomingMessage): boolean {
  const { method, url } = incoming;
  if ((method !== 'POST' && method !== 'PUT') || url === undefined || !url.startsWith(HUB_PREFIX))
    return false;
  if (!PLAIN_TARGET.test(url) || DOT_SEGMENT.test(url)) return false;
  if (matchHubEndpoint(pathOf(url).slice(HUB_BASE_PATH.length)) === undefined) return false;
  return acceptedHost(incoming.headers.host);
}

/**
 * Answers a hub request (one `isHubFastPath` accepted) straight from the Node request and response,
 * without building a Web `Request`, Hono context or Web `Response`, which cost more than the hub's own
 * work. The bytes sent are the same as through the Hono route.
 */
export function serveHubFastPath(
  context: MockContext,
  incoming: IncomingMessage,
  outgoing: ServerResponse,
): Promise<void> {
  const target = incoming.url as string;
  const queryAt = target.indexOf('?');
  const request: HubRequest = {
    method: incoming.method as string,
    pathname: queryAt < 0 ? target : target.slice(0, queryAt),
    query: queryAt < 0 ? NO_QUERY : new URLSearchParams(target.slice(queryAt + 1)),
    contentType: webHeader(incoming, 'content-type'),
    authorization: webHeader(incoming, 'authorization'),
    readBody: (limitBytes) => readIncomingBody(incoming, limitBytes),
  };
  return exchangeHub(context, request).then((reply) => sendReply(incoming, outgoing, reply));
}
