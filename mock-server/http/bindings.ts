import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';

/** Hono environment: on Node the raw request and response are bound; in-process `fetch` has neither. */
export type MockEnv = { Bindings: Partial<HttpBindings> };
export type MockHonoContext = Context<MockEnv>;

/** The Node request behind this context, when served over HTTP. */
export const incomingOf = (c: MockHonoContext): HttpBindings['incoming'] | undefined => c.env?.incoming;

/** Destroys the connection without an answer (the drop_connection fault). */
export function dropConnection(c: MockHonoContext): Response {
  c.env?.incoming?.socket.destroy();
  return new Response(null, { status: 599 });
}
