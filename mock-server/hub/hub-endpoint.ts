import type { RequestData } from '../webhooks/request-data-fixture.js';
import type { WebhookAction } from '../webhooks/webhook-actions.js';

/**
 * The webhook VectorCare sends the calling partner after this call succeeds (facts §3.4-3.6): the hub twin.
 * Each mapping's source (vendor fact or assumption) is in docs/fidelity.md.
 */
export interface HubWebhook {
  readonly action: WebhookAction;
  /** What the call changed in the request's details (a new agreed time, say). */
  readonly dataChanges?: Partial<RequestData>;
}

/** What a hub endpoint answers once the bearer check passed and the body parsed. */
export interface HubAnswer {
  readonly status: 200 | 201;
  readonly body: unknown;
  /** The event this successful call emits to the client's webhook subscriptions, if any. */
  readonly webhook?: HubWebhook;
}

/** One documented hub v2 endpoint: its method, and how it validates and answers a body. */
export interface HubEndpoint {
  /** The path segment after `/requests/{request_id}/`, e.g. `state`. */
  readonly segment: string;
  readonly method: 'POST' | 'PUT';
  /**
   * Validates the parsed JSON body (undefined when the request had none) by the mock's clock, and answers.
   * Throws a HubError with VectorCare's field-error body when the body is invalid.
   */
  answer(body: unknown, nowMs: number): HubAnswer;
}
