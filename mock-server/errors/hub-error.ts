import type { components } from '../../generated/openapi.js';
import { MockError } from './mock-error.js';

type HubErrorBody = components['schemas']['HubError'];
type FieldErrorsBody = components['schemas']['FieldErrors'];
/** What a hub error sends: `{message, code}`, a field-error body, or a list of them (location lists). */
export type HubErrorPayload = HubErrorBody | FieldErrorsBody | FieldErrorsBody[];

/** VectorCare's non-field error catalogue (facts §4): code → message. */
export const HUB_MESSAGES = {
  'members:not_authenticated': 'Authentication credentials were not provided.',
  'members:authentication_failed': 'Authentication failed.',
  'members:permission_denied': 'You do not have permission to perform this action.',
  'api:bad_request': 'Bad request.',
  'api:not_found': 'Not found.',
  'api:too_many_requests': 'Request was throttled.',
  'api:method_not_allowed': 'Method not allowed.',
  'api:unknown_error': 'Unknown error.',
  'responder:too_many_locations': 'Too many locations. (Max 200 per request)',
} as const;

export type HubErrorCode = keyof typeof HUB_MESSAGES;

/** The first VectorCare code in an error body: its own `code`, or the first field error's. */
function firstCode(payload: HubErrorPayload): string | null {
  if (Array.isArray(payload)) {
    for (const item of payload) {
      const code = firstCode(item);
      if (code !== null) return code;
    }
    return null;
  }
  if (typeof payload['code'] === 'string') return payload['code'];
  for (const errors of Object.values(payload)) {
    const first = Array.isArray(errors) ? errors[0] : undefined;
    if (first !== undefined) return first.code;
  }
  return null;
}

/**
 * A hub error in VectorCare's shape: `{message, code}` for non-field errors, or a field-error body
 * (`{"name": [{"message", "code"}]}`, or an array of them for location lists).
 */
export class HubError extends MockError {
  readonly payload: HubErrorPayload;
  /** The body's first VectorCare code; a field-error body always names one (an empty one is never sent). */
  readonly code: string;

  constructor(status: number, payload: HubErrorPayload, headers: Readonly<Record<string, string>> = {}) {
    super(
      Array.isArray(payload) ? 'Validation failed.' : String(payload['message'] ?? 'Validation failed.'),
      status,
      headers,
    );
    this.payload = payload;
    this.code = firstCode(payload) ?? 'api:bad_request';
  }

  static of(status: number, code: HubErrorCode, headers: Readonly<Record<string, string>> = {}): HubError {
    return new HubError(status, { message: HUB_MESSAGES[code], code }, headers);
  }

  body(): HubErrorPayload {
    return this.payload;
  }

  /** The same error with `extra` headers added (a refusal that must also close the connection). */
  withHeaders(extra: Readonly<Record<string, string>> | undefined): HubError {
    return extra === undefined
      ? this
      : new HubError(this.status, this.payload, { ...this.headers, ...extra });
  }
}

/** RFC 6750 §3: the challenge on every hub 401. */
const CHALLENGE = 'Bearer realm="api"';

/** 401 with no bearer credentials: RFC 6750 §3.1 says to send no error code. */
export const notAuthenticated = (): HubError =>
  HubError.of(401, 'members:not_authenticated', { 'WWW-Authenticate': CHALLENGE });

/** 401 for any failed bearer check: the same answer whatever failed, as RFC 6750 §3.1 allows no more. */
export const authenticationFailed = (): HubError =>
  HubError.of(401, 'members:authentication_failed', {
    'WWW-Authenticate': `${CHALLENGE}, error="invalid_token"`,
  });

/** 429, the rate_limit fault, with its Retry-After. */
export const throttled = (retryAfterSeconds: number): HubError =>
  HubError.of(429, 'api:too_many_requests', { 'Retry-After': String(retryAfterSeconds) });

/** 404 for a path the hub does not serve (a missing trailing slash included). */
export const notFound = (): HubError => HubError.of(404, 'api:not_found');

/** 405 with the endpoint's one method in Allow. */
export const methodNotAllowed = (allow: string, headers?: Readonly<Record<string, string>>): HubError =>
  HubError.of(405, 'api:method_not_allowed', { Allow: allow, ...headers });

/** 400 for a body that is not JSON, or not the JSON value the endpoint takes. */
export const badRequest = (): HubError => HubError.of(400, 'api:bad_request');

/** 413 for a body over the limit; the connection is closed, as the rest of the body is not read. */
export const payloadTooLarge = (): HubError => HubError.of(413, 'api:bad_request', { Connection: 'close' });

/** 400 for a location list longer than the hub takes. */
export const tooManyLocations = (): HubError => HubError.of(400, 'responder:too_many_locations');

/** 400 with VectorCare's field errors: every problem of the body at once. */
export const invalidFields = (errors: FieldErrorsBody | FieldErrorsBody[]): HubError =>
  new HubError(400, errors);

/** 500 for a failure nobody expected: no message, no stack, no path. */
export const unknownError = (): HubError => HubError.of(500, 'api:unknown_error');
