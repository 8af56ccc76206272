import { OAuth2Server } from 'oauth2-mock-server';
import { loadTestOnlySigningKey } from '../mock-server/index.js';

/** The anchor: oauth2-mock-server 8.x on 127.0.0.1, signing RS256 with the same 2048-bit key as ours. */
export interface AnchorServer {
  readonly url: string;
  readonly tokenUrl: string;
  close(): Promise<void>;
}

/** Starts oauth2-mock-server with our test-only RSA key, so both servers sign with the same key size. */
export async function startAnchorServer(): Promise<AnchorServer> {
  const server = new OAuth2Server();
  const key = await loadTestOnlySigningKey();
  const jwk = key.privateKey.export({ format: 'jwk' });
  await server.issuer.keys.add({ ...jwk, kid: key.kid, alg: 'RS256', use: 'sig' });
  await server.start(0, '127.0.0.1');
  const { port } = server.address();
  const url = `http://127.0.0.1:${port}`;
  return { url, tokenUrl: `${url}/token`, close: () => server.stop() };
}
