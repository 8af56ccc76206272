import { failed, passed } from '../steps/judgement.js';
import { defineReceiverScenario } from '../runner/receiver-scenario.js';
import { answered, appliedCount, nthDelivery, times } from '../steps/receiver-findings.js';

/** accepts-signed-event: a correctly signed event gets a 2xx and is applied once. */
export const acceptsSignedEvent = defineReceiverScenario({
  id: 'accepts-signed-event',
  level: 'required',
  statement: 'A correctly signed event gets a 2xx and is applied once.',
  judged:
    "VectorCare's sender delivers BROADCAST_RECEIVED for a new request, then, once it is applied, BROADCAST_ACCEPTED for the same request (a later event, its own event_id). Each first attempt must be answered 2xx within the 10 s limit, and each event reported applied exactly once by the time the kit has watched a settle time more.",
  async run(s) {
    await s.start();
    const received = s.send({ action: 'BROADCAST_RECEIVED' });
    await s.answers(received);
    let seen = s.observe();
    const first = nthDelivery(seen, received);
    if (!first.delivered)
      return failed(
        `${answered(first, received)}: a correctly signed event must get a 2xx.`,
        seen.allEvidence(),
      );
    await s.appliedOnce(received);
    const accepted = s.send({ action: 'BROADCAST_ACCEPTED', serviceRequestId: received.serviceRequestId });
    await s.answers(accepted);
    seen = s.observe();
    const second = nthDelivery(seen, accepted);
    if (second.delivered) await s.appliedOnce(accepted);
    await s.settle();
    seen = s.observe();
    const evidence = seen.allEvidence();
    if (!second.delivered)
      return failed(`${answered(second, accepted)}: a correctly signed event must get a 2xx.`, evidence);
    for (const event of [received, accepted]) {
      const count = appliedCount(seen, event);
      if (count !== 1)
        return failed(
          `${event.label} (${event.action}) got a 2xx but was applied ${times(count)}${count === 0 ? ` within ${s.profile.applyTimeoutMs} ms` : ''}, not once.`,
          evidence,
        );
    }
    return passed(
      `Both events got a 2xx (${first.status} in ${Math.round(first.durationMs)} ms, ${second.status} in ${Math.round(second.durationMs)} ms) and each was applied once.`,
      evidence,
    );
  },
});
