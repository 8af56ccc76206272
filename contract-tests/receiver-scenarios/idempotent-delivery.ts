import { failed, passed } from '../steps/judgement.js';
import { defineReceiverScenario } from '../runner/receiver-scenario.js';
import { answerWords } from '../steps/delivery-observation.js';
import { appliedCount, nthDelivery, requireAccepted, times } from '../steps/receiver-findings.js';

/** idempotent-delivery: the same event delivered twice is applied once. */
export const idempotentDelivery = defineReceiverScenario({
  id: 'idempotent-delivery',
  level: 'required',
  statement:
    'The same event delivered twice (a retry after a 5xx or a timeout, or a redelivery) is applied once.',
  judged:
    "VectorCare's sender delivers E1; once it is applied, it redelivers E1's same bytes. Then it delivers E2 and, at the same moment, E2's same bytes again, so the two overlap as a retry after a timeout overlaps the first attempt still being processed. Each event must be reported applied exactly once by the time the kit has watched a settle time more; the answers to the duplicates are shown, not judged.",
  async run(s) {
    await s.start();
    const sequential = s.send({ action: 'BROADCAST_RECEIVED' });
    await s.answers(sequential);
    await s.appliedOnce(sequential);
    requireAccepted(s.observe(), sequential, nthDelivery(s.observe(), sequential));
    s.redeliver(sequential);
    await s.answers(sequential, 2);
    const overlapping = s.send({ action: 'BROADCAST_RECEIVED' });
    s.redeliver(overlapping);
    await s.answers(overlapping, 2);
    await s.appliedOnce(overlapping);
    await s.settle();
    const seen = s.observe();
    const evidence = seen.allEvidence();
    const duplicate = nthDelivery(seen, sequential, 2);
    const first = appliedCount(seen, sequential);
    if (first !== 1)
      return failed(
        `${sequential.label} was applied ${times(first)}: its redelivery (answered ${answerWords(duplicate)}) was applied again.`,
        evidence,
      );
    const pair = seen.deliveriesOf(overlapping);
    const second = appliedCount(seen, overlapping);
    if (second !== 1)
      return failed(
        second === 0
          ? `${overlapping.label}, delivered twice at once (${pair.map(answerWords).join('; ')}), was never applied.`
          : `${overlapping.label}, delivered twice at once (${pair.map(answerWords).join('; ')}), was applied ${times(second)}: the two deliveries were not de-duplicated while both were in flight.`,
        evidence,
      );
    return passed(
      `${sequential.label} and its redelivery (${answerWords(duplicate)}), and ${overlapping.label} delivered twice at once (${pair.map(answerWords).join('; ')}): each applied once.`,
      evidence,
    );
  },
});
