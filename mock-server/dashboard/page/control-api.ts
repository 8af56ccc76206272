/**
 * The page's calls to the mock: the control API for its controls, the feed for its pictures. Every answer
 * becomes a result the page shows, errors included: a refused, invalid or failed call is never swallowed.
 * Runs in the browser.
 */

/** The outcome of one control call, as the page's result list shows it. */
export interface ControlResult {
  readonly ok: boolean;
  /** The HTTP status; 0 when no answer came. */
  readonly status: number;
  readonly method: string;
  readonly path: string;
  /** The parsed JSON body, or the text when it was not JSON, or null. */
  readonly body: unknown;
  /** One line for people: what was done and what the mock said. */
  readonly summary: string;
}

/** The control token, when the mock was started with `--control-token`; kept in memory only. */
let controlToken: string | null = null;

export function setControlToken(token: string | null): void {
  controlToken = token === '' ? null : token;
}

/** Headers for a call to the mock's guarded routes. */
export function authHeaders(): Record<string, string> {
  return controlToken === null ? {} : { authorization: `Bearer ${controlToken}` };
}

/** Enough of an answer to read at a glance; the rest is for the control API itself to show. */
const MAX_SUMMARY_BODY = 120;

function describeBody(body: unknown): string {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return text.length > MAX_SUMMARY_BODY ? `${text.slice(0, MAX_SUMMARY_BODY)}…` : text;
}

function isControlError(body: unknown): body is { error: string; message: string } {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as { error?: unknown }).error === 'string' &&
    typeof (body as { message?: unknown }).message === 'string'
  );
}

/** Summarises an answer: `POST /__control/tokens/revoke → 200 {"revoked":1}` or the error it gave. */
export function summarise(method: string, path: string, status: number, body: unknown): string {
  if (status >= 200 && status < 300) return `${method} ${path} → ${status} ${describeBody(body)}`;
  if (isControlError(body)) return `${method} ${path} → ${status} ${body.error}: ${body.message}`;
  return `${method} ${path} → ${status} ${describeBody(body)}`;
}

/**
 * Calls the control API and resolves with what happened, never rejecting: a network failure is a result
 * with status 0 and its message.
 */
export async function callControl(method: string, path: string, body?: unknown): Promise<ControlResult> {
  const headers: Record<string, string> = { ...authHeaders() };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      status: 0,
      method,
      path,
      body: null,
      summary: `${method} ${path}: no answer (${message})`,
    };
  }
  const text = await response.text();
  let parsed: unknown = text === '' ? null : text;
  try {
    if (text !== '') parsed = JSON.parse(text) as unknown;
  } catch {
    // Not JSON: shown as the text it was.
  }
  return {
    ok: response.ok,
    status: response.status,
    method,
    path,
    body: parsed,
    summary: summarise(method, path, response.status, parsed),
  };
}
