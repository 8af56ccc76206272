import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TransportReply } from '../exchanges/transport-exchange.js';

/**
 * Sends an exchange's reply on the raw Node response (the fast paths), or destroys the connection for a
 * dropped one. Headers are set one by one and the body given to end(): Node then adds Content-Length
 * itself, after Date and Connection, exactly as @hono/node-server does, so both paths send the same bytes.
 */
export function sendReply(incoming: IncomingMessage, outgoing: ServerResponse, reply: TransportReply): void {
  if (reply.dropped === true) {
    incoming.socket.destroy();
    return;
  }
  outgoing.statusCode = reply.status;
  for (const name in reply.headers) outgoing.setHeader(name, reply.headers[name] as string);
  outgoing.end(reply.body);
}
