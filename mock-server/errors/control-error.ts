import type { components } from '../../generated/openapi.js';

type ControlErrorBody = components['schemas']['ControlError'];
export type ControlErrorCode = ControlErrorBody['error'];

/**
 * A control API error: `{error, message, field?}`. Bad input names the field at fault; refusals
 * (`not_loopback`, `unauthorized`) say nothing about how to get in.
 */
export class ControlError extends Error {
  readonly status: 400 | 401 | 403 | 404 | 405 | 409;
  readonly code: ControlErrorCode;
  readonly field: string | undefined;
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    status: ControlError['status'],
    code: ControlErrorCode,
    message: string,
    options: { field?: string; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'ControlError';
    this.status = status;
    this.code = code;
    this.field = options.field;
    this.headers = options.headers ?? {};
  }

  body(): ControlErrorBody {
    return this.field === undefined
      ? { error: this.code, message: this.message }
      : { error: this.code, message: this.message, field: this.field };
  }
}

/** 400 naming the field: `<field>: <problem>`. */
export const invalidField = (field: string, problem: string): ControlError =>
  new ControlError(400, 'invalid_body', `${field}: ${problem}`, { field });
