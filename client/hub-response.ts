import { VectorCareApiError } from './errors.js';
import { isJsonObject as isObject, parseJsonText } from './json-body.js';
import type { Redactor } from './secret-redaction.js';

interface ErrorSummary {
  readonly code: string | undefined;
  readonly detail: string | undefined;
}

function firstFieldError(body: unknown): ErrorSummary | undefined {
  // Location lists answer one object per item, `{}` for the items without errors.
  const items: unknown[] = Array.isArray(body) ? (body as unknown[]) : [body];
  for (const item of items) {
    if (!isObject(item)) continue;
    for (const [field, errors] of Object.entries(item)) {
      const first: unknown = Array.isArray(errors) ? (errors as unknown[])[0] : undefined;
      if (isObject(first) && typeof first['code'] === 'string')
        return {
          code: first['code'],
          detail: typeof first['message'] === 'string' ? `${field}: ${first['message']}` : field,
        };
    }
  }
  return undefined;
}

// VectorCare's two error shapes (facts §4): {message, code}, or field errors (an array of them for locations).
function summarize(body: unknown): ErrorSummary {
  if (isObject(body) && typeof body['code'] === 'string')
    return {
      code: body['code'],
      detail: typeof body['message'] === 'string' ? body['message'] : undefined,
    };
  return firstFieldError(body) ?? { code: undefined, detail: undefined };
}

/**
 * Reads a typed call's answer: the parsed JSON body on a 2xx, otherwise a `VectorCareApiError` with
 * the status, VectorCare's code and the body, all passed through `redact` first.
 */
export async function readHubResponse<T>(response: Response, request: string, redact: Redactor): Promise<T> {
  const text = await response.text();
  const parsed = parseJsonText(text);
  if (response.ok && parsed.ok) return parsed.value as T;

  if (!parsed.ok)
    throw new VectorCareApiError({
      status: response.status,
      code: undefined,
      body: text === '' ? undefined : redact.text(text),
      request,
      detail: text === '' ? 'the answer has no body' : 'the answer is not JSON',
    });
  const body = parsed.value;
  const summary = summarize(body);
  throw new VectorCareApiError({
    status: response.status,
    code: summary.code === undefined ? undefined : redact.text(summary.code),
    body: redact.json(body),
    request,
    detail: summary.detail === undefined ? undefined : redact.text(summary.detail),
  });
}
