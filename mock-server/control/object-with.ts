import { invalidField } from '../errors/control-error.js';

/** A control request's JSON body, once it is known to be an object. */
export type JsonObject = Record<string, unknown>;

/** The body as an object with only `allowed` keys; anything else is the control API's 400 naming the field. */
export function objectWith(body: unknown, allowed: readonly string[]): JsonObject {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw invalidField('body', 'must be a JSON object');
  for (const key of Object.keys(body))
    if (!allowed.includes(key)) throw invalidField(key, 'is not a known field');
  return body as JsonObject;
}
