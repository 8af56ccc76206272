import { assertMatchesSchema, assertMatchesSpec, documentsOperation } from './openapi-validator.js';

export interface ControlCallResult {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
}

/**
 * Calls the control API at `baseUrl` + `path` (e.g. `/__control/clock`) and checks the answer against
 * openapi.yaml; undocumented paths and methods must still answer a ControlError.
 */
export async function callControl(
  baseUrl: string,
  method: string,
  path: string,
  options: { readonly body?: unknown; readonly headers?: Record<string, string> } = {},
): Promise<ControlCallResult> {
  const headers: Record<string, string> = { ...options.headers };
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  const parsed: unknown = text === '' ? undefined : JSON.parse(text);
  if (documentsOperation(method, path)) assertMatchesSpec(method, path, response.status, parsed);
  else assertMatchesSchema('ControlError', parsed);
  return { status: response.status, headers: response.headers, body: parsed };
}
