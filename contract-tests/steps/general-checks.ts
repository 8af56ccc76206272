import { describeOutcome, type KitCall } from './kit-call.js';
import type { Observation } from './observation.js';

/** A call the adapter reported as a 2xx the mock never answered: the adapter claims what did not happen. */
function unbackedSuccess(seen: Observation, call: KitCall): boolean {
  if (call.outcome.kind !== 'answered' || !('status' in call.outcome.result)) return false;
  const status = call.outcome.result.status;
  return status < 300 && !seen.requestsFor(call).some((request) => request.status === status);
}

/**
 * What makes any scenario's traffic untrustworthy, whatever its rule: an adapter that made no request,
 * reported a result the mock never served, or left a call unanswered. Undefined when none of these.
 * `allowTimeout` keeps an unanswered call acceptable (a verdict of FAIL already explains it).
 */
export function generalProblem(seen: Observation, allowTimeout = false): string | undefined {
  if (!seen.anyTraffic) return 'The adapter made no request to the mock at all.';
  const invented = seen.calls.find((call) => unbackedSuccess(seen, call));
  if (invented !== undefined)
    return `The adapter reported call ${invented.id} as ${describeOutcome(invented)}, but the mock never answered it so: its results cannot be trusted.`;
  const unanswered = seen.calls.find((call) => call.outcome.kind === 'timeout');
  if (unanswered !== undefined && !allowTimeout)
    return `Call ${unanswered.id} got ${describeOutcome(unanswered)}.`;
  return undefined;
}
