import { failed, passed } from '../steps/judgement.js';
import { defineReceiverScenario } from '../runner/receiver-scenario.js';
import { answerWords } from '../steps/delivery-observation.js';
import { nthDelivery } from '../steps/receiver-findings.js';

/** How many events the kit sends at once. */
const EVENTS = 5;

/** fast-ack: every 2xx comes within 10 s (the sender's limit) and, recommended, within 1 s. */
export const fastAck = defineReceiverScenario({
  id: 'fast-ack',
  level: 'recommended',
  statement: 'Every 2xx comes within 10 s (required) and, recommended, within 1 s.',
  judged: `VectorCare's sender delivers one BROADCAST_RECEIVED event and, once it is answered, ${EVENTS} more for new requests at once. The first only warms the receiver's process up (its first request pays for loading code) and is not timed; each of the ${EVENTS} must be answered 2xx within 1 s, timed from the start of the POST to the end of the answer. The 10 s limit is the sender's, on every delivery of every rule: an answer after it is a failed attempt, so the required rules that need a 2xx fail (here it warns).`,
  async run(s) {
    await s.start();
    const warmUp = s.send({ action: 'BROADCAST_RECEIVED' });
    await s.answers(warmUp);
    const events = Array.from({ length: EVENTS }, () => s.send({ action: 'BROADCAST_RECEIVED' }));
    for (const event of events) await s.answers(event);
    await s.settle();
    const seen = s.observe();
    const evidence = seen.allEvidence();
    const warm = nthDelivery(seen, warmUp);
    evidence.unshift({
      at_ms: null,
      text: `${warmUp.label} warmed the receiver up (${answerWords(warm)}); it is not timed.`,
    });
    const firsts = events.map((event) => nthDelivery(seen, event));
    const refused = firsts.filter((delivery) => !delivery.delivered);
    if (refused.length > 0)
      return failed(
        `${refused.length} of ${EVENTS} events got no 2xx within the ${s.profile.answerLimitMs / 1000} s limit (${refused.map(answerWords).join('; ')}): VectorCare counts them failed.`,
        evidence,
      );
    const slowest = Math.max(...firsts.map((delivery) => delivery.durationMs));
    const slow = firsts.filter((delivery) => delivery.durationMs > s.profile.fastAnswerMs);
    if (slow.length > 0)
      return failed(
        `${slow.length} of ${EVENTS} answers took over ${s.profile.fastAnswerMs} ms (the slowest ${Math.round(slowest)} ms): queue the work and answer at once.`,
        evidence,
      );
    return passed(
      `All ${EVENTS} events got a 2xx within ${s.profile.fastAnswerMs} ms (the slowest in ${Math.round(slowest)} ms).`,
      evidence,
    );
  },
});
