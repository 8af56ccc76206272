import type { Verdict } from '../../report/report-types.js';
import { RECEIVER_RULE_IDS, type ReceiverRuleId } from '../../rules/receiver-rule-catalogue.js';

/** How a receiver control can run: as a child process over stdio, and in-process as a module. */
type Mode = 'stdio' | 'module';

export interface ReceiverControl {
  /** The command over stdio (run from the repository's root). */
  readonly command: string;
  /** The module file, for the controls that also run in-process. */
  readonly module?: string;
  /** The verdicts its code implies; every rule not listed must PASS. */
  readonly verdicts: Partial<Record<ReceiverRuleId, Verdict>>;
}

const node = (name: string): string => `node dist/fixtures/receivers/${name}.js`;
const js = (name: string): string => `dist/fixtures/receivers/${name}.js`;
const both = (name: string, verdicts: Partial<Record<ReceiverRuleId, Verdict>> = {}): ReceiverControl => ({
  command: node(name),
  module: js(name),
  verdicts,
});
const everyRule = (verdict: Verdict): Partial<Record<ReceiverRuleId, Verdict>> =>
  Object.fromEntries(RECEIVER_RULE_IDS.map((id) => [id, verdict]));

/**
 * The receiver controls in fixtures/receivers/ (docs/adapters.md explains each defect and every verdict): the
 * reference receivers are certified, each negative control fails its own rule and only it, and the controls
 * that break the protocol or make claims the kit did not see get ERROR on every rule.
 */
export const RECEIVER_CONTROLS: Readonly<Record<string, ReceiverControl>> = {
  'reference-receiver': both('reference-receiver'),
  'python-reference-receiver': {
    command: '/usr/bin/python3 fixtures/receivers/python/reference_receiver.py',
    verdicts: {},
  },
  'well-behaved': both('well-behaved'),
  'dedupes-on-request-id': both('dedupes-on-request-id', { 'accepts-signed-event': 'FAIL' }),
  'accepts-missing-signature': both('accepts-missing-signature', { 'rejects-bad-signature': 'FAIL' }),
  'verifies-reserialized-json': both('verifies-reserialized-json', { 'verifies-raw-bytes': 'FAIL' }),
  'racy-dedupe': both('racy-dedupe', { 'idempotent-delivery': 'FAIL' }),
  'ignores-event-timestamp': both('ignores-event-timestamp', { 'order-safe': 'FAIL' }),
  'crashes-on-null-data': both('crashes-on-null-data', { 'null-data': 'FAIL' }),
  'abandons-on-hang-up': both('abandons-on-hang-up', { 'survives-retry-schedule': 'FAIL' }),
  'slow-answer': both('slow-answer', { 'fast-ack': 'WARN' }),
  // Reports applying an event the kit never sent: none of its messages can be trusted.
  'invents-applied': both('invents-applied', everyRule('ERROR')),
  // Debug output on stdout: only a child process has a protocol stream to break.
  'prints-garbage': { command: node('prints-garbage'), verdicts: everyRule('ERROR') },
  // Its URL refuses every connection: a receiver that answers nothing.
  'listens-nowhere': { command: node('listens-nowhere'), verdicts: everyRule('ERROR') },
};

/** Every rule's verdict for a control: the listed ones, PASS for the rest. */
export const expectedReceiverVerdicts = (control: ReceiverControl): Record<string, Verdict> =>
  Object.fromEntries(RECEIVER_RULE_IDS.map((id) => [id, control.verdicts[id] ?? 'PASS']));

/** True when a required rule fails or errors: the control is not certified and `certify` exits 1. */
export const breaksRequired = (control: ReceiverControl): boolean =>
  Object.entries(control.verdicts).some(
    ([rule, verdict]) => rule !== 'fast-ack' && verdict !== 'PASS' && verdict !== 'WARN',
  );

/** The controls that run in a mode. */
export const controlsFor = (mode: Mode): string[] =>
  Object.entries(RECEIVER_CONTROLS)
    .filter(([, control]) => mode === 'stdio' || control.module !== undefined)
    .map(([name]) => name);

/** Runs at most `limit` of the tasks at once, in order: receiver runs side by side load a 2-core machine. */
export function limiter(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async function run<T>(task: () => Promise<T>): Promise<T> {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running += 1;
    try {
      return await task();
    } finally {
      running -= 1;
      waiting.shift()?.();
    }
  };
}
