import type { components } from '../../generated/openapi.js';
import { MockError } from './mock-error.js';

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
 * The descriptions the mock sends where league/oauth2-server has none of its own (a method, a body size, the
 * rate_limit fault); see docs/fidelity.md.
 */
export const MOCK_OAUTH_DESCRIPTIONS = {
  methodNotAllowed: 'Method not allowed.',
  throttled: 'Request was throttled.',
} as const;

/**
 * An RFC 6749 §5.2 error that knows its status, headers and exact body. Whatever catches it serializes it
 * with `errorReply`; nothing else writes OAuth2 error bodies.
 */
export class OAuthError extends MockError {
  readonly code: OAuthErrorCode;
  declare readonly status: 400 | 401 | 405 | 413 | 429 | 500 | 503;
  readonly description: string;

  constructor(
    code: OAuthErrorCode,
    status: OAuthError['status'],
    options: { description?: string; headers?: Record<string, string> } = {},
  ) {
    const description = options.description ?? OAUTH_DESCRIPTIONS[code];
    super(description, status, options.headers ?? {});
    this.code = code;
    this.description = description;
  }

  /** The body, with `error_description` first as VectorCare sends it. */
  body(): OAuthErrorBody {
    return { error_description: this.description, error: this.code };
  }
}

/** 401 `invalid_client`; with the Basic challenge when the client used HTTP Basic (RFC 6749 §5.2). */
export const invalidClient = (usedBasic: boolean): OAuthError =>
  new OAuthError(
    'invalid_client',
    401,
    usedBasic ? { headers: { 'WWW-Authenticate': 'Basic realm="OAuth"' } } : {},
  );
/** 400 `invalid_request`: a repeated parameter, an unreadable body, credentials in the query. */
export const invalidRequest = (): OAuthError => new OAuthError('invalid_request', 400);
/** 400 `unsupported_grant_type`: grant_type missing or not `client_credentials`. */
export const unsupportedGrantType = (): OAuthError => new OAuthError('unsupported_grant_type', 400);
/** 405 for any method but POST. */
export const methodNotAllowed = (): OAuthError =>
  new OAuthError('invalid_request', 405, {
    description: MOCK_OAUTH_DESCRIPTIONS.methodNotAllowed,
    headers: { Allow: 'POST' },
  });
/** 413 for a body over the limit; the connection is closed, as the rest of the body is not read. */
export const payloadTooLarge = (limitBytes: number): OAuthError =>
  new OAuthError('invalid_request', 413, {
    description: `The request body is larger than ${limitBytes} bytes.`,
    headers: { Connection: 'close' },
  });
/** 429 `temporarily_unavailable`, the rate_limit fault, with its Retry-After. */
export const throttled = (retryAfterSeconds: number): OAuthError =>
  new OAuthError('temporarily_unavailable', 429, {
    description: MOCK_OAUTH_DESCRIPTIONS.throttled,
    headers: { 'retry-after': String(retryAfterSeconds) },
  });
/** 500 `server_error`: a failure nobody expected, with no details. */
export const serverError = (): OAuthError => new OAuthError('server_error', 500);
