import type { components } from '../../generated/openapi.js';
import { MockError } from './mock-error.js';

type ControlErrorBody = components['schemas']['ControlError'];
export type ControlErrorCode = ControlErrorBody['error'];

/**
 * A control API error: `{error, message, field?}`. Bad input names the field at fault; refusals
 * (`not_loopback`, `unauthorized`) say nothing about how to get in.
 */
export class ControlError extends MockError {
  declare readonly status: 400 | 401 | 403 | 404 | 405 | 409;
  readonly code: ControlErrorCode;
  readonly field: string | undefined;

  constructor(
    status: ControlError['status'],
    code: ControlErrorCode,
    message: string,
    options: { field?: string; headers?: Record<string, string> } = {},
  ) {
    super(message, status, options.headers ?? {});
    this.code = code;
    this.field = options.field;
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

/** 401 without the control token, or with a wrong one; the challenge names only the realm. */
export const unauthorized = (): ControlError =>
  new ControlError(401, 'unauthorized', 'Unauthorized.', {
    headers: { 'WWW-Authenticate': 'Bearer realm="control"' },
  });

/** 403 for a caller that is not on loopback (no control token configured). */
export const notLoopback = (): ControlError => new ControlError(403, 'not_loopback', 'Forbidden.');

/** 404 for a path the control API does not have. */
export const noSuchEndpoint = (): ControlError =>
  new ControlError(404, 'not_found', 'No such control endpoint.');

/** 405 naming the methods the path takes, in the message and in Allow. */
export const methodNotAllowed = (allowed: readonly string[]): ControlError =>
  new ControlError(405, 'method_not_allowed', `Use ${allowed.join(', ')}.`, {
    headers: { Allow: allowed.join(', ') },
  });

/** 409 for a client id that is taken. */
export const clientExists = (): ControlError =>
  new ControlError(409, 'conflict', 'client_id: a client with this client_id already exists', {
    field: 'client_id',
  });
