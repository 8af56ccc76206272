import type { Hono } from 'hono';
import { transportRequestOf, webResponseOf, type MockEnv } from './bindings.js';
import type { MockContext } from '../mock-context.js';
import { TOKEN_PATH } from '../options.js';
import { exchangeToken } from '../exchanges/token-exchange.js';

/**
 * `POST /v2.0/oauth2/token` on the Hono app: serves in-process `fetch` and any request the Node server
 * does not answer on its fast path (see node-http/token-fast-path.ts). Both go through `exchangeToken`.
 */
export function registerTokenRoute(app: Hono<MockEnv>, context: MockContext): void {
  app.all(TOKEN_PATH, async function tokenEndpoint(c) {
    return webResponseOf(c, await exchangeToken(context, transportRequestOf(c)));
  });
}
