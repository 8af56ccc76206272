import { createAuthenticatedFetch } from './authenticated-fetch.js';
import { resolveClientOptions, type VectorCareClientOptions } from './client-options.js';
import { createHubOperations, type HubOperations } from './hub-operations.js';
import { readHubResponse } from './hub-response.js';
import { createRedactor } from './secret-redaction.js';
import { TokenCache } from './token-cache.js';
import { sendTokenRequest } from './token-request.js';
import { parseTokenResponse } from './token-response.js';

/** A VectorCare Open API client that manages its own token. */
export interface VectorCareClient extends HubOperations {
  /** The cached token while it is before its refresh point, otherwise a new one (one request for all concurrent callers). */
  getAccessToken(): Promise<string>;
  /**
   * An authenticated `fetch` to a path relative to `apiUrl`, e.g. `/requests/KP-ABCD1234/state/`. Resolves with
   * the hub's response whatever its status, as `fetch` does; after a 401 it has already retried once with a new
   * token. Rejects with a `VectorCareAuthError` when no token can be had.
   */
  fetch(path: string, init?: RequestInit): Promise<Response>;
}

/**
 * Creates a client for VectorCare's Open API v2 that gets its token by client credentials, reuses it until
 * `refreshRatio` (80%) of its `expires_in` has passed, shares one token request among concurrent calls, and
 * retries a call once with a new token after a 401. No timers, no dependencies: only `fetch`.
 * See docs/client.md for the rules and their edge cases.
 *
 * @throws TypeError or RangeError, naming the option, when an option is invalid.
 * @example
 * const client = createVectorCareClient({ clientId: 'demo-client', clientSecret: process.env.VC_SECRET! });
 * await client.updateState('KP-ABCD1234', { name: 'en_route', timestamp: new Date().toISOString() });
 */
export function createVectorCareClient(options: VectorCareClientOptions): VectorCareClient {
  const resolved = resolveClientOptions(options);
  const tokens: TokenCache = new TokenCache({
    clock: resolved.clock,
    refreshRatio: resolved.refreshRatio,
    requestToken: async () =>
      parseTokenResponse(
        await sendTokenRequest(resolved),
        createRedactor([resolved.clientSecret, ...tokens.recent]),
      ),
  });
  const authenticatedFetch = createAuthenticatedFetch({
    apiUrl: resolved.apiUrl,
    fetch: resolved.fetch,
    tokens,
  });

  const operations = createHubOperations(async function jsonCall(method, path, body) {
    const { response, presented } = await authenticatedFetch(path, {
      method,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    });
    return readHubResponse(
      response,
      `${method} ${path}`,
      createRedactor([resolved.clientSecret, ...presented, ...tokens.recent]),
    );
  });

  return {
    getAccessToken: () => tokens.get(),
    fetch: async (path, init) => (await authenticatedFetch(path, init)).response,
    ...operations,
  };
}
