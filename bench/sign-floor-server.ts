import { sign } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadTestOnlySigningKey } from '../mock-server/index.js';

/** The floor for the token endpoint's CPU per token: what a server that only signs costs. */
export interface SignFloorServer {
  readonly url: string;
  readonly tokenUrl: string;
  close(): Promise<void>;
}

// A JWT-sized signing input and an answer the size of ours: only the signature varies.
const SIGNING_INPUT = Buffer.from('x'.repeat(420));
const PREFIX = `{"access_token":"${'x'.repeat(420)}.`;
const SUFFIX = '","token_type":"bearer","expires_in":3600}';

/**
 * A bare node:http server that reads the body, signs asynchronously with the same RS256 key, and answers
 * a token-sized JSON: no parsing, routing, authentication or recording. Its CPU per request is the least
 * any token endpoint on Node can spend on this machine.
 */
export async function startSignFloorServer(): Promise<SignFloorServer> {
  const { privateKey } = await loadTestOnlySigningKey();
  const server = createServer(function signOnly(incoming, outgoing) {
    incoming.resume();
    incoming.on('end', () => {
      sign('sha256', SIGNING_INPUT, privateKey, (error, signature) => {
        if (error) {
          outgoing.destroy();
          return;
        }
        outgoing.statusCode = 200;
        outgoing.setHeader('content-type', 'application/json');
        outgoing.setHeader('cache-control', 'no-store');
        outgoing.setHeader('pragma', 'no-cache');
        outgoing.end(`${PREFIX}${signature.toString('base64url')}${SUFFIX}`);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    tokenUrl: `${url}/v2.0/oauth2/token`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
