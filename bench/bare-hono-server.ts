import { createAdaptorServer } from '@hono/node-server';
import { Hono } from 'hono';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The hub's baseline: one bare Hono route on the same server stack, doing only the HTTP work. */
export interface BareHonoServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Starts a Hono app with one route shaped like the hub's state update, written the way Hono's docs show
 * it: read the JSON body, answer 201 with it. No authentication, validation or recording.
 */
export async function startBareHonoServer(): Promise<BareHonoServer> {
  const app = new Hono();
  app.post('/openapi/v2.0/requests/:requestId/state/', async function bareStateUpdate(c) {
    return c.json(await c.req.json(), 201);
  });
  const server = createAdaptorServer({ fetch: app.fetch, hostname: '127.0.0.1' }) as Server;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
