import { readUtcDateTime } from './body-fields.js';
import { FieldErrorCollector } from './field-errors.js';
import type { HubEndpoint } from './hub-endpoint.js';
import { objectBody, throwIfInvalid } from './object-body.js';

/**
 * `PUT requests/{request_id}/best-time/`: a required `proposed_agreed_dt` (ISO 8601 UTC); 201 `{}`. The
 * outcome comes by webhook, `PROPOSAL_ACCEPTED` or `PROPOSAL_DECLINED` (facts §3.5); the twin's requester
 * accepts (an assumption), so `agreed_for_time` becomes the proposed time.
 */
export const bestTime: HubEndpoint = {
  segment: 'best-time',
  method: 'PUT',
  answer(body) {
    const errors = new FieldErrorCollector();
    const proposedMs = readUtcDateTime(objectBody(body), 'proposed_agreed_dt', errors);
    throwIfInvalid(errors);
    const agreed = new Date(proposedMs as number).toISOString();
    return {
      status: 201,
      body: {},
      webhook: {
        action: 'PROPOSAL_ACCEPTED',
        dataChanges: { agreed_for_time: agreed, pickup_date_time: agreed },
      },
    };
  },
};
