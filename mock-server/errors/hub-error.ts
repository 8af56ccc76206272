import type { components } from '../../generated/openapi.js';

type HubErrorBody = components['schemas']['HubError'];
type FieldErrorsBody = components['schemas']['FieldErrors'];

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

/**
 * A hub error in VectorCare's shape: `{message, code}` for non-field errors, or a field-error body
 * (`{"name": [{"message", "code"}]}`, or an array of them for location lists).
 */
export class HubError extends Error {
  readonly status: number;
  readonly payload: HubErrorBody | FieldErrorsBody | FieldErrorsBody[];
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    status: number,
    payload: HubErrorBody | FieldErrorsBody | FieldErrorsBody[],
    headers: Record<string, string> = {},
  ) {
    super(Array.isArray(payload) ? 'Validation failed.' : String(payload['message'] ?? 'Validation failed.'));
    this.name = 'HubError';
    this.status = status;
    this.payload = payload;
    this.headers = headers;
  }

  static of(status: number, code: HubErrorCode, headers: Record<string, string> = {}): HubError {
    return new HubError(status, { message: HUB_MESSAGES[code], code }, headers);
  }
}
