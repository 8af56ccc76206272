import type { ReceiverScenario } from '../runner/receiver-scenario.js';
import { acceptsSignedEvent } from '../receiver-scenarios/accepts-signed-event.js';
import { fastAck } from '../receiver-scenarios/fast-ack.js';
import { idempotentDelivery } from '../receiver-scenarios/idempotent-delivery.js';
import { nullData } from '../receiver-scenarios/null-data.js';
import { orderSafe } from '../receiver-scenarios/order-safe.js';
import { rejectsBadSignature } from '../receiver-scenarios/rejects-bad-signature.js';
import { survivesRetrySchedule } from '../receiver-scenarios/survives-retry-schedule.js';
import { verifiesRawBytes } from '../receiver-scenarios/verifies-raw-bytes.js';
import type { RuleDefinition } from './rule-definition.js';

/**
 * The webhook receiver contract, DESIGN.md §9: one scenario per rule, in the order reports list them. This
 * list is the only one; the receiver rule ids, the rules and the scenario of each are all read from it.
 */
const RECEIVER_CONTRACT = [
  acceptsSignedEvent,
  rejectsBadSignature,
  verifiesRawBytes,
  idempotentDelivery,
  orderSafe,
  nullData,
  fastAck,
  survivesRetrySchedule,
] as const;

export type ReceiverRuleId = (typeof RECEIVER_CONTRACT)[number]['id'];

/** The receiver rule ids, in the order reports list them. */
export const RECEIVER_RULE_IDS: readonly ReceiverRuleId[] = Object.freeze(
  RECEIVER_CONTRACT.map((scenario) => scenario.id),
);

/** The receiver rules, without their scenarios. */
export const RECEIVER_RULES: readonly RuleDefinition<ReceiverRuleId>[] = Object.freeze(
  RECEIVER_CONTRACT.map(({ id, level, statement, judged }) =>
    Object.freeze({ id, level, statement, judged }),
  ),
);

/** The scenario that judges each receiver rule. */
export const RECEIVER_SCENARIOS: Readonly<Record<ReceiverRuleId, ReceiverScenario<ReceiverRuleId>>> =
  Object.freeze(
    Object.fromEntries(RECEIVER_CONTRACT.map((scenario) => [scenario.id, scenario])) as Record<
      ReceiverRuleId,
      ReceiverScenario<ReceiverRuleId>
    >,
  );

/** True when `id` names a receiver rule. */
export const isReceiverRuleId = (id: string): id is ReceiverRuleId =>
  (RECEIVER_RULE_IDS as readonly string[]).includes(id);
