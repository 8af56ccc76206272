/**
 * A request as a transport reads it for a transport-neutral exchange (the token endpoint's, the hub's):
 * Hono's `fetch` and the raw Node server both fill it in, so both answer alike.
 */
export interface TransportRequest {
  readonly method: string;
  /** The URL's path, as `new URL()` gives it. */
  readonly pathname: string;
  /** The query string's parameters; empty when there is none. */
  readonly query: URLSearchParams;
  readonly contentType: string | null;
  readonly authorization: string | null;
  /** Reads the body, refusing more than `limitBytes` with a `BodyTooLargeError`. */
  readBody(limitBytes: number): Promise<Buffer>;
}

/** The answer, serialized; `dropped` when the transport must destroy the connection instead (a fault). */
export interface TransportReply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly dropped?: true;
}
