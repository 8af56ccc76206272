import { failed, passed } from '../steps/judgement.js';
import { defineReceiverScenario } from '../runner/receiver-scenario.js';
import { answered, appliedCount, nthDelivery, times } from '../steps/receiver-findings.js';

/** null-data: an UNAVAILABLE event with "data": null is accepted and applied. */
export const nullData = defineReceiverScenario({
  id: 'null-data',
  level: 'required',
  statement: 'An UNAVAILABLE event with "data": null is accepted and applied.',
  judged:
    'VectorCare\'s sender delivers BROADCAST_CANCELED for a new request: request_status UNAVAILABLE and "data": null, as VectorCare sends every UNAVAILABLE event. Its first attempt must be answered 2xx, and the event reported applied exactly once by the time the kit has watched a settle time more.',
  async run(s) {
    await s.start();
    const canceled = s.send({ action: 'BROADCAST_CANCELED' });
    await s.answers(canceled);
    const first = nthDelivery(s.observe(), canceled);
    if (first.delivered) await s.appliedOnce(canceled);
    await s.settle();
    const seen = s.observe();
    const evidence = seen.allEvidence();
    if (!first.delivered)
      return failed(`${answered(first, canceled)}: an event with "data": null must be accepted.`, evidence);
    const count = appliedCount(seen, canceled);
    if (count !== 1)
      return failed(
        `${canceled.label} got ${first.status} but was applied ${times(count)}, not once.`,
        evidence,
      );
    return passed(
      `${answered(first, canceled)} with "data": null, and was applied once (${canceled.requestStatus}).`,
      evidence,
    );
  },
});
