import type { MockServer } from '../mock-server/create-mock-server.js';
import { assertMatchesSchema, assertMatchesSpec, documentsOperation } from './openapi-validator.js';

/**
 * A token for `clientId` from the mock's token endpoint: over HTTP by default, or through `send` (e.g.
 * `mock.fetch`, for a mock that does not listen).
 */
export async function fetchToken(
  mock: MockServer,
  clientId: string,
  clientSecret: string,
  send: (request: Request) => Promise<Response> = (request) => fetch(request),
): Promise<string> {
  const response = await send(
    new Request(mock.tokenUrl, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: clientId,
        client_secret: clientSecret,
      }),
    }),
  );
  if (response.status !== 200) throw new Error(`token request failed with ${response.status}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

export interface HubCallOptions {
  readonly token?: string;
  /** Sent as JSON; a string is sent as is. */
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

export interface HubCallResult {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
}

/**
 * Calls the hub at `path` (relative to its base) and checks the answer against openapi.yaml, so every hub
 * test validates the wire format as a side effect.
 */
export async function callHub(
  mock: MockServer,
  method: string,
  path: string,
  options: HubCallOptions = {},
): Promise<HubCallResult> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers['authorization'] = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  const response = await fetch(`${mock.apiUrl}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  const parsed: unknown = text === '' ? undefined : JSON.parse(text);
  // Unknown paths and undocumented methods have no operation in openapi.yaml; their answers are still
  // VectorCare's error shape.
  const specPath = `/openapi/v2.0${path}`;
  if (documentsOperation(method, specPath)) assertMatchesSpec(method, specPath, response.status, parsed);
  else assertMatchesSchema('HubError', parsed);
  return { status: response.status, headers: response.headers, body: parsed };
}
