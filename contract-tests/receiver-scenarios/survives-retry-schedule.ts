import { failed, passed, ScenarioError } from '../steps/judgement.js';
import { defineReceiverScenario } from '../runner/receiver-scenario.js';
import { answerWords } from '../steps/delivery-observation.js';
import { appliedCount, nthDelivery, times } from '../steps/receiver-findings.js';

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

/** survives-retry-schedule: after a dropped first attempt, the retry at ~8 s is answered 2xx and applied once. */
export const survivesRetrySchedule = defineReceiverScenario({
  id: 'survives-retry-schedule',
  level: 'required',
  statement:
    'The kit sends an event and drops the connection before reading the answer (as VectorCare does when it times out); the retry at ~8 s, same bytes, is answered 2xx and the event is applied exactly once, whether or not the first attempt had been applied.',
  judged:
    "VectorCare's sender delivers BROADCAST_RECEIVED for a new request; the kit hangs up on the first attempt as soon as it is sent. The sender retries on its schedule (8 s; 2 s in the quick profile, which compresses it, or at once in virtual time, where the kit moves the clock), with the same bytes. That second attempt must be answered 2xx, and the event reported applied exactly once by the time the kit has watched a settle time more.",
  async run(s) {
    await s.start();
    const event = s.send({ action: 'BROADCAST_RECEIVED', dropFirst: true });
    await s.answers(event);
    const dropped = nthDelivery(s.observe(), event);
    if (!(await s.nextAttempt(event, 2)))
      throw new ScenarioError("the sender's retry never ended", s.observe().allEvidence());
    const retry = nthDelivery(s.observe(), event, 2);
    if (retry.delivered) await s.appliedOnce(event);
    await s.settle();
    const seen = s.observe();
    const evidence = seen.allEvidence();
    if (!retry.body.equals(dropped.body))
      throw new ScenarioError('the retry did not carry the same bytes: the sender is broken', evidence);
    const after = seconds(retry.sentAtMs - dropped.sentAtMs);
    if (!retry.delivered)
      return failed(
        `The retry at +${after}, the same bytes, got ${answerWords(retry)}: after a dropped attempt the receiver must still accept the event.`,
        evidence,
      );
    const count = appliedCount(seen, event);
    const appliedBeforeRetry = seen.appliedOf(event).filter((record) => record.atMs <= retry.sentAtMs).length;
    const first =
      appliedBeforeRetry > 0
        ? 'the dropped attempt had been applied'
        : 'the dropped attempt had not been applied';
    if (count !== 1)
      return failed(
        `The retry at +${after} got ${retry.status}, but the event was applied ${times(count)} (${first}), not exactly once.`,
        evidence,
      );
    return passed(
      `The retry at +${after}, the same ${retry.body.byteLength} bytes, got ${retry.status}; the event was applied once (${first}).`,
      evidence,
    );
  },
});
