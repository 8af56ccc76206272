import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MockContext } from '../mock-context.js';
import { TOKEN_PATH } from '../options.js';
import { exchangeToken, type TokenRequest } from '../exchanges/token-exchange.js';
import { readIncomingBody } from '../wire/read-body.js';
import { sendReply } from './send-reply.js';
import { webHeader } from './web-header.js';

const NO_QUERY = new URLSearchParams();

/**
 * Whether the Node server answers this request itself: a POST to the token path with no query string,
 * which is what every client sends. Anything else goes to the Hono app, whose token route answers it
 * through the same `exchangeToken`.
 */
export const isTokenFastPath = (incoming: IncomingMessage): boolean =>
  incoming.method === 'POST' && incoming.url === TOKEN_PATH;

/**
 * Answers a token request straight from the Node request and response, without building a Web
 * `Request`, Hono context or Web `Response`: most of the endpoint's cost after the RS256 signature.
 * The bytes sent are the same as through the Hono route.
 */
export async function serveTokenFastPath(
  context: MockContext,
  incoming: IncomingMessage,
  outgoing: ServerResponse,
): Promise<void> {
  const request: TokenRequest = {
    method: 'POST',
    pathname: TOKEN_PATH,
    query: NO_QUERY,
    // As the Hono route reads them: a repeated header is every occurrence joined, not just the first.
    contentType: webHeader(incoming, 'content-type'),
    authorization: webHeader(incoming, 'authorization'),
    readBody: (limitBytes) => readIncomingBody(incoming, limitBytes),
  };
  sendReply(incoming, outgoing, await exchangeToken(context, request));
}
