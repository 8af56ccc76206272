/** Why an adapter could not be used: any of these gives the scenario the verdict ERROR. */
export type AdapterErrorCode = 'not_ready' | 'protocol' | 'exited' | 'spawn_failed' | 'bad_module';

/** The adapter broke the protocol of DESIGN.md §5, exited early, or never became ready. */
export class AdapterError extends Error {
  readonly code: AdapterErrorCode;
  /** The adapter's log (stderr) up to the failure, secrets removed; set when it never became ready. */
  log = '';

  constructor(code: AdapterErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AdapterError';
    this.code = code;
  }
}
