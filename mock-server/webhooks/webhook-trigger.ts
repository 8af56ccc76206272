import { exceedsJsonDepth, MAX_JSON_DEPTH } from '../wire/json-depth.js';
import { parseUtcDateTime } from '../hub/utc-datetime.js';
import type { RequestData } from './request-data-fixture.js';
import {
  ACTION_DEFAULTS,
  isRequestStatus,
  isWebhookAction,
  REQUEST_STATUSES,
  WEBHOOK_ACTIONS,
  type RequestStatus,
  type WebhookAction,
} from './webhook-actions.js';
import { WebhookInputError } from './webhook-input-error.js';

/** An event to send; only `action` is required (defaults in DESIGN §7 and openapi.yaml). */
export interface WebhookTrigger {
  readonly action: WebhookAction;
  /** Default: a fresh `VC-XXXXXXXX`. */
  readonly serviceRequestId?: string;
  /** Default: the status the facts file pairs with the action. */
  readonly requestStatus?: RequestStatus;
  /** Default: a realistic fixture, or null with UNAVAILABLE (which allows nothing else). */
  readonly data?: RequestData | null;
  /** Default: now by the mock's clock. ISO 8601 UTC; sent as given. */
  readonly eventTimestamp?: string;
  /** Only this subscription. */
  readonly subscriptionId?: string;
  /** This client's subscriptions and those for every client (as its hub calls do). */
  readonly clientId?: string;
}

export const MAX_SERVICE_REQUEST_ID_LENGTH = 200;

/** The trigger's fields before checking, under their camelCase names. */
export type UncheckedTrigger = { readonly [K in keyof WebhookTrigger]?: unknown };

const optionalString = (value: unknown, field: string, maxLength: number): string | undefined => {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length === 0 || value.length > maxLength)
    throw new WebhookInputError(field, `must be a string of 1 to ${maxLength} characters`);
  return value;
};

/**
 * Checks an event to send, the one set of rules for the control API and the programmatic API. Problems
 * name the wire field (`request_status`, ...).
 */
export function checkWebhookTrigger(input: UncheckedTrigger): WebhookTrigger {
  if (!isWebhookAction(input.action))
    throw new WebhookInputError('action', `must be one of ${WEBHOOK_ACTIONS.join(', ')}`);
  const action = input.action;
  const serviceRequestId = optionalString(
    input.serviceRequestId,
    'service_request_id',
    MAX_SERVICE_REQUEST_ID_LENGTH,
  );
  if (input.requestStatus !== undefined && !isRequestStatus(input.requestStatus))
    throw new WebhookInputError('request_status', `must be one of ${REQUEST_STATUSES.join(', ')}`);
  const requestStatus = input.requestStatus;
  const data = input.data;
  if (data !== undefined && data !== null && (typeof data !== 'object' || Array.isArray(data)))
    throw new WebhookInputError('data', 'must be an object or null');
  if (exceedsJsonDepth(data))
    throw new WebhookInputError('data', `nests deeper than ${MAX_JSON_DEPTH} levels`);
  // VectorCare sends data: null exactly when the request is UNAVAILABLE (facts §5).
  const status = requestStatus ?? ACTION_DEFAULTS[action].requestStatus;
  if (status === 'UNAVAILABLE' && data !== undefined && data !== null)
    throw new WebhookInputError(
      'data',
      'must be null when request_status is UNAVAILABLE, as VectorCare sends it',
    );
  if (status !== 'UNAVAILABLE' && data === null)
    throw new WebhookInputError(
      'data',
      `must be an object when request_status is ${status}; null only with UNAVAILABLE`,
    );
  const eventTimestamp = input.eventTimestamp;
  if (eventTimestamp !== undefined) {
    if (typeof eventTimestamp !== 'string' || parseUtcDateTime(eventTimestamp) === undefined)
      throw new WebhookInputError(
        'event_timestamp',
        'must be an ISO 8601 UTC date-time, e.g. 2026-01-28T21:48:06.000Z',
      );
  }
  const subscriptionId = optionalString(input.subscriptionId, 'subscription_id', 200);
  const clientId = optionalString(input.clientId, 'client_id', 200);
  if (subscriptionId !== undefined && clientId !== undefined)
    throw new WebhookInputError('client_id', 'give at most one of subscription_id and client_id');
  return {
    action,
    ...(serviceRequestId === undefined ? {} : { serviceRequestId }),
    ...(requestStatus === undefined ? {} : { requestStatus }),
    ...(data === undefined ? {} : { data: data as RequestData | null }),
    ...(eventTimestamp === undefined ? {} : { eventTimestamp: eventTimestamp as string }),
    ...(subscriptionId === undefined ? {} : { subscriptionId }),
    ...(clientId === undefined ? {} : { clientId }),
  };
}
