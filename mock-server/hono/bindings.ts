import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';
import { readBody } from '../wire/read-body.js';
import type { TransportReply, TransportRequest } from '../exchanges/transport-exchange.js';

/** Hono environment: on Node the raw request and response are bound; in-process `fetch` has neither. */
export type MockEnv = { Bindings: Partial<HttpBindings> };
export type MockHonoContext = Context<MockEnv>;

/** The Node request behind this context, when served over HTTP. */
export const incomingOf = (c: MockHonoContext): HttpBindings['incoming'] | undefined => c.env?.incoming;

/** Destroys the connection without an answer (the drop_connection fault). */
function dropConnection(c: MockHonoContext): Response {
  c.env?.incoming?.socket.destroy();
  return new Response(null, { status: 599 });
}

/** The request as a transport-neutral exchange reads it, from Hono's context (over HTTP or in-process). */
export function transportRequestOf(c: MockHonoContext): TransportRequest {
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
 * Sends an exchange's reply as the route's Web `Response`, or drops the connection for a dropped one: the
 * Hono side of what `sendReply` does on the fast paths.
 */
export function webResponseOf(c: MockHonoContext, reply: TransportReply): Response {
  if (reply.dropped === true) return dropConnection(c);
  return replyResponse(reply);
}

/** A reply (never a dropped one) as a Web `Response`: the Hono side's one way of sending an answer. */
export function replyResponse(reply: TransportReply): Response {
  return new Response(reply.body, { status: reply.status, headers: reply.headers });
}
