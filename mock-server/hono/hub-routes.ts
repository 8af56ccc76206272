import type { Hono } from 'hono';
import { transportRequestOf, webResponseOf, type MockEnv } from './bindings.js';
import type { MockContext } from '../mock-context.js';
import { HUB_BASE_PATH } from '../options.js';
import { exchangeHub } from '../exchanges/hub-exchange.js';

/**
 * The hub under `/openapi/v2.0/` on the Hono app: serves in-process `fetch` and any hub request the Node
 * server does not answer on its fast path (see node-http/hub-fast-path.ts). Both go through `exchangeHub`.
 */
export function registerHubRoutes(app: Hono<MockEnv>, context: MockContext): void {
  app.all(`${HUB_BASE_PATH}/*`, async function hubEndpoint(c) {
    return webResponseOf(c, await exchangeHub(context, transportRequestOf(c)));
  });
}
