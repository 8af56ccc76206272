import { badRequest, invalidFields } from '../errors/hub-error.js';
import { isJsonObject, type JsonObject } from './body-fields.js';
import type { FieldErrorCollector } from './field-errors.js';

/**
 * The body as a JSON object: none counts as `{}` (so required fields are named), any other JSON value is
 * refused with `api:bad_request`.
 */
export function objectBody(body: unknown): JsonObject {
  if (body === undefined) return {};
  if (!isJsonObject(body)) throw badRequest();
  return body;
}

/** Throws VectorCare's 400 field-error body when anything was collected. */
export function throwIfInvalid(errors: FieldErrorCollector): void {
  if (!errors.isEmpty) throw invalidFields(errors.toJSON());
}
