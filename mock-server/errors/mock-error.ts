/**
 * The base of every error the mock answers with (OAuth2, hub, control API): it carries its stable `code`,
 * its HTTP status, its headers and its exact body, so whatever catches it only has to serialize it
 * (`errorReply`). Anything else that reaches a transport is an unexpected failure: a logged 500.
 */
export abstract class MockError extends Error {
  /** The stable string a client or test keys on: the OAuth2 `error`, the VectorCare or control `code`. */
  abstract readonly code: string;
  readonly status: number;
  /** Headers the answer carries besides Content-Type (a challenge, Allow, Retry-After, Connection). */
  readonly headers: Readonly<Record<string, string>>;

  protected constructor(message: string, status: number, headers: Readonly<Record<string, string>>) {
    super(message);
    this.name = new.target.name;
    this.status = status;
    this.headers = headers;
  }

  /** The JSON body, exactly as sent (member order included). */
  abstract body(): unknown;
}
