import type { components } from '../../generated/openapi.js';
import { exceedsJsonDepth } from '../wire/json-depth.js';

export type FieldError = components['schemas']['FieldError'];
export type FieldErrors = components['schemas']['FieldErrors'];

/** VectorCare's validation catalogue (facts §4) for the codes the hub answers with a fixed message. */
export const FIELD_MESSAGES = {
  'common:required': 'This field is required.',
  'common:null': 'This field may not be null.',
  'common:blank': 'This field may not be blank.',
  'common:number_invalid': 'A valid number is required.',
  'common:list_invalid': 'Value should be a list.',
} as const;

export type FixedFieldCode = keyof typeof FIELD_MESSAGES;

/** A catalogue error with its fixed message. */
export const fieldError = (code: FixedFieldCode): FieldError => ({ message: FIELD_MESSAGES[code], code });

/** How a non-string input is quoted back: short, and never by recursing into deep JSON. */
function quoted(input: unknown): string {
  if (typeof input === 'string') return input;
  const text = exceedsJsonDepth(input, 8)
    ? Array.isArray(input)
      ? '[...]'
      : '{...}'
    : JSON.stringify(input);
  return text.length > 100 ? `${text.slice(0, 100)}...` : text;
}

/** `"<input>" is not a valid choice.`, with plain quotes as in VectorCare's v1 example. */
export const choiceInvalid = (input: unknown): FieldError => ({
  message: `"${quoted(input)}" is not a valid choice.`,
  code: 'common:choice_invalid',
});

/**
 * A field problem the catalogue has no code for (a future or stale timestamp, a non-string text): the
 * catalogue's `api:bad_request` code with a message that says what is wrong (docs/fidelity.md).
 */
export const badRequestField = (message: string): FieldError => ({ message, code: 'api:bad_request' });

export const maxLength = (limit: number): FieldError => ({
  message: `Ensure this field has no more than ${limit} characters.`,
  code: 'common:max_length',
});

/**
 * Collects errors per field, in the order fields are checked (VectorCare lists them in its serializer's
 * field order), so one response names every problem at once.
 */
export class FieldErrorCollector {
  readonly #errors: Record<string, FieldError[]> = {};
  #count = 0;

  add(field: string, error: FieldError): void {
    (this.#errors[field] ??= []).push(error);
    this.#count += 1;
  }

  get isEmpty(): boolean {
    return this.#count === 0;
  }

  /** The field-error body, or `{}` when nothing failed. */
  toJSON(): FieldErrors {
    return { ...this.#errors };
  }
}
