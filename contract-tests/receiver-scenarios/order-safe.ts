import type { ReceiverState } from '../adapters/receiver-protocol-messages.js';
import { failed, passed, ScenarioError } from '../steps/judgement.js';
import { defineReceiverScenario } from '../runner/receiver-scenario.js';
import type { DeliveryObservation } from '../steps/delivery-observation.js';
import type { ScenarioEvent } from '../steps/receiver-context.js';
import { answered, requireAccepted } from '../steps/receiver-findings.js';
import { genuine } from '../steps/webhook-variants.js';

/** How far the older event's event_timestamp lies before the newer one's. */
const OLDER_BY_MS = 60_000;

/** True when the state is the one `event` left: its status and action, and its event id when one is given. */
const holds = (state: ReceiverState, event: ScenarioEvent): boolean =>
  state.request_status === event.requestStatus &&
  (state.action === null || state.action === event.action) &&
  (state.event_id === null || state.event_id === event.eventId);

function stateAfter(seen: DeliveryObservation, index: number): ReceiverState {
  const record = seen.states[index];
  if (record === undefined || record.outcome.kind !== 'answered')
    throw new ScenarioError(`state query ${index + 1} got no answer`, seen.allEvidence());
  return record.outcome.reply;
}

const describe = (state: ReceiverState): string =>
  state.request_status === null
    ? 'nothing'
    : `${state.request_status} / ${state.action ?? 'no action'}${state.event_id === null ? '' : ` (event ${state.event_id})`}`;

/** order-safe: an older event arriving after a newer one does not overwrite the newer state. */
export const orderSafe = defineReceiverScenario({
  id: 'order-safe',
  level: 'required',
  statement:
    'An older event (earlier event_timestamp, smaller event_id) arriving after a newer one for the same request does not overwrite the newer state.',
  judged: `For one new request the kit makes BROADCAST_RECEIVED (E1) and then BROADCAST_ACCEPTED (E2): E2's event_timestamp is ${OLDER_BY_MS / 1000} s later and its event_id compares greater. It POSTs E2, correctly signed; once E2 is applied, it asks the state (which must show E2, or the state cannot be judged), POSTs E1, correctly signed, watches a settle time, and asks again: the request must still hold E2's ASSIGNED / BROADCAST_ACCEPTED. E1's answer is shown, not judged.`,
  async run(s) {
    await s.start();
    const serviceRequestId = s.newRequestId();
    const older = s.newEvent({ action: 'BROADCAST_RECEIVED', serviceRequestId, ageMs: OLDER_BY_MS });
    const newer = s.newEvent({ action: 'BROADCAST_ACCEPTED', serviceRequestId });
    const first = await s.post(newer, await genuine('genuine', newer.event.envelope, s.keys.vectorcare));
    if (first.delivered) await s.appliedOnce(newer);
    requireAccepted(s.observe(), newer, first);
    await s.state(serviceRequestId);
    const before = stateAfter(s.observe(), 0);
    if (!holds(before, newer))
      throw new ScenarioError(
        `after ${newer.label} was applied, the state of ${serviceRequestId} is ${describe(before)}, not ${newer.label}'s: the state answers cannot be used to judge the order`,
        s.observe().allEvidence(),
      );
    const late = await s.post(older, await genuine('out-of-order', older.event.envelope, s.keys.vectorcare));
    await s.settle();
    await s.state(serviceRequestId);
    const seen = s.observe();
    const after = stateAfter(seen, 1);
    const evidence = seen.allEvidence();
    if (holds(after, newer))
      return passed(
        `${answered(late, older)} after ${newer.label}; the request still holds ${newer.label}'s ${describe(after)}.`,
        evidence,
      );
    if (holds(after, older))
      return failed(
        `${older.label}, older, arrived after ${newer.label} and overwrote it: the request now holds ${describe(after)}.`,
        evidence,
      );
    return failed(
      `After ${older.label} arrived late, the request holds ${describe(after)}, not ${newer.label}'s ${newer.requestStatus} / ${newer.action}.`,
      evidence,
    );
  },
});
