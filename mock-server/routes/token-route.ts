import type { Hono } from 'hono';
import { dropConnection, transportRequestOf, type MockEnv } from '../http/bindings.js';
import type { MockContext } from '../mock-context.js';
import { TOKEN_PATH } from '../options.js';
import { exchangeToken } from './token-exchange.js';

/**
 * `POST /v2.0/oauth2/token` on the Hono app: serves in-process `fetch` and any request the Node server
 * does not answer on its fast path (see http/token-fast-path.ts). Both go through `exchangeToken`.
 */
export function registerTokenRoute(app: Hono<MockEnv>, context: MockContext): void {
  app.all(TOKEN_PATH, async function tokenEndpoint(c) {
    const reply = await exchangeToken(context, transportRequestOf(c));
    if (reply.dropped === true) return dropConnection(c);
    return new Response(reply.body, { status: reply.status, headers: reply.headers });
  });
}
