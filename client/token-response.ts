import { VectorCareAuthError } from './errors.js';
import { isJsonObject as isObject, parseJsonText } from './json-body.js';
import type { Redactor } from './secret-redaction.js';

/** A token as the domain sees it: the wire's `expires_in` seconds become a lifetime in milliseconds. */
export interface IssuedToken {
  readonly accessToken: string;
  /**
   * From `expires_in`; `undefined` when it was missing, zero, negative or not a number, in which case
   * the token is used for the calls waiting for it and never cached.
   */
  readonly lifetimeMs: number | undefined;
}

function invalid(status: number, description: string): VectorCareAuthError {
  return new VectorCareAuthError({ status, error: 'invalid_token_response', errorDescription: description });
}

function refusal(response: Response, body: unknown, redact: Redactor): VectorCareAuthError {
  if (isObject(body) && typeof body['error'] === 'string' && body['error'] !== '') {
    const description = body['error_description'];
    return new VectorCareAuthError({
      status: response.status,
      error: redact.text(body['error']),
      errorDescription: typeof description === 'string' ? redact.text(description) : undefined,
    });
  }
  return new VectorCareAuthError({
    status: response.status,
    error: 'unexpected_response',
    errorDescription: `The token endpoint answered HTTP ${response.status} without an OAuth2 error body.`,
  });
}

/**
 * Reads a token endpoint response (RFC 6749 §5.1, §5.2). Resolves with the token, or rejects with a
 * `VectorCareAuthError` for a refusal, an error status, or a 2xx that is not a bearer token response:
 * not JSON, no `access_token`, or a `token_type` other than bearer (compared case-insensitively, §5.1).
 * Descriptions never quote the body, since a malformed body may be the token itself.
 */
export async function parseTokenResponse(response: Response, redact: Redactor): Promise<IssuedToken> {
  let text: string;
  try {
    text = await response.text();
  } catch {
    throw new VectorCareAuthError({
      status: response.status,
      error: 'network_error',
      errorDescription: 'The token response was cut off before its body was read.',
    });
  }
  const parsed = parseJsonText(text);
  const body = parsed.ok ? parsed.value : undefined;
  if (!response.ok) throw refusal(response, body, redact);

  if (!isObject(body)) throw invalid(response.status, 'The token response is not a JSON object.');
  const accessToken = body['access_token'];
  if (typeof accessToken !== 'string' || accessToken === '')
    throw invalid(response.status, 'The token response has no access_token.');
  const tokenType = body['token_type'];
  if (typeof tokenType !== 'string' || tokenType.toLowerCase() !== 'bearer')
    throw invalid(response.status, 'The token response has a token_type other than bearer.');
  const expiresIn = body['expires_in'];
  const lifetimeMs =
    typeof expiresIn === 'number' && Number.isFinite(expiresIn) && expiresIn > 0
      ? expiresIn * 1000
      : undefined;
  return { accessToken, lifetimeMs };
}
