import type { components } from '../generated/openapi.js';

type Schemas = components['schemas'];

/**
 * One webhook from VectorCare (v2): `{event_id, event_timestamp, service_request_id, request_status, action,
 * data}`, with `data` null when `request_status` is `UNAVAILABLE`. VectorCare may add actions and data
 * fields; the receiver passes unknown ones through.
 */
export type VectorCareWebhookEvent = Schemas['WebhookEvent'];
/** `BROADCAST_RECEIVED`, `BROADCAST_ACCEPTED`, ... as VectorCare documents them. */
export type WebhookAction = Schemas['WebhookAction'];
/** `AVAILABLE`, `ASSIGNED`, `COMPLETED` or `UNAVAILABLE`. */
export type RequestStatus = Schemas['RequestStatus'];
/** A webhook's `data`: the request's details (the fields VectorCare's docs show, and any others it sends). */
export type WebhookRequestData = Schemas['WebhookRequestData'];
/** A pickup or destination in `data`. */
export type WebhookLocation = Schemas['WebhookLocation'];
