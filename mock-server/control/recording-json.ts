import type { components } from '../../generated/openapi.js';
import type { ExchangeEvent } from '../recorder/recorded-event.js';

/** One recorded exchange, in the wire shape `GET /__control/recordings` serves (openapi.yaml). */
export type Recording = components['schemas']['Recording'];

/**
 * An exchange event in the control API's snake_case wire shape, members in the documented order. This is
 * the only place (with the HAR export built on it) where the recorder's events take that shape. `isoTime`
 * turns the arrival time into the `time` string; pass one `isoTimes()` across a list, so exchanges that
 * share a millisecond share the string.
 */
export function toRecording(event: ExchangeEvent, isoTime: (ms: number) => string = isoTimes()): Recording {
  const common = {
    seq: event.seq,
    time: isoTime(event.atMs),
    duration_ms: event.durationMs,
    time_ms: event.atMs,
    endpoint: event.kind,
    method: event.method,
    path: event.path,
    query_keys: [...event.queryKeys],
    status: event.status,
    client_id: event.clientId,
  };
  if (event.kind === 'token')
    return {
      ...common,
      grant_type: event.grantType,
      jti_issued: event.jtiIssued,
      expires_in: event.expiresIn,
      jti_presented: null,
      token_check: null,
      content_type: event.contentType,
      auth_method: event.authMethod,
      credentials_in_query: event.credentialsInQuery,
      error: event.error,
      fault: event.fault,
      request_body: null,
    };
  return {
    ...common,
    grant_type: null,
    jti_issued: null,
    expires_in: null,
    jti_presented: event.jtiPresented,
    token_check: event.tokenCheck,
    content_type: event.contentType,
    auth_method: event.authMethod,
    credentials_in_query: event.credentialsInQuery,
    error: event.error,
    fault: event.fault,
    request_body: event.requestBody,
  };
}

/** Epoch ms to ISO 8601, remembering the last one: exchanges under load share their millisecond. */
export function isoTimes(): (ms: number) => string {
  let lastMs = Number.NaN;
  let last = '';
  return (ms) => {
    if (ms !== lastMs) {
      last = new Date(ms).toISOString();
      lastMs = ms;
    }
    return last;
  };
}

/** A list of exchange events as wire recordings. */
export function toRecordings(events: readonly ExchangeEvent[]): Recording[] {
  const isoTime = isoTimes();
  return events.map((event) => toRecording(event, isoTime));
}
