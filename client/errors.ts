function abbreviate(value: string, maxLength = 300): string {
  return value.length <= maxLength ? value : `${value.slice(0, maxLength)}…`;
}

/**
 * The base of the client's errors, so one `instanceof` catches both. Errors never carry a `cause` and
 * never quote a request: what they say comes from the response, with secrets and tokens redacted.
 */
export class VectorCareError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VectorCareError';
  }
}

/** What a token endpoint failure is made of. */
export interface VectorCareAuthErrorInit {
  /** The HTTP status; 0 when no response arrived. */
  readonly status: number;
  /** The OAuth2 error code, or the client's own code when the answer carried none (see `VectorCareAuthError.error`). */
  readonly error: string;
  readonly errorDescription?: string | undefined;
}

/**
 * The token endpoint did not give a token: it refused (`invalid_client` and the other RFC 6749 §5.2 codes),
 * answered something that is not a token response, or could not be reached.
 */
export class VectorCareAuthError extends VectorCareError {
  /** The HTTP status; 0 when no response arrived. */
  readonly status: number;
  /**
   * The OAuth2 error code the server sent (e.g. `invalid_client`), or one of the client's own:
   * `invalid_token_response` (a 2xx that is not a valid bearer token response), `unexpected_response`
   * (an error status without an OAuth2 error body) or `network_error` (no response).
   */
  readonly error: string;
  readonly errorDescription: string | undefined;

  constructor(init: VectorCareAuthErrorInit) {
    const detail = init.errorDescription === undefined ? '' : `: ${abbreviate(init.errorDescription)}`;
    const answer = init.status === 0 ? 'no response' : `HTTP ${init.status}`;
    super(`VectorCare token request failed (${answer}, ${abbreviate(init.error, 100)})${detail}`);
    this.name = 'VectorCareAuthError';
    this.status = init.status;
    this.error = init.error;
    this.errorDescription = init.errorDescription;
  }
}

/** What a hub error is made of. */
export interface VectorCareApiErrorInit {
  readonly status: number;
  readonly code: string | undefined;
  readonly body: unknown;
  /** e.g. `POST /requests/KP-ABCD1234/state/`, for the message. */
  readonly request: string;
  /** A human-readable summary of the body, for the message. */
  readonly detail?: string | undefined;
}

/** The hub answered a typed call with an error status, or with a body that could not be read. */
export class VectorCareApiError extends VectorCareError {
  readonly status: number;
  /**
   * VectorCare's error code (e.g. `members:authentication_failed`); for field errors the first field's code
   * (e.g. `common:choice_invalid`); `undefined` when the body carries none.
   */
  readonly code: string | undefined;
  /** The parsed JSON body (secrets and tokens redacted), or the text when it was not JSON, or `undefined`. */
  readonly body: unknown;

  constructor(init: VectorCareApiErrorInit) {
    const code = init.code === undefined ? '' : `, ${abbreviate(init.code, 100)}`;
    const detail = init.detail === undefined ? '' : `: ${abbreviate(init.detail)}`;
    super(
      `VectorCare API call ${abbreviate(init.request, 200)} failed (HTTP ${init.status}${code})${detail}`,
    );
    this.name = 'VectorCareApiError';
    this.status = init.status;
    this.code = init.code;
    this.body = init.body;
  }
}
