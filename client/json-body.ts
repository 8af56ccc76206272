/** A body read as JSON: `ok` is false when the text was not JSON (an empty body is not JSON either). */
export type ParsedJson = { readonly ok: true; readonly value: unknown } | { readonly ok: false };

/** Parses a response body without throwing: a server's malformed answer is data here, not an exception. */
export function parseJsonText(text: string): ParsedJson {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** A JSON object: not null, not an array. */
export const isJsonObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
