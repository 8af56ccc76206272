import type { components } from '../../generated/openapi.js';

type OAuthErrorBody = components['schemas']['OAuthError'];
export type OAuthErrorCode = OAuthErrorBody['error'];

/** The exact descriptions VectorCare's auth server (league/oauth2-server) sends; see docs/fidelity.md. */
export const OAUTH_DESCRIPTIONS = {
  invalid_client: 'Client authentication failed.',
  invalid_request:
    'The request is missing a required parameter, includes an invalid parameter value, includes a parameter more than once, or is otherwise malformed.',
  unsupported_grant_type: 'The authorization grant type is not supported by the authorization server.',
  server_error:
    'The authorization server encountered an unexpected condition which prevented it from fulfilling the request.',
  temporarily_unavailable:
    'The authorization server is currently unable to handle the request due to a temporary overloading or maintenance of the server.',
} as const satisfies Record<OAuthErrorCode, string>;

/**
 * An RFC 6749 §5.2 error that knows its status, headers and exact body. The app's error handler turns it
 * into the response; nothing else writes OAuth2 error bodies.
 */
export class OAuthError extends Error {
  readonly code: OAuthErrorCode;
  readonly status: 400 | 401 | 405 | 413 | 500 | 503;
  readonly description: string;
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    code: OAuthErrorCode,
    status: OAuthError['status'],
    options: { description?: string; headers?: Record<string, string> } = {},
  ) {
    const description = options.description ?? OAUTH_DESCRIPTIONS[code];
    super(description);
    this.name = 'OAuthError';
    this.code = code;
    this.status = status;
    this.description = description;
    this.headers = options.headers ?? {};
  }

  /** The body, with `error_description` first as VectorCare sends it. */
  body(): OAuthErrorBody {
    return { error_description: this.description, error: this.code };
  }
}

export const invalidClient = (usedBasic: boolean): OAuthError =>
  new OAuthError(
    'invalid_client',
    401,
    usedBasic ? { headers: { 'WWW-Authenticate': 'Basic realm="OAuth"' } } : {},
  );
export const invalidRequest = (): OAuthError => new OAuthError('invalid_request', 400);
export const unsupportedGrantType = (): OAuthError => new OAuthError('unsupported_grant_type', 400);
export const methodNotAllowed = (): OAuthError =>
  new OAuthError('invalid_request', 405, { description: 'Method not allowed.', headers: { Allow: 'POST' } });
export const payloadTooLarge = (limitBytes: number): OAuthError =>
  new OAuthError('invalid_request', 413, {
    description: `The request body is larger than ${limitBytes} bytes.`,
    headers: { Connection: 'close' },
  });
