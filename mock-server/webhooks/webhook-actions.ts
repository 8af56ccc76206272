import type { components } from '../../generated/openapi.js';

/** A webhook `action`, as VectorCare's docs list them (facts §5). */
export type WebhookAction = components['schemas']['WebhookAction'];
/** A webhook `request_status`. */
export type RequestStatus = components['schemas']['RequestStatus'];

/** Where a default comes from: read in VectorCare's docs, or decided here where they are silent. */
export type Basis = 'vendor' | 'assumption';

/** The status an action carries unless the caller gives one, and where that pairing comes from. */
export interface ActionDefault {
  readonly requestStatus: RequestStatus;
  readonly basis: Basis;
  /** The docs page (facts file tag) or the reasoning, for docs/fidelity.md. */
  readonly source: string;
}

/**
 * Every documented action with its typical `request_status` (facts §5 "Actions"). Where the docs did not
 * show the status, the pairing is an assumption, listed so in docs/fidelity.md.
 */
export const ACTION_DEFAULTS: Readonly<Record<WebhookAction, ActionDefault>> = Object.freeze({
  BROADCAST_RECEIVED: { requestStatus: 'AVAILABLE', basis: 'vendor', source: 'WHACT, SETUP' },
  BROADCAST_ACCEPTED: { requestStatus: 'ASSIGNED', basis: 'vendor', source: 'ACC' },
  BROADCAST_DECLINED: { requestStatus: 'UNAVAILABLE', basis: 'vendor', source: 'ACC' },
  BROADCAST_CANCELED: { requestStatus: 'UNAVAILABLE', basis: 'vendor', source: 'WHPAY' },
  BROADCAST_EXPIRED: { requestStatus: 'UNAVAILABLE', basis: 'vendor', source: 'ACC' },
  PROPOSAL_SUBMITTED: {
    requestStatus: 'AVAILABLE',
    basis: 'assumption',
    source: 'a proposal awaits the requester: the request is still only broadcast to you',
  },
  PROPOSAL_ACCEPTED: { requestStatus: 'ASSIGNED', basis: 'vendor', source: 'WHST, BEST' },
  PROPOSAL_DECLINED: {
    requestStatus: 'AVAILABLE',
    basis: 'assumption',
    source: 'the requester kept its own time: the broadcast stands',
  },
  CHANGE_REQUEST_ACCEPTED: {
    requestStatus: 'ASSIGNED',
    basis: 'assumption',
    source: 'change requests follow an accept (CHG); the request stays yours, at the new time',
  },
  CHANGE_REQUEST_DECLINED: {
    requestStatus: 'ASSIGNED',
    basis: 'assumption',
    source: 'change requests follow an accept (CHG); the request stays yours, at the old time',
  },
  REQUEST_DATA_UPDATED: {
    requestStatus: 'ASSIGNED',
    basis: 'assumption',
    source: 'data changes matter most on an assigned request; give request_status for another',
  },
});

/** The documented actions, in the docs' order. */
export const WEBHOOK_ACTIONS = Object.freeze(Object.keys(ACTION_DEFAULTS) as WebhookAction[]);

/** The four statuses (facts §5 "Request status values"). */
export const REQUEST_STATUSES: readonly RequestStatus[] = Object.freeze([
  'AVAILABLE',
  'ASSIGNED',
  'COMPLETED',
  'UNAVAILABLE',
]);

export const isWebhookAction = (value: unknown): value is WebhookAction =>
  typeof value === 'string' && Object.hasOwn(ACTION_DEFAULTS, value);

export const isRequestStatus = (value: unknown): value is RequestStatus =>
  typeof value === 'string' && (REQUEST_STATUSES as readonly string[]).includes(value);
