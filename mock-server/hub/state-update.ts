import type { components } from '../../generated/openapi.js';
import { readChoice, readUtcDateTime } from './body-fields.js';
import { badRequestField, FieldErrorCollector } from './field-errors.js';
import type { HubEndpoint } from './hub-endpoint.js';
import { objectBody, throwIfInvalid } from './object-body.js';

type StateName = components['schemas']['StateName'];

/** VectorCare's trip states (facts §3.2). */
export const STATE_NAMES: readonly StateName[] = Object.freeze([
  'en_route',
  'arrived',
  'on_board',
  'arrived_at_destination',
  'completed',
  'canceled',
  'dry_run',
]);

/** How old a state timestamp may be. */
export const STATE_TIMESTAMP_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * `POST requests/{request_id}/state/`: a known state name and a UTC timestamp, not in the future and at
 * most 7 days old by the mock's clock; 201 echoes `{name, timestamp}`.
 */
export const stateUpdate: HubEndpoint = {
  segment: 'state',
  method: 'POST',
  answer(body, nowMs) {
    const fields = objectBody(body);
    const errors = new FieldErrorCollector();
    const name = readChoice(fields, 'name', STATE_NAMES, errors);
    const at = readUtcDateTime(fields, 'timestamp', errors);
    if (at !== undefined && at > nowMs)
      errors.add('timestamp', badRequestField('Timestamp must not be in the future.'));
    else if (at !== undefined && nowMs - at > STATE_TIMESTAMP_MAX_AGE_MS)
      errors.add('timestamp', badRequestField('Timestamp must be within 7 days of the current time.'));
    throwIfInvalid(errors);
    return { status: 201, body: { name, timestamp: fields['timestamp'] } };
  },
};
