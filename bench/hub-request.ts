import { post } from './post-form.js';
import type { LoadRequest } from './load.js';
import type { ServerHandle } from './server-handle.js';
import { clientCredentialsRequest } from './token-request.js';

/** The hub call the benchmark repeats: the documented state update, for one trip. */
export const STATE_UPDATE_PATH = '/openapi/v2.0/requests/KP-ABCD1234/state/';

/** A state update body the hub accepts: a known state, a timestamp a minute ago. */
export function stateUpdateBody(nowMs: number = Date.now()): string {
  return JSON.stringify({
    name: 'en_route',
    timestamp: new Date(nowMs - 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
  });
}

/** Fetches a token from the mock, so the hub calls carry a valid bearer token. */
export async function fetchToken(server: ServerHandle): Promise<string> {
  const request = clientCredentialsRequest(server.tokenUrl);
  const response = await post(request.url, request.body ?? '', request.headers);
  if (response.status !== 200) throw new Error(`token endpoint answered ${response.status}`);
  return (JSON.parse(response.text) as { access_token: string }).access_token;
}

/** A state update to `baseUrl`, with a bearer token when given one. */
export function stateUpdateRequest(baseUrl: string, token?: string): LoadRequest {
  return {
    url: `${baseUrl}${STATE_UPDATE_PATH}`,
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    body: stateUpdateBody(),
  };
}
