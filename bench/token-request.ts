import { DEMO_CLIENT } from '../mock-server/index.js';
import type { LoadRequest } from './load.js';

const FORM = 'application/x-www-form-urlencoded';

/**
 * The request a client_credentials client sends: VectorCare's documented form body with the demo client.
 * oauth2-mock-server accepts any client, so both servers get the same bytes.
 */
export function clientCredentialsRequest(tokenUrl: string): LoadRequest {
  const body = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: DEMO_CLIENT.clientId,
    client_secret: DEMO_CLIENT.clientSecret,
  }).toString();
  return { url: tokenUrl, method: 'POST', headers: { 'content-type': FORM }, body };
}
