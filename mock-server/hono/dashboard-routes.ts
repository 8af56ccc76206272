import { gzipSync } from 'node:zlib';
import type { Hono } from 'hono';
import { createControlGuard } from '../control/control-guard.js';
import type { ControlOperations } from '../control/control-operations.js';
import { loadDashboardAsset } from '../dashboard/dashboard-assets.js';
import { dashboardFeed, type FeedCursor } from '../dashboard/dashboard-feed.js';
import {
  DASHBOARD_BASE_PATH,
  DASHBOARD_CONTENT_SECURITY_POLICY,
  renderDashboardPage,
} from '../dashboard/dashboard-page.js';
import { invalidField, methodNotAllowed, noSuchEndpoint } from '../errors/control-error.js';
import { errorReply } from '../errors/error-reply.js';
import { MockError } from '../errors/mock-error.js';
import type { MockContext } from '../mock-context.js';
import { incomingOf, replyResponse, type MockEnv, type MockHonoContext } from './bindings.js';

/** Nothing the dashboard serves may be cached, framed or sniffed into another type. */
const COMMON_HEADERS = Object.freeze({
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
});

const FEED_PARAMETERS: Readonly<Record<string, keyof FeedCursor>> = {
  after_seq: 'afterSeq',
  after_action_seq: 'afterActionSeq',
  after_delivery_seq: 'afterDeliverySeq',
};

function cursorOf(query: URLSearchParams): FeedCursor {
  const cursor: { -readonly [K in keyof FeedCursor]: number } = {};
  for (const [key, value] of query) {
    const field = Object.hasOwn(FEED_PARAMETERS, key) ? FEED_PARAMETERS[key] : undefined;
    if (field === undefined) throw invalidField(key, 'is not a known query parameter');
    if (!/^\d{1,15}$/.test(value)) throw invalidField(key, 'must be a whole number of at least 0');
    cursor[field] = Number(value);
  }
  return cursor;
}

/**
 * The live dashboard under `/__dashboard/` (docs/dashboard.md): the page, the modules of its script and the
 * feed it polls. It shows what the control API shows and its buttons call the control API, so it is
 * guarded as the control API is: loopback only, or with a control token a bearer token on every request.
 */
export function registerDashboardRoutes(
  app: Hono<MockEnv>,
  context: MockContext,
  control: ControlOperations,
): void {
  const guard = createControlGuard(context.controlToken);
  // The page and its script hold no data, only the frame; with a control token they are served to any
  // address, so a browser (which cannot send the token when it opens a page) gets the page, and the page
  // asks for the token before it reads or changes anything.
  const frameGuard = createControlGuard(undefined);
  const page = renderDashboardPage();

  async function answer(c: MockHonoContext, path: string): Promise<Response> {
    if (path === '/') {
      if (c.req.method !== 'GET') throw methodNotAllowed(['GET']);
      return new Response(page, {
        status: 200,
        headers: {
          ...COMMON_HEADERS,
          'content-type': 'text/html; charset=utf-8',
          'content-security-policy': DASHBOARD_CONTENT_SECURITY_POLICY,
        },
      });
    }
    if (path === '/feed') {
      if (c.req.method !== 'GET') throw methodNotAllowed(['GET']);
      const feed = dashboardFeed(context, control, cursorOf(new URL(c.req.url).searchParams));
      const body = JSON.stringify(feed);
      const headers = { ...COMMON_HEADERS, 'content-type': 'application/json', vary: 'accept-encoding' };
      if (body.length < 65536 || !/\bgzip\b/.test(c.req.header('accept-encoding') ?? '')) {
        return new Response(body, { status: 200, headers });
      }
      return new Response(gzipSync(body, { level: 1 }), {
        status: 200,
        headers: { ...headers, 'content-encoding': 'gzip' },
      });
    }
    if (path.startsWith('/assets/')) {
      if (c.req.method !== 'GET') throw methodNotAllowed(['GET']);
      const asset = await loadDashboardAsset(path.slice('/assets/'.length));
      if (asset === undefined) throw noSuchEndpoint();
      return new Response(asset.body, {
        status: 200,
        headers: { ...COMMON_HEADERS, 'content-type': asset.contentType },
      });
    }
    throw noSuchEndpoint();
  }

  async function dashboard(c: MockHonoContext): Promise<Response> {
    try {
      const path = new URL(c.req.url).pathname.slice(DASHBOARD_BASE_PATH.length);
      const isFrame = path === '' || path === '/' || path.startsWith('/assets/');
      const incoming = incomingOf(c);
      const caller = {
        // A socket that already closed has no address: refuse it rather than mistake it for in-process.
        remoteAddress: incoming === undefined ? undefined : (incoming.socket.remoteAddress ?? ''),
        authorization: c.req.header('authorization'),
      };
      const servedToAnyone = isFrame && context.controlToken !== undefined;
      if (!servedToAnyone) (isFrame ? frameGuard : guard)(caller);
      // Without the slash the browser would resolve the page's links against the wrong folder.
      if (path === '') return c.redirect(`${DASHBOARD_BASE_PATH}/`, 308);
      return await answer(c, path);
    } catch (error) {
      if (error instanceof MockError) return replyResponse(errorReply(error));
      throw error;
    }
  }
  app.all(DASHBOARD_BASE_PATH, dashboard);
  app.all(`${DASHBOARD_BASE_PATH}/*`, dashboard);
}
