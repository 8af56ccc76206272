import {
  badRequestField,
  choiceInvalid,
  fieldError,
  maxLength,
  type FieldErrorCollector,
} from './field-errors.js';
import { datetimeInvalidFormat, parseUtcDateTime } from './utc-datetime.js';

/** A JSON object body; other JSON values are refused before fields are read. */
export type JsonObject = Readonly<Record<string, unknown>>;

export const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Length in characters (code points), as VectorCare's Python server counts them. */
const characters = (text: string): number => {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
};

/** Reads a field that must be present and not null; records why not. */
function present(body: JsonObject, field: string, errors: FieldErrorCollector, required: boolean): unknown {
  if (!Object.hasOwn(body, field)) {
    if (required) errors.add(field, fieldError('common:required'));
    return undefined;
  }
  const value = body[field];
  if (value === null) {
    errors.add(field, fieldError('common:null'));
    return undefined;
  }
  return value;
}

export interface TextRule {
  readonly required: boolean;
  readonly maxLength?: number;
  /** Whether `""` is accepted; optional notes accept it, required text does not. */
  readonly allowBlank: boolean;
}

/** A string field with the catalogue's required/null/blank/max_length checks. */
export function readText(
  body: JsonObject,
  field: string,
  rule: TextRule,
  errors: FieldErrorCollector,
): string | undefined {
  const value = present(body, field, errors, rule.required);
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    errors.add(field, badRequestField('Not a valid string.'));
    return undefined;
  }
  if (value.trim() === '' && !rule.allowBlank) {
    errors.add(field, fieldError('common:blank'));
    return undefined;
  }
  if (rule.maxLength !== undefined && characters(value) > rule.maxLength) {
    errors.add(field, maxLength(rule.maxLength));
    return undefined;
  }
  return value;
}

/** A string field whose value must be one of `choices`. */
export function readChoice<T extends string>(
  body: JsonObject,
  field: string,
  choices: readonly T[],
  errors: FieldErrorCollector,
): T | undefined {
  const value = present(body, field, errors, true);
  if (value === undefined) return undefined;
  if (typeof value === 'string' && (choices as readonly string[]).includes(value)) return value as T;
  errors.add(field, choiceInvalid(value));
  return undefined;
}

/** A required ISO 8601 UTC date-time; returns epoch ms. */
export function readUtcDateTime(
  body: JsonObject,
  field: string,
  errors: FieldErrorCollector,
): number | undefined {
  const value = present(body, field, errors, true);
  if (value === undefined) return undefined;
  const ms = typeof value === 'string' ? parseUtcDateTime(value) : undefined;
  if (ms === undefined) errors.add(field, datetimeInvalidFormat);
  return ms;
}

/** A finite JSON number; numeric strings are refused, since VectorCare documents numbers. */
export function readNumber(
  body: JsonObject,
  field: string,
  required: boolean,
  errors: FieldErrorCollector,
): number | undefined {
  const value = present(body, field, errors, required);
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  errors.add(field, fieldError('common:number_invalid'));
  return undefined;
}
