import type { FetchFunction } from './client-options.js';
import { VectorCareAuthError } from './errors.js';
import { createRedactor } from './secret-redaction.js';

/** Where and as whom to ask for a token. */
export interface TokenRequestParameters {
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly fetch: FetchFunction;
}

function describeFailure(error: unknown): string {
  // undici says only "fetch failed" and puts the reason (ECONNREFUSED, a reset) in the cause chain.
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current !== undefined && current !== null; depth += 1) {
    if (current instanceof Error) parts.push(current.message === '' ? current.name : current.message);
    else parts.push(String(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join(': ');
}

/**
 * Sends the client credentials grant (RFC 6749 §4.4) the way VectorCare documents it: `client_id` and
 * `client_secret` in an `application/x-www-form-urlencoded` body (client_secret_post). Resolves with the
 * raw response, whatever its status; `parseTokenResponse()` reads it. Rejects only when no response
 * arrives, with a `VectorCareAuthError` of status 0 and error `network_error`.
 */
export async function sendTokenRequest(parameters: TokenRequestParameters): Promise<Response> {
  const body = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: parameters.clientId,
    client_secret: parameters.clientSecret,
  });
  try {
    return await parameters.fetch(parameters.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: body.toString(),
      // A redirect would re-send the secret to wherever it points; treat it as an unexpected answer instead.
      redirect: 'manual',
    });
  } catch (error) {
    // The cause is not kept: a custom fetch may have put the request, secret included, in it.
    const reason = createRedactor([parameters.clientSecret]).text(describeFailure(error));
    throw new VectorCareAuthError({
      status: 0,
      error: 'network_error',
      errorDescription: `The token endpoint could not be reached: ${reason}`,
    });
  }
}
