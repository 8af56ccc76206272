import { ControlError } from './control-error.js';
import { HubError } from './hub-error.js';
import { OAuthError } from './oauth-error.js';
import { jsonResponse } from '../http/json-response.js';

/** The response for a known error; undefined for anything else. */
export function errorResponse(error: unknown): Response | undefined {
  if (error instanceof OAuthError) {
    return jsonResponse(error.status, JSON.stringify(error.body()), { ...error.headers });
  }
  if (error instanceof HubError) {
    return jsonResponse(error.status, JSON.stringify(error.payload), { ...error.headers });
  }
  if (error instanceof ControlError) {
    return jsonResponse(error.status, JSON.stringify(error.body()), { ...error.headers });
  }
  return undefined;
}

/** The body sent for an unexpected failure: no message, no stack, no path. */
export const INTERNAL_ERROR_BODY = JSON.stringify({ message: 'Unknown error.', code: 'api:unknown_error' });
