import { readText, readUtcDateTime } from './body-fields.js';
import { FieldErrorCollector } from './field-errors.js';
import type { HubEndpoint } from './hub-endpoint.js';
import { objectBody, throwIfInvalid } from './object-body.js';

/**
 * `POST requests/{request_id}/change-request/`: a required `agreed_dt` (ISO 8601 UTC) and `change_reason`
 * (free text, ≤ 450 characters); 200 `{}`.
 */
export const changeRequest: HubEndpoint = {
  segment: 'change-request',
  method: 'POST',
  answer(body) {
    const fields = objectBody(body);
    const errors = new FieldErrorCollector();
    readUtcDateTime(fields, 'agreed_dt', errors);
    readText(fields, 'change_reason', { required: true, maxLength: 450, allowBlank: false }, errors);
    throwIfInvalid(errors);
    return { status: 200, body: {} };
  },
};
