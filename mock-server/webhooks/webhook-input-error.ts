/**
 * Bad input to the webhook sender (a subscription, an event, a redelivery), naming the wire field at fault.
 * The control API answers it as a 400 (or 404 for `not_found`) naming the same field; the programmatic API
 * throws it as it is.
 */
export class WebhookInputError extends Error {
  readonly field: string;
  readonly problem: string;
  /** `invalid`: the value is wrong; `not_found`: it names a subscription or event the mock does not have. */
  readonly kind: 'invalid' | 'not_found';

  constructor(field: string, problem: string, kind: WebhookInputError['kind'] = 'invalid') {
    super(`${field}: ${problem}`);
    this.name = 'WebhookInputError';
    this.field = field;
    this.problem = problem;
    this.kind = kind;
  }
}
