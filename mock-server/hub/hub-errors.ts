import { HubError } from '../errors/hub-error.js';

/** RFC 6750 §3: the challenge on every hub 401. */
const CHALLENGE = 'Bearer realm="api"';

/** No bearer credentials: RFC 6750 §3.1 says to send no error code. */
export const notAuthenticated = (): HubError =>
  HubError.of(401, 'members:not_authenticated', { 'WWW-Authenticate': CHALLENGE });

/** Any failed bearer check: the same answer whatever failed, as RFC 6750 §3.1 allows no more. */
export const authenticationFailed = (): HubError =>
  HubError.of(401, 'members:authentication_failed', {
    'WWW-Authenticate': `${CHALLENGE}, error="invalid_token"`,
  });

export const throttled = (retryAfterSeconds: number): HubError =>
  HubError.of(429, 'api:too_many_requests', { 'Retry-After': String(retryAfterSeconds) });
