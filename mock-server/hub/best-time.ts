import { readUtcDateTime } from './body-fields.js';
import { FieldErrorCollector } from './field-errors.js';
import type { HubEndpoint } from './hub-endpoint.js';
import { objectBody, throwIfInvalid } from './object-body.js';

/** `PUT requests/{request_id}/best-time/`: a required `proposed_agreed_dt` (ISO 8601 UTC); 201 `{}`. */
export const bestTime: HubEndpoint = {
  segment: 'best-time',
  method: 'PUT',
  answer(body) {
    const errors = new FieldErrorCollector();
    readUtcDateTime(objectBody(body), 'proposed_agreed_dt', errors);
    throwIfInvalid(errors);
    return { status: 201, body: {} };
  },
};
