import { getRequestListener } from '@hono/node-server';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { MockContext } from '../mock-context.js';
import { closeOnFailure } from './close-on-failure.js';
import { isHubFastPath, serveHubFastPath } from './hub-fast-path.js';
import { isTokenFastPath, serveTokenFastPath } from './token-fast-path.js';

/** The Hono app's `fetch`, as @hono/node-server serves it. */
type AppFetch = Parameters<typeof getRequestListener>[0];

export interface NodeServerOptions {
  /** The host the Hono side names in the URLs it builds. */
  readonly host: string;
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
}

/**
 * The `node:http` server of a listening mock. Token requests and the documented hub calls are answered on
 * the fast paths, straight from the Node request and response; everything else goes to the Hono app
 * through @hono/node-server. Both reach the same exchanges, so both answer alike (transport-parity.test.ts).
 * `appFetch` is called on the first request that needs the app, so building it does not delay start-up.
 */
export function createNodeServer(
  context: MockContext,
  appFetch: () => AppFetch,
  options: NodeServerOptions,
): Server {
  const headersTimeout = options.headersTimeoutMs;
  const requestTimeout = Math.max(headersTimeout, options.requestTimeoutMs);
  let listener: ReturnType<typeof getRequestListener> | undefined;
  const honoListener = (incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> =>
    (listener ??= getRequestListener(appFetch(), { hostname: options.host }))(incoming, outgoing);
  return createServer(
    {
      headersTimeout,
      requestTimeout,
      keepAliveTimeout: options.keepAliveTimeoutMs,
      // Node checks these timeouts only every connectionsCheckingInterval (30 s by default), which
      // would let a slow client hold a connection four times longer than headersTimeout says.
      connectionsCheckingInterval: Math.max(25, Math.min(1_000, Math.floor(headersTimeout / 4))),
    },
    function mockListener(incoming, outgoing) {
      // Token requests skip the Web Request/Response layer: see token-fast-path.ts.
      if (isTokenFastPath(incoming))
        serveTokenFastPath(context, incoming, outgoing).catch(closeOnFailure(outgoing, 'token request'));
      else if (isHubFastPath(incoming))
        serveHubFastPath(context, incoming, outgoing).catch(closeOnFailure(outgoing, 'hub call'));
      else void honoListener(incoming, outgoing);
    },
  );
}
