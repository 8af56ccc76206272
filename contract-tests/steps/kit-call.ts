import type { CallOutcome } from '../adapters/adapter-session.js';

/** One call the kit asked the adapter to make, and how it ended. */
export interface KitCall {
  /** The protocol call id, "1", "2", ... within the scenario. */
  readonly id: string;
  /** The unique request id in its path, so the mock's recordings can be matched to it. */
  readonly requestId: string;
  readonly method: string;
  /** Relative to the API base, as sent to the adapter. */
  readonly path: string;
  readonly body: unknown;
  /** When the kit sent it, epoch ms by the mock's clock. */
  readonly sentAtMs: number;
  readonly outcome: CallOutcome;
}

/** True when the adapter reported that the application got a 2xx answer. */
export function reportedSuccess(call: KitCall): boolean {
  return (
    call.outcome.kind === 'answered' && 'status' in call.outcome.result && call.outcome.result.status < 300
  );
}

/** How the adapter reported the call ended, for evidence. */
export function describeOutcome(call: KitCall): string {
  if (call.outcome.kind === 'timeout') return `no answer within ${call.outcome.afterMs} ms`;
  const result = call.outcome.result;
  return 'status' in result
    ? `the application got ${result.status}`
    : `the application got an error: ${result.error}`;
}
