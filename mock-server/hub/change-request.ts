import { readText, readUtcDateTime } from './body-fields.js';
import { FieldErrorCollector } from './field-errors.js';
import type { HubEndpoint } from './hub-endpoint.js';
import { objectBody, throwIfInvalid } from './object-body.js';

/**
 * `POST requests/{request_id}/change-request/`: a required `agreed_dt` (ISO 8601 UTC) and `change_reason`
 * (free text, ≤ 450 characters); 200 `{}`. The result comes by webhook, `CHANGE_REQUEST_ACCEPTED` or
 * `CHANGE_REQUEST_DECLINED` (facts §3.6); the twin's requester accepts (an assumption), so `agreed_for_time`
 * becomes `agreed_dt`.
 */
export const changeRequest: HubEndpoint = {
  segment: 'change-request',
  method: 'POST',
  answer(body) {
    const fields = objectBody(body);
    const errors = new FieldErrorCollector();
    const agreedMs = readUtcDateTime(fields, 'agreed_dt', errors);
    readText(fields, 'change_reason', { required: true, maxLength: 450, allowBlank: false }, errors);
    throwIfInvalid(errors);
    const agreed = new Date(agreedMs as number).toISOString();
    return {
      status: 200,
      body: {},
      webhook: { action: 'CHANGE_REQUEST_ACCEPTED', dataChanges: { agreed_for_time: agreed } },
    };
  },
};
