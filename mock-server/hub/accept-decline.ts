import { readText, type TextRule } from './body-fields.js';
import { FieldErrorCollector } from './field-errors.js';
import type { HubEndpoint } from './hub-endpoint.js';
import { objectBody, throwIfInvalid } from './object-body.js';

const RESPONSE_NOTES: TextRule = { required: false, maxLength: 450, allowBlank: true };

function readNotes(body: unknown): { response_notes?: string } {
  const fields = objectBody(body);
  const errors = new FieldErrorCollector();
  const notes = readText(fields, 'response_notes', RESPONSE_NOTES, errors);
  throwIfInvalid(errors);
  return notes === undefined ? {} : { response_notes: notes };
}

/**
 * `PUT requests/{request_id}/accept/`: optional `response_notes` (≤ 450 characters); 201 echoes it. Then
 * VectorCare sends `BROADCAST_ACCEPTED` / `ASSIGNED` (facts §3.4).
 */
export const acceptRequest: HubEndpoint = {
  segment: 'accept',
  method: 'PUT',
  answer: (body) => ({ status: 201, body: readNotes(body), webhook: { action: 'BROADCAST_ACCEPTED' } }),
};

/**
 * `PUT requests/{request_id}/decline/`: optional `response_notes` (≤ 450 characters); 201 `{}`. Then
 * VectorCare sends `BROADCAST_DECLINED` / `UNAVAILABLE` (facts §3.4).
 */
export const declineRequest: HubEndpoint = {
  segment: 'decline',
  method: 'PUT',
  answer(body) {
    readNotes(body);
    return { status: 201, body: {}, webhook: { action: 'BROADCAST_DECLINED' } };
  },
};
