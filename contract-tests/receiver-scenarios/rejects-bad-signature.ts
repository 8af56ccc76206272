import { failed, passed } from '../steps/judgement.js';
import { defineReceiverScenario } from '../runner/receiver-scenario.js';
import { answerWords, variantWords } from '../steps/delivery-observation.js';
import { appliedCount } from '../steps/receiver-findings.js';
import { FORGERIES, forged } from '../steps/webhook-variants.js';

/** rejects-bad-signature: a forged POST gets a non-2xx and is never applied. */
export const rejectsBadSignature = defineReceiverScenario({
  id: 'rejects-bad-signature',
  level: 'required',
  statement:
    'A tampered body, a signature by another key, a missing or non-Base64 signature header: each gets a non-2xx and is never applied.',
  judged:
    "VectorCare's sender first delivers one genuine event, which shows how long this receiver takes to apply one. Then the kit POSTs four events VectorCare never sent, each for its own new request: a body changed after VectorCare's key signed it (request_status raised to ASSIGNED), a body signed by another RSA key, no X-VectorCare-Signature, and a header that is not Base64. Each must get a non-2xx (or no answer), and none may be reported applied while the kit watches for twice as long as the receiver took to apply the genuine one (at least the settle time).",
  async run(s) {
    await s.start();
    const genuine = s.send({ action: 'BROADCAST_RECEIVED' });
    await s.answers(genuine);
    if (s.observe().deliveriesOf(genuine)[0]?.delivered === true) await s.appliedOnce(genuine);
    const sent = [];
    for (const forgery of FORGERIES) {
      const event = s.newEvent({ action: 'BROADCAST_RECEIVED' });
      const delivery = await s.post(event, await forged(forgery, event.event.envelope, s.keys));
      sent.push({ forgery, event, delivery });
    }
    await s.settle();
    const seen = s.observe();
    const evidence = seen.allEvidence();
    const accepted = sent.filter(({ delivery }) => delivery.delivered);
    if (accepted.length > 0)
      return failed(
        `The receiver answered 2xx to ${accepted.map(({ forgery, delivery }) => `${variantWords(forgery)} (${delivery.status})`).join('; ')}: it accepts POSTs VectorCare never signed.`,
        evidence,
      );
    const applied = sent.filter(({ event }) => appliedCount(seen, event) > 0);
    if (applied.length > 0)
      return failed(
        `The receiver refused every forgery but applied ${applied.map(({ forgery }) => variantWords(forgery)).join('; ')} all the same.`,
        evidence,
      );
    return passed(
      `Every forgery was refused (${sent.map(({ delivery }) => answerWords(delivery)).join('; ')}) and none was applied.`,
      evidence,
    );
  },
});
