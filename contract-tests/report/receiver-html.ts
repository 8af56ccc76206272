import { renderDeliveryTimelineSvg } from './delivery-timeline-svg.js';
import { markup, type SafeHtml } from '../../shared/html-escape.js';
import type { ReceiverCertificationReport, ReceiverRuleResult } from './receiver-report-types.js';
import { formatDuration } from '../../shared/time-format.js';

/**
 * The parts of the HTML report that differ for a webhook receiver (html-report.ts draws the rest): the run's
 * delivery facts, each rule's delivery facts and its delivery timeline.
 */

const seconds = (ms: number): string => `${Number((ms / 1000).toFixed(3))} s`;

/** The slowest answer a receiver gave in the scenario, ms, or undefined when it answered nothing. */
export function slowestAnswerMs(result: ReceiverRuleResult): number | undefined {
  const answered = result.deliveries.attempts.filter((attempt) => attempt.status !== null);
  return answered.length === 0 ? undefined : Math.max(...answered.map((attempt) => attempt.duration_ms));
}

/** The slowest answer for the verdict table. */
export const formatSlowest = (result: ReceiverRuleResult): string => {
  const slowest = slowestAnswerMs(result);
  return slowest === undefined ? '—' : `${Math.round(slowest)} ms`;
};

/** The run's delivery facts for the header: the schedule (and whether it was compressed), limits, the key. */
export function receiverRunFacts(
  report: ReceiverCertificationReport,
  item: (key: string, label: string, value: SafeHtml | string) => SafeHtml,
): SafeHtml[] {
  const { webhook } = report;
  const schedule = webhook.retry_schedule_ms.map(seconds).join(' / ');
  const vectorcare = webhook.vectorcare_schedule_ms.map(seconds).join(' / ');
  return [
    item(
      'schedule',
      'Retry schedule',
      webhook.schedule_compressed
        ? markup`${schedule}: <strong>compressed</strong> (VectorCare's is ${vectorcare})`
        : `${schedule}, VectorCare's`,
    ),
    item(
      'answer-limit',
      'Answer limit',
      `${seconds(webhook.answer_limit_ms)} (fast-ack: ${seconds(webhook.fast_answer_ms)})`,
    ),
    item(
      'key',
      'Webhook key',
      markup`<span class="mono">${webhook.public_key_sha256.slice(0, 16)}…</span>${webhook.test_only_key ? ' (the committed TEST-ONLY key)' : ''}`,
    ),
  ];
}

/** A receiver rule's facts line. */
export function receiverRuleFacts(
  result: ReceiverRuleResult,
  fact: (label: string, value: string) => SafeHtml,
): SafeHtml[] {
  const { attempts, events, applied, states } = result.deliveries;
  const slowest = slowestAnswerMs(result);
  return [
    fact('Events', String(events.length)),
    fact('POSTs', String(attempts.length)),
    fact('Answered 2xx', String(attempts.filter((attempt) => attempt.delivered).length)),
    fact('Applied', String(applied.length)),
    ...(states.length === 0 ? [] : [fact('State queries', String(states.length))]),
    fact('Slowest answer', slowest === undefined ? 'none' : `${Math.round(slowest)} ms`),
    fact('Scenario ran', formatDuration(result.duration_ms)),
  ];
}

/** A receiver rule's picture: its delivery timeline. */
export const receiverRuleFigure = (result: ReceiverRuleResult): SafeHtml =>
  renderDeliveryTimelineSvg(result.deliveries, result.timeline.actions, result.rule);
