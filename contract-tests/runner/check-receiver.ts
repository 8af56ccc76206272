import { AdapterError } from '../adapters/adapter-error.js';
import type { ReceiverInfo } from '../adapters/receiver-protocol-messages.js';
import { answerWords } from '../steps/delivery-observation.js';
import { ReceiverContext } from '../steps/receiver-context.js';
import type { CertificationProfile } from './certification-profile.js';
import { startReceiverHarness, type ReceiverSpec } from './run-receiver-certification.js';

export interface ReceiverCheck {
  /** The ready message, or null when the receiver never became ready. */
  readonly adapter: ReceiverInfo | null;
  /** True when it became ready, answered the delivery 2xx, reported it applied and its state shows it. */
  readonly ok: boolean;
  /** What happened, for the terminal. */
  readonly lines: readonly string[];
}

/**
 * `certify --receiver ... --check-adapter`: the handshake, one correctly signed delivery and a state query,
 * and what the kit saw, to help a partner wire up a receiver adapter before a full run.
 */
export async function checkReceiver(
  spec: ReceiverSpec,
  profile: CertificationProfile,
): Promise<ReceiverCheck> {
  const harness = await startReceiverHarness(spec, profile);
  const s = new ReceiverContext({ rule: 'check-adapter', ...harness, ...harness.scenarioTime() });
  const lines: string[] = [];
  try {
    let adapter: ReceiverInfo;
    try {
      adapter = (await s.start()).info;
    } catch (error) {
      if (!(error instanceof AdapterError)) throw error;
      lines.push(`FAILED: ${error.message}`);
      const log = s.log();
      if (log !== '') lines.push('adapter log (stderr):', log);
      return { adapter: null, ok: false, lines };
    }
    lines.push(`ready: ${JSON.stringify(adapter)}`);
    let ok = false;
    try {
      const event = s.send({ action: 'BROADCAST_RECEIVED' });
      await s.answers(event);
      const delivery = s.observe().deliveriesOf(event)[0];
      lines.push(
        `POST ${event.label} (${event.action} for ${event.serviceRequestId}): ${delivery === undefined ? 'no answer' : answerWords(delivery)}`,
      );
      if (delivery?.delivered === true) await s.appliedOnce(event);
      await s.settle();
      const state = await s.state(event.serviceRequestId);
      const seen = s.observe();
      for (const evidence of seen.allEvidence()) lines.push(`  ${evidence.text}`);
      const applied = seen.appliedOf(event).length;
      const holds =
        state.outcome.kind === 'answered' && state.outcome.reply.request_status === event.requestStatus;
      ok = delivery?.delivered === true && applied === 1 && holds;
      lines.push(
        ok
          ? 'OK: the receiver accepted the delivery, reported it applied once, and its state shows it.'
          : `FAILED: ${delivery?.delivered !== true ? 'the delivery got no 2xx' : applied !== 1 ? `the event was reported applied ${applied} times, not once` : 'the state does not show the event'}; see above.`,
      );
    } catch (error) {
      if (!(error instanceof AdapterError)) throw error;
      lines.push(`FAILED: ${error.message}`);
    }
    await s.close();
    const log = s.log();
    if (log !== '') lines.push('adapter log (stderr):', log);
    return { adapter, ok, lines };
  } finally {
    await s.close();
    await harness.close();
  }
}
