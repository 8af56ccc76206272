// Generated from openapi.yaml by scripts/generate-types.mjs. Do not edit: run `npm run generate:types`.
export type paths = {
  '/v2.0/oauth2/token': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * OAuth2 client credentials token endpoint (RFC 6749 §4.4)
     * @description Client credentials in the body (client_secret_post) or by HTTP Basic (client_secret_basic, id and secret
     *     accepted with or without RFC 6749 §2.3.1 form-encoding), never both and never in the query string.
     *     Only application/x-www-form-urlencoded and multipart/form-data bodies are read; a body of any other or
     *     no content type counts as no parameters (so grant_type is missing: unsupported_grant_type). Checks run
     *     in this order: method (405), body size (413), body syntax, credentials in the query string, repeated
     *     parameters, Basic plus client_secret in the body (400 invalid_request), grant_type (400
     *     unsupported_grant_type), client authentication (401 invalid_client). Bodies over 64 KiB are refused
     *     with 413 without being read. Every behaviour and its source: docs/fidelity.md.
     */
    post: operations['issueToken'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/.well-known/jwks.json': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The public keys that verify issued tokens */
    get: operations['getJwks'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/.well-known/oauth-authorization-server': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** RFC 8414 authorization server metadata */
    get: operations['getAuthorizationServerMetadata'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/.well-known/vectorcare-webhook-public-key.pem': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The RSA public key (SPKI PEM) that verifies the mock's webhook signatures
     * @description Not the token key: webhooks are signed with a key of their own (the committed TEST-ONLY
     *     fixtures/keys/test-only-webhook-key.pem unless `--webhook-key` names another).
     */
    get: operations['getWebhookPublicKey'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/openapi/v2.0/requests/{request_id}/state/': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        request_id: components['parameters']['RequestId'];
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['updateState'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/openapi/v2.0/requests/{request_id}/locations/': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        request_id: components['parameters']['RequestId'];
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['sendLocations'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/openapi/v2.0/requests/{request_id}/accept/': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        request_id: components['parameters']['RequestId'];
      };
      cookie?: never;
    };
    get?: never;
    put: operations['acceptRequest'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/openapi/v2.0/requests/{request_id}/decline/': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        request_id: components['parameters']['RequestId'];
      };
      cookie?: never;
    };
    get?: never;
    put: operations['declineRequest'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/openapi/v2.0/requests/{request_id}/best-time/': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        request_id: components['parameters']['RequestId'];
      };
      cookie?: never;
    };
    get?: never;
    put: operations['proposeBestTime'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/openapi/v2.0/requests/{request_id}/change-request/': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        request_id: components['parameters']['RequestId'];
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['requestChange'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/__control/clients': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Create an isolated client with its own credentials and token lifetime */
    post: operations['createClient'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/__control/tokens/revoke': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Revoke one token by jti, or every live token of a client */
    post: operations['revokeTokens'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/__control/faults': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['listFaults'];
    put?: never;
    /** Queue a fault for the next N matching requests */
    post: operations['addFault'];
    delete: operations['clearFaults'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/__control/clock': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['getClock'];
    put?: never;
    /** Follow real time, run at an offset, freeze at an instant, or advance */
    post: operations['setClock'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/__control/recordings': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['getRecordings'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/__control/recordings.har': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['getRecordingsHar'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/__control/reset': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Forget created clients, revocations, faults and recordings; return the clock to real time */
    post: operations['reset'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/__control/webhooks/subscriptions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['listWebhookSubscriptions'];
    put?: never;
    /** Register a URL that receives webhooks */
    post: operations['createWebhookSubscription'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/__control/webhooks/subscriptions/{subscription_id}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        subscription_id: string;
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Remove a subscription; its retries still pending are cancelled */
    delete: operations['deleteWebhookSubscription'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/__control/webhooks/events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Send an event to the subscriptions, with VectorCare's signature and retry schedule */
    post: operations['triggerWebhookEvent'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/__control/webhooks/events/{event_id}/redeliver': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        event_id: string;
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Send an event's same bytes again (a duplicate), with a schedule of its own */
    post: operations['redeliverWebhookEvent'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/__control/webhooks/deliveries': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['listWebhookDeliveries'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/__dashboard/': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The live dashboard page (docs/dashboard.md)
     * @description One HTML page, served by the mock itself, that polls /__dashboard/feed and draws each client's tokens
     *     and calls, the webhook deliveries with their attempts, the clock and the fault queue; its controls call the control API. Guarded
     *     as the control API is: loopback only, or with --control-token a bearer token (the page asks for it).
     */
    get: operations['getDashboard'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/__dashboard/feed': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** What the dashboard polls; the state now and what was recorded after the cursors given */
    get: operations['getDashboardFeed'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/__dashboard/assets/{asset}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A module of the page's script, by its path in the package (e.g. shared/timeline/timeline-svg.js). */
        asset: string;
      };
      cookie?: never;
    };
    get: operations['getDashboardAsset'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
};
export type webhooks = {
  requestEvent: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * What the mock (as VectorCare) POSTs to every subscribed URL
     * @description One request event per POST (facts §5). The signature covers the exact body bytes; verify them before
     *     parsing. A 2xx within 10 s is success; anything else is retried about 8 s and about 64 s after the
     *     first attempt, with the same bytes.
     */
    post: operations['receiveRequestEvent'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
};
export type components = {
  schemas: {
    /** @description Each parameter at most once. client_id and client_secret may come by HTTP Basic instead. */
    TokenRequest: {
      /** @constant */
      grant_type: 'client_credentials';
      client_id?: string;
      client_secret?: string;
    };
    TokenResponse: {
      /** @description An RS256-signed JWT. */
      access_token: string;
      /** @constant */
      token_type: 'bearer';
      expires_in: number;
    };
    OAuthError: {
      error_description: string;
      /** @enum {string} */
      error:
        | 'invalid_request'
        | 'invalid_client'
        | 'unsupported_grant_type'
        | 'server_error'
        | 'temporarily_unavailable';
    };
    /** @description An RSA public key; private members never appear. */
    Jwk: {
      /** @constant */
      kty: 'RSA';
      n: string;
      e: string;
      kid: string;
      /** @constant */
      alg: 'RS256';
      /** @constant */
      use: 'sig';
    };
    JwkSet: {
      keys: components['schemas']['Jwk'][];
    };
    /**
     * @description RFC 8414 metadata. response_types_supported is required by RFC 8414 §2 and empty: the server has no
     *     authorization endpoint. No token_endpoint_auth_signing_alg_values_supported: no JWT client authentication.
     */
    AuthorizationServerMetadata: {
      issuer: string;
      token_endpoint: string;
      jwks_uri: string;
      grant_types_supported: 'client_credentials'[];
      token_endpoint_auth_methods_supported: ('client_secret_post' | 'client_secret_basic')[];
      response_types_supported: string[];
    };
    /** @description The claims of an issued JWT. Times are NumericDate values and may be fractional (RFC 7519 §2). */
    AccessTokenClaims: {
      iss: string;
      aud: string;
      sub: string;
      jti: string;
      iat: number;
      nbf: number;
      exp: number;
      scopes: string[];
    };
    HubError: {
      message: string;
      code: string;
    };
    FieldError: {
      message: string;
      code: string;
    };
    /** @description Field name to its errors, e.g. {"name": [{"message": "...", "code": "common:choice_invalid"}]} */
    FieldErrors: {
      [key: string]: components['schemas']['FieldError'][];
    };
    EmptyObject: Record<string, never>;
    /** @enum {string} */
    StateName:
      'en_route' | 'arrived' | 'on_board' | 'arrived_at_destination' | 'completed' | 'canceled' | 'dry_run';
    StateUpdate: {
      name: components['schemas']['StateName'];
      /** @description ISO 8601 UTC, not in the future, within 7 days. */
      timestamp: string;
    };
    Location: {
      lat: number;
      lng: number;
      alt: number;
      speed?: number;
      /** @description Unix epoch seconds, may be fractional. */
      timestamp: number;
    };
    ResponseNotes: {
      response_notes?: string;
    };
    BestTime: {
      /** @description ISO 8601 UTC. */
      proposed_agreed_dt: string;
    };
    ChangeRequest: {
      /** @description ISO 8601 UTC. */
      agreed_dt: string;
      change_reason: string;
    };
    ControlError: {
      /** @enum {string} */
      error:
        'invalid_body' | 'not_loopback' | 'unauthorized' | 'conflict' | 'not_found' | 'method_not_allowed';
      message: string;
      field?: string;
    };
    CreateClientRequest: {
      client_id?: string;
      client_secret?: string;
      expires_in?: number;
    };
    ClientCredentials: {
      client_id: string;
      client_secret: string;
      expires_in: number;
    };
    /** @description Exactly one of jti and client_id. */
    RevokeRequest: {
      jti?: string;
      client_id?: string;
    };
    RevokeResult: {
      /** @description How many live tokens were revoked. */
      revoked: number;
    };
    /**
     * @description token_response: the token endpoint answers with status and body instead of its own answer.
     *     delay: the matching request gets its own answer, delay_ms late. On the token endpoint the token is issued
     *       when the request arrives and held back, so it has aged by delay_ms when the client receives it (a slow network).
     *     drop_connection: the connection is destroyed without an answer.
     *     hub_unauthorized: the hub answers 401 members:authentication_failed whatever the token.
     *     rate_limit: the matching request gets 429 (api:too_many_requests on the hub) with Retry-After.
     *     lifetime: the matching token request is answered as usual, but its token lives expires_in seconds instead of the
     *       client's lifetime (a client given tokens of different lifetimes).
     * @enum {string}
     */
    FaultKind:
      'token_response' | 'delay' | 'drop_connection' | 'hub_unauthorized' | 'rate_limit' | 'lifetime';
    FaultRequest: {
      /** @enum {string} */
      target: 'token' | 'hub';
      kind: components['schemas']['FaultKind'];
      /** @description Only requests of this client match. */
      client_id?: string;
      /** @default 1 */
      count: number;
      /** @description With token_response. */
      status?: number;
      /** @description With token_response; a JSON value, sent as JSON. */
      body?: unknown;
      /** @description With delay. */
      delay_ms?: number;
      /** @description With rate_limit, in seconds. */
      retry_after?: number;
      /** @description With lifetime, in seconds. */
      expires_in?: number;
    };
    Fault: {
      id: string;
      /** @enum {string} */
      target: 'token' | 'hub';
      kind: components['schemas']['FaultKind'];
      client_id?: string;
      remaining: number;
      status?: number;
      body?: unknown;
      delay_ms?: number;
      retry_after?: number;
      expires_in?: number;
    };
    FaultList: {
      faults: components['schemas']['Fault'][];
    };
    /**
     * @description Exactly one of: offset_ms (real time plus an offset), frozen_at (an ISO 8601 instant or epoch ms; time stops there),
     *     advance_ms (move the clock forward, frozen or not), real (true: follow real time again). The clock must stay between 1970 and the end of year 9999.
     */
    ClockRequest: {
      offset_ms?: number;
      frozen_at?: string | number;
      advance_ms?: number;
      /** @constant */
      real?: true;
    };
    ClockState: {
      /** @enum {string} */
      mode: 'real' | 'offset' | 'frozen';
      /** @description ISO 8601. */
      now: string;
      now_ms: number;
      /** @description now_ms minus real time. */
      offset_ms: number;
    };
    /**
     * @description How the client authenticated on this exchange.
     * @enum {string}
     */
    AuthMethod: 'client_secret_basic' | 'client_secret_post' | 'both' | 'none' | 'bearer' | 'other';
    Recording: {
      /** @description Increases by one per exchange, from 1. */
      seq: number;
      /** @description When the request arrived, by the mock clock, ISO 8601. */
      time: string;
      /** @description When the request arrived, by the mock clock, epoch ms. */
      time_ms: number;
      duration_ms: number;
      /** @enum {string} */
      endpoint: 'token' | 'hub' | 'jwks' | 'metadata' | 'other';
      method: string;
      path: string;
      /** @description Names of query parameters, values never kept. */
      query_keys?: string[];
      /** @description 0 when the connection was dropped. */
      status: number;
      /** @description The client that authenticated or whose token was presented. */
      client_id: string | null;
      grant_type?: string | null;
      jti_issued: string | null;
      /** @description The lifetime of the token issued. */
      expires_in?: number | null;
      jti_presented: string | null;
      /**
       * @description For hub calls, the outcome of the bearer check (kept here for tests; never sent to the client).
       * @enum {string|null}
       */
      token_check?:
        | 'valid'
        | 'missing'
        | 'malformed'
        | 'bad_signature'
        | 'unknown_key'
        | 'bad_algorithm'
        | 'expired'
        | 'not_yet_valid'
        | 'wrong_issuer'
        | 'critical_header'
        | 'revoked'
        | 'unknown_client'
        | null;
      content_type: string | null;
      auth_method: components['schemas']['AuthMethod'] | null;
      credentials_in_query?: boolean;
      /** @description The OAuth2 error or VectorCare code answered. */
      error: string | null;
      /** @description The fault kind applied, if any. */
      fault?: string | null;
      /** @description Hub calls: the parsed JSON body, secret-looking keys redacted (null when none or unparseable); a body over 16 KiB or nested deeper than 64 levels as {truncated, bytes, sha256}. Never kept for the token endpoint. */
      request_body?: unknown;
    };
    RecordingList: {
      recordings: components['schemas']['Recording'][];
      /** @description Exchanges pushed out of the ring buffer since the last reset. */
      dropped: number;
      capacity: number;
    };
    HarPair: {
      name: string;
      value: string;
    };
    /**
     * @description HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/). Secrets are redacted: Basic credentials,
     *     client secrets and query values read `[redacted]`; tokens are named by their jti in `_vectorcare`.
     *     Response bodies are not recorded. Each entry's `_vectorcare` holds the recording's other fields.
     */
    Har: {
      log: {
        /** @constant */
        version: '1.2';
        creator: {
          name: string;
          version: string;
        };
        entries: {
          startedDateTime: string;
          time: number;
          request: {
            method: string;
            url: string;
            httpVersion: string;
            cookies: components['schemas']['HarPair'][];
            headers: components['schemas']['HarPair'][];
            queryString: components['schemas']['HarPair'][];
            postData?: {
              mimeType: string;
              text?: string;
              params?: components['schemas']['HarPair'][];
            };
            headersSize: number;
            bodySize: number;
          };
          response: {
            status: number;
            statusText: string;
            httpVersion: string;
            cookies: components['schemas']['HarPair'][];
            headers: components['schemas']['HarPair'][];
            content: {
              size: number;
              mimeType: string;
            };
            redirectURL: string;
            headersSize: number;
            bodySize: number;
          };
          cache: Record<string, never>;
          timings: {
            send: number;
            wait: number;
            receive: number;
          };
          _vectorcare?: Record<string, never>;
        }[];
      };
    };
    /**
     * @description What happened to the request (facts §5 "Actions").
     * @enum {string}
     */
    WebhookAction:
      | 'BROADCAST_RECEIVED'
      | 'BROADCAST_ACCEPTED'
      | 'BROADCAST_DECLINED'
      | 'BROADCAST_CANCELED'
      | 'BROADCAST_EXPIRED'
      | 'PROPOSAL_SUBMITTED'
      | 'PROPOSAL_ACCEPTED'
      | 'PROPOSAL_DECLINED'
      | 'CHANGE_REQUEST_ACCEPTED'
      | 'CHANGE_REQUEST_DECLINED'
      | 'REQUEST_DATA_UPDATED';
    /**
     * @description Where the request stands for the receiver (facts §5 "Request status values").
     * @enum {string}
     */
    RequestStatus: 'AVAILABLE' | 'ASSIGNED' | 'COMPLETED' | 'UNAVAILABLE';
    WebhookLocation: {
      address?: string | null;
      city?: string | null;
      country?: string | null;
      lat?: number | null;
      lng?: number | null;
      name?: string | null;
      state?: string | null;
      street?: string | null;
      zip?: string | null;
    };
    /**
     * @description The request's details: the fields VectorCare's docs show (facts §5, a partial list; its full table was
     *     not readable, so types are the mock's). VectorCare sends more fields; a receiver must accept unknown
     *     ones.
     */
    WebhookRequestData: {
      account_name?: string | null;
      /** @description ISO 8601 UTC. */
      agreed_for_time?: string | null;
      change_request_enabled?: boolean | null;
      collection_id?: string | null;
      facility_name?: string | null;
      organization_id?: string | null;
      is_round_trip_first_trip?: boolean | null;
      is_round_trip_return_trip?: boolean | null;
      round_trip_other_service_request_id?: string | null;
      pickup_location?: components['schemas']['WebhookLocation'] | null;
      destination_location?: components['schemas']['WebhookLocation'] | null;
      /** @description ISO 8601 UTC. */
      pickup_date_time?: string | null;
      patient_active_membership?: string | null;
      patient_age?: number | null;
      patient_coverages?: unknown[] | null;
      patient_date_of_birth?: string | null;
      patient_first_name?: string | null;
      patient_middle_name?: string | null;
      patient_last_name?: string | null;
      patient_gender?: string | null;
      patient_girth_inches?: number | null;
      patient_height_inches?: number | null;
      patient_id?: string | null;
      patient_interpreter_required?: boolean | null;
      patient_language_spoken?: string | null;
      patient_language_written?: string | null;
      patient_membership_primary_id?: string | null;
      patient_membership_primary_prefix?: string | null;
      patient_membership_secondary_id?: string | null;
      patient_membership_secondary_prefix?: string | null;
      patient_over_300p?: boolean | null;
      patient_weight_kg?: number | null;
      patient_weight_lbs?: number | null;
      service_request_web_url?: string | null;
      can_ambulate?: boolean | null;
      destination_is_home?: boolean | null;
      escalated?: boolean | null;
      has_own_wheelchair?: boolean | null;
      hospice?: boolean | null;
      is_dialysis_trip?: boolean | null;
      is_inpatient?: boolean | null;
      is_recent_onset?: boolean | null;
      isolation_precaution?: boolean | null;
      patient_is_ready?: boolean | null;
      pickup_is_home?: boolean | null;
      return_on_will_call?: boolean | null;
      wait_and_return?: boolean | null;
    } & {
      [key: string]: unknown;
    };
    /**
     * @description VectorCare's webhook envelope (v2), in the key order the mock sends. `data` is null when
     *     `request_status` is UNAVAILABLE.
     */
    WebhookEvent: {
      /**
       * @description Unique; later events compare greater as strings. Use it (with service_request_id) to de-duplicate.
       * @example 8e7994e1bd2b4076a4e6aaca2c65531d
       */
      event_id: string;
      /**
       * @description When the event was sent, ISO 8601 UTC with milliseconds.
       * @example 2026-01-28T21:48:06.000Z
       */
      event_timestamp: string;
      /**
       * @example VC-BSBBCY5Q
       * @example KP-ABCD1234
       */
      service_request_id: string;
      request_status: components['schemas']['RequestStatus'];
      action: components['schemas']['WebhookAction'];
      data: components['schemas']['WebhookRequestData'] | null;
    };
    WebhookSubscriptionRequest: {
      /** @description An absolute http:// or https:// URL, without user:password@. */
      url: string;
      /** @description Only this client's hub calls emit events to it; without it, every client's do. */
      client_id?: string;
    };
    WebhookSubscription: {
      subscription_id: string;
      url: string;
      client_id: string | null;
    };
    WebhookSubscriptionList: {
      subscriptions: components['schemas']['WebhookSubscription'][];
    };
    /**
     * @description Only `action` is required. Defaults: a fresh service_request_id (VC-XXXXXXXX), the request_status the
     *     facts file pairs with the action, a realistic data fixture (null when UNAVAILABLE), event_timestamp
     *     now by the mock's clock. The event goes to `subscription_id` alone if given; else to `client_id`'s
     *     subscriptions and those for every client; else to every subscription.
     */
    WebhookEventRequest: {
      action: components['schemas']['WebhookAction'];
      service_request_id?: string;
      request_status?: components['schemas']['RequestStatus'];
      /** @description The data object to send as given, or null; null (or left out) with UNAVAILABLE. */
      data?: Record<string, never> | null;
      /** @description ISO 8601 UTC, e.g. 2026-01-28T21:48:06.000Z. */
      event_timestamp?: string;
      subscription_id?: string;
      client_id?: string;
    };
    WebhookRedeliverRequest: {
      /** @description Send the duplicate to this subscription only (any, even one made after the event). */
      subscription_id?: string;
    };
    WebhookRedelivery: {
      event_id: string;
      subscriptions: components['schemas']['WebhookSubscription'][];
    };
    /**
     * @description Why an attempt got no usable answer: timeout (no whole answer within 10 s by the mock's clock),
     *     connection_refused, connection_reset (reset, or closed before the whole answer), unreachable (DNS or
     *     routing), tls_error, response_too_large (an answer body over 64 KiB), protocol_error (not HTTP, or
     *     headers over 16 KiB), dropped (the sender hung up on purpose), cancelled (the mock shut down
     *     mid-attempt).
     * @enum {string}
     */
    WebhookDeliveryError:
      | 'timeout'
      | 'connection_refused'
      | 'connection_reset'
      | 'unreachable'
      | 'tls_error'
      | 'response_too_large'
      | 'protocol_error'
      | 'dropped'
      | 'cancelled';
    /** @description One finished delivery attempt. */
    WebhookDelivery: {
      /** @description Its place among the recorded delivery attempts, from 1 (a numbering of their own). */
      seq: number;
      /** @description One event to one subscription (a redelivery is a new one). */
      delivery_id: string;
      event_id: string;
      subscription_id: string;
      url: string;
      attempt: number;
      redelivery: boolean;
      /** @description When the attempt started */
      sent_at: string;
      sent_at_ms: number;
      /** @description The receiver's HTTP status; null when none came. */
      status: number | null;
      error: components['schemas']['WebhookDeliveryError'] | null;
      /** @description Start to the end of the answer (or the failure), by the mock's clock. */
      duration_ms: number;
      /** @enum {string} */
      outcome: 'delivered' | 'failed';
      /** @description When the schedule tries again (ISO 8601, mock clock); null when this attempt was the last. */
      next_attempt_at: string | null;
    };
    WebhookDeliveryList: {
      deliveries: components['schemas']['WebhookDelivery'][];
      /** @description Attempts scheduled and not yet started */
      pending_retries: number;
      /** @description Recorder entries pushed out of the ring buffer since the last reset. */
      dropped: number;
      capacity: number;
    };
    /** @description A client the mock knows (configured or created); its secret is never served. */
    DashboardClient: {
      client_id: string;
      /** @description The lifetime of the tokens it is issued */
      expires_in: number;
    };
    /** @description A token request or hub call, with what the dashboard draws of it. */
    DashboardExchange: {
      seq: number;
      /** @enum {string} */
      endpoint: 'token' | 'hub';
      /** @description When the request arrived, by the mock clock, epoch ms. */
      at_ms: number;
      method: string;
      path: string;
      /** @description 0 when the connection was dropped. */
      status: number;
      client_id: string | null;
      /** @description The token issued (token endpoint) or presented (hub), when there was one. */
      jti: string | null;
      /** @description The lifetime of the token issued */
      expires_in: number | null;
      /** @description The hub's bearer check (see Recording). */
      token_check: string | null;
      error: string | null;
      fault: string | null;
    };
    /** @description A request to the control API, as the recorder kept it. */
    DashboardAction: {
      seq: number;
      at_ms: number;
      method: string;
      path: string;
      status: number;
      error: string | null;
    };
    /** @description One finished webhook delivery attempt, as the dashboard shows it. */
    DashboardDelivery: {
      seq: number;
      delivery_id: string;
      event_id: string;
      action: components['schemas']['WebhookAction'];
      service_request_id: string;
      subscription_id: string;
      client_id: string | null;
      url: string;
      attempt: number;
      redelivery: boolean;
      /** @description When the attempt started, by the mock's clock, epoch ms. */
      at_ms: number;
      duration_ms: number;
      status: number | null;
      error: components['schemas']['WebhookDeliveryError'] | null;
      delivered: boolean;
      /** @description When the schedule tries again; null after the last attempt. */
      next_attempt_at_ms: number | null;
    };
    /**
     * @description The dashboard's poll. clock, faults, clients, subscriptions and pending_retries are the state now;
     *     exchanges, actions and deliveries are those recorded after the cursors sent (all of them kept when none). first_* is the oldest seq
     *     still kept (null when none): the page forgets what is older, as the recorder has.
     */
    DashboardFeed: {
      clock: components['schemas']['ClockState'];
      faults: components['schemas']['Fault'][];
      clients: components['schemas']['DashboardClient'][];
      exchanges: components['schemas']['DashboardExchange'][];
      actions: components['schemas']['DashboardAction'][];
      last_seq: number;
      first_seq: number | null;
      last_action_seq: number;
      first_action_seq: number | null;
      deliveries: components['schemas']['DashboardDelivery'][];
      last_delivery_seq: number;
      first_delivery_seq: number | null;
      subscriptions: components['schemas']['WebhookSubscription'][];
      /** @description Webhook attempts scheduled and not yet started. */
      pending_retries: number;
      /** @description How many exchanges the recorder keeps. */
      capacity: number;
      /** @description Exchanges pushed out since the last reset. */
      dropped: number;
    };
  };
  responses: {
    /** @description VectorCare field errors. */
    ValidationError: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['FieldErrors'] | components['schemas']['HubError'];
      };
    };
    /**
     * @description No bearer token (members:not_authenticated), or a token that failed verification
     *     (members:authentication_failed, with WWW-Authenticate Bearer realm="api", error="invalid_token").
     */
    Unauthorized: {
      headers: {
        'WWW-Authenticate'?: string;
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['HubError'];
      };
    };
    /** @description api:method_not_allowed, with an Allow header; only after the bearer check passed. */
    MethodNotAllowed: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['HubError'];
      };
    };
    /** @description api:too_many_requests, only when a fault asks for it; carries Retry-After. */
    TooManyRequests: {
      headers: {
        'Retry-After'?: number;
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['HubError'];
      };
    };
    /** @description A body over 1 MiB (api:bad_request with status 413); only after the bearer check passed. */
    PayloadTooLarge: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['HubError'];
      };
    };
    /** @description An unknown path, or a path without its trailing slash: {"message": "Not found.", "code": "api:not_found"}. */
    NotFound: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['HubError'];
      };
    };
    /** @description A control API error naming the field at fault. */
    ControlError: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['ControlError'];
      };
    };
  };
  parameters: {
    RequestId: string;
  };
  requestBodies: never;
  headers: never;
  pathItems: never;
};
export type $defs = Record<string, never>;
export interface operations {
  issueToken: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/x-www-form-urlencoded': components['schemas']['TokenRequest'];
        'multipart/form-data': components['schemas']['TokenRequest'];
      };
    };
    responses: {
      /** @description A token was issued (RFC 6749 §5.1). */
      200: {
        headers: {
          'Content-Type'?: 'application/json';
          'Cache-Control'?: 'no-store';
          Pragma?: 'no-cache';
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TokenResponse'];
        };
      };
      /**
       * @description invalid_request (repeated parameter, unparseable body, Basic plus client_secret in the body,
       *     client_id or client_secret in the query string) or unsupported_grant_type (grant_type missing or
       *     not client_credentials).
       */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OAuthError'];
        };
      };
      /** @description invalid_client (unknown client, wrong, missing or empty secret, no credentials). */
      401: {
        headers: {
          /** @description Only when the client used HTTP Basic. */
          'WWW-Authenticate'?: 'Basic realm="OAuth"';
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OAuthError'];
        };
      };
      /** @description Any method other than POST; the body's error is invalid_request, its description "Method not allowed.". */
      405: {
        headers: {
          Allow?: 'POST';
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OAuthError'];
        };
      };
      /** @description The body is (or is declared) larger than 64 KiB; the connection is closed after the answer. */
      413: {
        headers: {
          Connection?: 'close';
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OAuthError'];
        };
      };
      /** @description Only when a rate_limit fault was queued through the control API. */
      429: {
        headers: {
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OAuthError'];
        };
      };
    };
  };
  getJwks: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A JWK set. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['JwkSet'];
        };
      };
    };
  };
  getAuthorizationServerMetadata: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The metadata document. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AuthorizationServerMetadata'];
        };
      };
    };
  };
  getWebhookPublicKey: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description -----BEGIN PUBLIC KEY----- ... -----END PUBLIC KEY----- */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/x-pem-file': string;
        };
      };
    };
  };
  updateState: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        request_id: components['parameters']['RequestId'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['StateUpdate'];
      };
    };
    responses: {
      /** @description The state was recorded; the body is echoed. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StateUpdate'];
        };
      };
      400: components['responses']['ValidationError'];
      401: components['responses']['Unauthorized'];
      405: components['responses']['MethodNotAllowed'];
      413: components['responses']['PayloadTooLarge'];
      429: components['responses']['TooManyRequests'];
    };
  };
  sendLocations: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        request_id: components['parameters']['RequestId'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['Location'][];
      };
    };
    responses: {
      /** @description The locations were recorded. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EmptyObject'];
        };
      };
      /**
       * @description Per-item field errors (one object per item, `{}` for a valid item), too many locations
       *     (responder:too_many_locations), a body that is not a list (common:list_invalid), or malformed JSON
       *     (api:bad_request).
       */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json':
            | (components['schemas']['FieldErrors'] | components['schemas']['EmptyObject'])[]
            | components['schemas']['HubError'];
        };
      };
      401: components['responses']['Unauthorized'];
      405: components['responses']['MethodNotAllowed'];
      413: components['responses']['PayloadTooLarge'];
      429: components['responses']['TooManyRequests'];
    };
  };
  acceptRequest: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        request_id: components['parameters']['RequestId'];
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['ResponseNotes'];
      };
    };
    responses: {
      /** @description Accepted; the body is echoed. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ResponseNotes'];
        };
      };
      400: components['responses']['ValidationError'];
      401: components['responses']['Unauthorized'];
      405: components['responses']['MethodNotAllowed'];
      413: components['responses']['PayloadTooLarge'];
      429: components['responses']['TooManyRequests'];
    };
  };
  declineRequest: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        request_id: components['parameters']['RequestId'];
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['ResponseNotes'];
      };
    };
    responses: {
      /** @description Declined. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EmptyObject'];
        };
      };
      400: components['responses']['ValidationError'];
      401: components['responses']['Unauthorized'];
      405: components['responses']['MethodNotAllowed'];
      413: components['responses']['PayloadTooLarge'];
      429: components['responses']['TooManyRequests'];
    };
  };
  proposeBestTime: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        request_id: components['parameters']['RequestId'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['BestTime'];
      };
    };
    responses: {
      /** @description The proposal was recorded. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EmptyObject'];
        };
      };
      400: components['responses']['ValidationError'];
      401: components['responses']['Unauthorized'];
      405: components['responses']['MethodNotAllowed'];
      413: components['responses']['PayloadTooLarge'];
      429: components['responses']['TooManyRequests'];
    };
  };
  requestChange: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        request_id: components['parameters']['RequestId'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ChangeRequest'];
      };
    };
    responses: {
      /** @description The change request was recorded. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EmptyObject'];
        };
      };
      400: components['responses']['ValidationError'];
      401: components['responses']['Unauthorized'];
      405: components['responses']['MethodNotAllowed'];
      413: components['responses']['PayloadTooLarge'];
      429: components['responses']['TooManyRequests'];
    };
  };
  createClient: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateClientRequest'];
      };
    };
    responses: {
      /** @description The client's credentials. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ClientCredentials'];
        };
      };
      400: components['responses']['ControlError'];
      401: components['responses']['ControlError'];
      403: components['responses']['ControlError'];
      405: components['responses']['ControlError'];
      409: components['responses']['ControlError'];
    };
  };
  revokeTokens: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RevokeRequest'];
      };
    };
    responses: {
      /** @description How many tokens were revoked. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RevokeResult'];
        };
      };
      400: components['responses']['ControlError'];
      401: components['responses']['ControlError'];
      403: components['responses']['ControlError'];
      405: components['responses']['ControlError'];
    };
  };
  listFaults: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The faults still queued. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FaultList'];
        };
      };
      401: components['responses']['ControlError'];
      403: components['responses']['ControlError'];
      405: components['responses']['ControlError'];
    };
  };
  addFault: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['FaultRequest'];
      };
    };
    responses: {
      /** @description The queued fault. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Fault'];
        };
      };
      400: components['responses']['ControlError'];
      401: components['responses']['ControlError'];
      403: components['responses']['ControlError'];
      405: components['responses']['ControlError'];
    };
  };
  clearFaults: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description All queued faults were removed. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FaultList'];
        };
      };
      401: components['responses']['ControlError'];
      403: components['responses']['ControlError'];
      405: components['responses']['ControlError'];
    };
  };
  getClock: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The mock's clock. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ClockState'];
        };
      };
      401: components['responses']['ControlError'];
      403: components['responses']['ControlError'];
      405: components['responses']['ControlError'];
    };
  };
  setClock: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ClockRequest'];
      };
    };
    responses: {
      /** @description The clock after the change. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ClockState'];
        };
      };
      400: components['responses']['ControlError'];
      401: components['responses']['ControlError'];
      403: components['responses']['ControlError'];
      405: components['responses']['ControlError'];
    };
  };
  getRecordings: {
    parameters: {
      query?: {
        client_id?: string;
        /** @description Only exchanges with a greater seq. */
        since_seq?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Recorded exchanges, oldest first. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RecordingList'];
        };
      };
      400: components['responses']['ControlError'];
      401: components['responses']['ControlError'];
      403: components['responses']['ControlError'];
      405: components['responses']['ControlError'];
    };
  };
  getRecordingsHar: {
    parameters: {
      query?: {
        client_id?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description HAR 1.2 export of the recorded exchanges. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Har'];
        };
      };
      400: components['responses']['ControlError'];
      401: components['responses']['ControlError'];
      403: components['responses']['ControlError'];
      405: components['responses']['ControlError'];
    };
  };
  reset: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Reset done. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EmptyObject'];
        };
      };
      401: components['responses']['ControlError'];
      403: components['responses']['ControlError'];
      405: components['responses']['ControlError'];
    };
  };
  listWebhookSubscriptions: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Every subscription, oldest first (those from `serve --webhook-url` and the config file first). */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookSubscriptionList'];
        };
      };
      401: components['responses']['ControlError'];
      403: components['responses']['ControlError'];
      405: components['responses']['ControlError'];
    };
  };
  createWebhookSubscription: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['WebhookSubscriptionRequest'];
      };
    };
    responses: {
      /** @description The subscription. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookSubscription'];
        };
      };
      400: components['responses']['ControlError'];
      401: components['responses']['ControlError'];
      403: components['responses']['ControlError'];
      405: components['responses']['ControlError'];
    };
  };
  deleteWebhookSubscription: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        subscription_id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The subscription removed. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookSubscription'];
        };
      };
      401: components['responses']['ControlError'];
      403: components['responses']['ControlError'];
      404: components['responses']['ControlError'];
      405: components['responses']['ControlError'];
    };
  };
  triggerWebhookEvent: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['WebhookEventRequest'];
      };
    };
    responses: {
      /** @description The event exactly as sent (its bytes are this JSON, in this key order); the first attempt has started. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookEvent'];
        };
      };
      400: components['responses']['ControlError'];
      401: components['responses']['ControlError'];
      403: components['responses']['ControlError'];
      404: components['responses']['ControlError'];
      405: components['responses']['ControlError'];
    };
  };
  redeliverWebhookEvent: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        event_id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['WebhookRedeliverRequest'];
      };
    };
    responses: {
      /** @description Where the duplicate goes; its first attempt has started. */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookRedelivery'];
        };
      };
      400: components['responses']['ControlError'];
      401: components['responses']['ControlError'];
      403: components['responses']['ControlError'];
      404: components['responses']['ControlError'];
      405: components['responses']['ControlError'];
    };
  };
  listWebhookDeliveries: {
    parameters: {
      query?: {
        event_id?: string;
        subscription_id?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Every finished delivery attempt, oldest first, from the recorder. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookDeliveryList'];
        };
      };
      400: components['responses']['ControlError'];
      401: components['responses']['ControlError'];
      403: components['responses']['ControlError'];
      405: components['responses']['ControlError'];
    };
  };
  getDashboard: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The page. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/html': string;
        };
      };
      401: components['responses']['ControlError'];
      403: components['responses']['ControlError'];
      405: components['responses']['ControlError'];
    };
  };
  getDashboardFeed: {
    parameters: {
      query?: {
        /** @description Only exchanges with a greater seq (the last_seq of the previous answer). */
        after_seq?: number;
        /** @description Only control requests with a greater seq (the last_action_seq of the previous answer). */
        after_action_seq?: number;
        /** @description Only webhook delivery attempts with a greater seq (the last_delivery_seq of the previous answer). */
        after_delivery_seq?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The state and the new records. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DashboardFeed'];
        };
      };
      400: components['responses']['ControlError'];
      401: components['responses']['ControlError'];
      403: components['responses']['ControlError'];
      405: components['responses']['ControlError'];
    };
  };
  getDashboardAsset: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A module of the page's script, by its path in the package (e.g. shared/timeline/timeline-svg.js). */
        asset: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The module. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/javascript': string;
        };
      };
      401: components['responses']['ControlError'];
      403: components['responses']['ControlError'];
      404: components['responses']['ControlError'];
      405: components['responses']['ControlError'];
    };
  };
  receiveRequestEvent: {
    parameters: {
      query?: never;
      header: {
        /** @description Base64 of an RSA-SHA256 PKCS#1 v1.5 signature over the raw body bytes. */
        'X-VectorCare-Signature': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['WebhookEvent'];
      };
    };
    responses: {
      /** @description Any 2xx acknowledges the event. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
}
