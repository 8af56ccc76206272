import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/**
 * Prepares `server` to close gracefully and returns the function that closes it: stop accepting, let
 * every request in flight get its whole response, then end each connection instead of keeping it alive.
 * `server.close()` alone closes only the connections idle at that moment, so a client holding a
 * keep-alive connection open after its last answer would keep the process up until keepAliveTimeout.
 */
export function gracefulCloser(server: Server): () => Promise<void> {
  let closing = false;
  const open = new Set<ServerResponse>();

  // One listener function for every response, not a closure (and a once() wrapper) per request.
  function forget(this: ServerResponse): void {
    open.delete(this);
    if (closing) setImmediate(() => server.closeIdleConnections());
  }
  server.prependListener('request', (_request: IncomingMessage, response: ServerResponse) => {
    if (closing) response.setHeader('connection', 'close');
    open.add(response);
    // 'close' is emitted once per response, so on() needs no once() wrapper.
    response.on('close', forget);
  });

  return function close() {
    closing = true;
    for (const response of open) if (!response.headersSent) response.setHeader('connection', 'close');
    return new Promise((resolve, reject) => {
      server.close((error) => (error === undefined ? resolve() : reject(error)));
      server.closeIdleConnections();
    });
  };
}
