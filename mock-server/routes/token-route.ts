import type { Hono } from 'hono';
import { dropConnection, incomingOf, type MockEnv, type MockHonoContext } from '../http/bindings.js';
import { readBody } from '../http/read-body.js';
import type { MockContext } from '../mock-context.js';
import { TOKEN_PATH } from '../options.js';
import { exchangeToken, type TokenRequest } from './token-exchange.js';

function tokenRequestOf(c: MockHonoContext): TokenRequest {
  const url = new URL(c.req.url);
  return {
    method: c.req.method,
    pathname: url.pathname,
    query: url.searchParams,
    contentType: c.req.header('content-type') ?? null,
    authorization: c.req.header('authorization') ?? null,
    readBody: (limitBytes) => readBody(c.req.raw, incomingOf(c), limitBytes),
  };
}

/**
 * `POST /v2.0/oauth2/token` on the Hono app: serves in-process `fetch` and any request the Node server
 * does not answer on its fast path (see http/token-fast-path.ts). Both go through `exchangeToken`.
 */
export function registerTokenRoute(app: Hono<MockEnv>, context: MockContext): void {
  app.all(TOKEN_PATH, async function tokenEndpoint(c) {
    const reply = await exchangeToken(context, tokenRequestOf(c));
    if (reply.dropped === true) return dropConnection(c);
    return new Response(reply.body, { status: reply.status, headers: reply.headers });
  });
}
