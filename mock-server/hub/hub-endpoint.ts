/** What a hub endpoint answers once the bearer check passed and the body parsed. */
export interface HubAnswer {
  readonly status: 200 | 201;
  readonly body: unknown;
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
