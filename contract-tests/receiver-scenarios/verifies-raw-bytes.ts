import { failed, passed } from '../steps/judgement.js';
import { defineReceiverScenario } from '../runner/receiver-scenario.js';
import { answerWords, variantWords } from '../steps/delivery-observation.js';
import { appliedCount, times } from '../steps/receiver-findings.js';
import { RESERIALIZATIONS, reserialized, withAccents } from '../steps/webhook-variants.js';

/** verifies-raw-bytes: a correctly signed body in another serialization is accepted. */
export const verifiesRawBytes = defineReceiverScenario({
  id: 'verifies-raw-bytes',
  level: 'required',
  statement:
    "A correctly signed body whose bytes differ from the receiver's own JSON serialization (key order, spacing, \\u00e9 escapes, a trailing newline) is accepted: the receiver verified the bytes it got, not a re-serialization.",
  judged:
    "The kit POSTs four events, each for its own new request and with names outside ASCII in its data, each signed with VectorCare's key over its own bytes: the keys in reverse order, indented with spaces and newlines, every non-ASCII character as a \\u escape, and compact with a trailing newline. Each must get a 2xx and be reported applied exactly once; a receiver that parses and re-serializes before verifying computes other bytes and refuses some of them.",
  async run(s) {
    await s.start();
    const sent = [];
    for (const variant of Object.keys(RESERIALIZATIONS)) {
      const serviceRequestId = s.newRequestId();
      const event = s.newEvent({
        action: 'BROADCAST_RECEIVED',
        serviceRequestId,
        data: withAccents(s.requestData(serviceRequestId)),
      });
      const delivery = await s.post(
        event,
        await reserialized(variant, event.event.envelope, s.keys.vectorcare),
      );
      if (delivery.delivered) await s.appliedOnce(event);
      sent.push({ variant, event, delivery });
    }
    await s.settle();
    const seen = s.observe();
    const evidence = seen.allEvidence();
    const refused = sent.filter(({ delivery }) => !delivery.delivered);
    if (refused.length > 0)
      return failed(
        `The receiver refused ${refused.map(({ variant, delivery }) => `the body ${variantWords(variant).replace(/^signed, /, 'with ')} (${answerWords(delivery)})`).join('; ')}: it did not verify the bytes it received.`,
        evidence,
      );
    const miscounted = sent.find(({ event }) => appliedCount(seen, event) !== 1);
    if (miscounted !== undefined)
      return failed(
        `The body ${variantWords(miscounted.variant).replace(/^signed, /, 'with ')} got ${miscounted.delivery.status} but was applied ${times(appliedCount(seen, miscounted.event))}, not once.`,
        evidence,
      );
    return passed(
      `All four serializations got a 2xx (${sent.map(({ delivery }) => delivery.status).join(', ')}) and each was applied once.`,
      evidence,
    );
  },
});
