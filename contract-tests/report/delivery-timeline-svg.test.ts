import { describe, expect, it } from 'vitest';
import { renderDeliveryTimelineSvg } from './delivery-timeline-svg.js';
import { renderHtmlReport } from './html-report.js';
import type {
  DeliveryAttemptMark,
  DeliveryTimeline,
  ReceiverCertificationReport,
} from './receiver-report-types.js';
import { findElements, numberAttribute } from '../../shared/timeline/test-support/markup-query.js';

const attempt = (overrides: Partial<DeliveryAttemptMark>): DeliveryAttemptMark => ({
  at_ms: 0,
  event: 'E1',
  event_id: '019bc2a1f5c0aaaaaaaaaaaaaaaaaaa1',
  service_request_id: 'VC-AAAA1111',
  kind: 'vectorcare',
  variant: null,
  attempt: 1,
  redelivery: false,
  dropped: false,
  status: 200,
  error: null,
  delivered: true,
  time_to_answer_ms: 4,
  duration_ms: 5,
  bytes: 2048,
  next_attempt_at_ms: null,
  ...overrides,
});

// survives-retry-schedule for a receiver that applies the dropped attempt and the retry (quick profile), and
// a forged POST answered 401 and one nobody answered, for the other outcomes.
const timeline: DeliveryTimeline = {
  end_ms: 3_000,
  events: [
    {
      event: 'E1',
      event_id: '019bc2a1f5c0aaaaaaaaaaaaaaaaaaa1',
      service_request_id: 'VC-AAAA1111',
      action: 'BROADCAST_RECEIVED',
      request_status: 'AVAILABLE',
      event_timestamp: '2026-01-15T14:30:00.000Z',
    },
    {
      event: 'E2',
      event_id: '019bc2a1f5c0aaaaaaaaaaaaaaaaaaa2',
      service_request_id: 'VC-<b>x</b>',
      action: 'BROADCAST_RECEIVED',
      request_status: 'AVAILABLE',
      event_timestamp: '2026-01-15T14:30:00.000Z',
    },
  ],
  attempts: [
    attempt({
      at_ms: 100,
      dropped: true,
      status: null,
      error: 'dropped',
      delivered: false,
      next_attempt_at_ms: 2_100,
    }),
    attempt({ at_ms: 2_100, attempt: 2 }),
    attempt({
      at_ms: 2_500,
      event: 'E2',
      kind: 'crafted',
      variant: 'other-key',
      attempt: null,
      status: 401,
      delivered: false,
    }),
    attempt({
      at_ms: 2_600,
      event: 'E2',
      kind: 'crafted',
      variant: 'not-base64',
      attempt: null,
      status: null,
      error: 'timeout',
      delivered: false,
    }),
  ],
  applied: [
    {
      at_ms: 150,
      event: 'E1',
      event_id: '019bc2a1f5c0aaaaaaaaaaaaaaaaaaa1',
      service_request_id: 'VC-AAAA1111',
      action: 'BROADCAST_RECEIVED',
      request_status: 'AVAILABLE',
    },
    {
      at_ms: 2_110,
      event: 'E1',
      event_id: '019bc2a1f5c0aaaaaaaaaaaaaaaaaaa1',
      service_request_id: 'VC-AAAA1111',
      action: 'BROADCAST_RECEIVED',
      request_status: 'AVAILABLE',
    },
  ],
  states: [
    {
      at_ms: 2_900,
      service_request_id: 'VC-AAAA1111',
      answered: true,
      request_status: 'AVAILABLE',
      action: 'BROADCAST_RECEIVED',
      event_id: '019bc2a1f5c0aaaaaaaaaaaaaaaaaaa1',
    },
  ],
};
const actions = [
  { at_ms: 90, kind: 'fault' as const, detail: 'E1: the kit will hang up on its first attempt' },
];
const svg = renderDeliveryTimelineSvg(timeline, actions, 'survives-retry-schedule').value;

describe('renderDeliveryTimelineSvg', () => {
  it('draws one tick per POST, coloured by how it ended, on the row of its event', () => {
    const ticks = findElements(svg, 'rect', 'attempt-tick');
    expect(ticks.map((tick) => [tick.attributes['data-event'], tick.attributes['data-outcome']])).toEqual([
      ['E1', 'outcome-dropped'],
      ['E1', 'outcome-2xx'],
      ['E2', 'outcome-401'],
      ['E2', 'outcome-no-answer'],
    ]);
    const [dropped, retry, refused, silent] = ticks;
    expect(dropped?.attributes['stroke-dasharray']).toBe('3 2');
    expect(retry?.attributes['fill']).toBe('#1a7f37');
    expect(refused?.attributes['fill']).toBe('#cf222e');
    expect(silent?.attributes['fill']).toBe('#8c959f');
    // Row by event: E2's ticks lie below E1's.
    expect(numberAttribute(refused!, 'y')).toBeGreaterThan(numberAttribute(retry!, 'y'));
    // Left to right in time: the retry 2 s after the dropped attempt.
    expect(numberAttribute(retry!, 'x')).toBeGreaterThan(numberAttribute(dropped!, 'x'));
  });

  it('marks each applied message under its event, so the picture shows E1 applied twice', () => {
    const marks = findElements(svg, 'circle', 'applied-mark');
    expect(marks.map((mark) => mark.attributes['data-event'])).toEqual(['E1', 'E1']);
  });

  it('shows state queries, kit actions, and a legend naming only what is drawn', () => {
    expect(findElements(svg, 'rect', 'state-query')).toHaveLength(1);
    expect(findElements(svg, 'path', 'kit-action').map((mark) => mark.attributes['data-kind'])).toEqual([
      'fault',
    ]);
    const legend = [...svg.matchAll(/<g class="legend-item"[^>]*>.*?<text[^>]*>([^<]*)<\/text><\/g>/g)].map(
      (m) => m[1],
    );
    expect(legend).toEqual([
      'POST answered 2xx',
      'POST answered 401',
      'POST with no answer (timeout, refused, reset)',
      'the kit hung up after sending',
      'applied (the adapter said so)',
      'state query',
      'kit: fault',
    ]);
    // The retry was due and came: no "retry due" mark.
    expect(findElements(svg, 'circle', 'retry-due')).toHaveLength(0);
  });

  it('marks a retry that was due when the scenario ended before it came', () => {
    const pending = renderDeliveryTimelineSvg(
      {
        ...timeline,
        attempts: [attempt({ at_ms: 100, status: 500, delivered: false, next_attempt_at_ms: 2_100 })],
      },
      [],
      'null-data',
    ).value;
    expect(findElements(pending, 'circle', 'retry-due').map((mark) => mark.attributes['data-at-ms'])).toEqual(
      ['2100'],
    );
  });

  it('escapes what came from the wire', () => {
    expect(svg).not.toContain('<b>x</b>');
    expect(svg).toContain('VC-&lt;b&gt;x&lt;/b&gt;');
  });
});

describe('the HTML report of a receiver', () => {
  const report: ReceiverCertificationReport = {
    certified: false,
    kit: { name: 'vectorcare-auth-mock', version: '0.1.0' },
    adapter: {
      type: 'ready',
      role: 'webhook-receiver',
      name: '<script>x</script>',
      version: '1',
      url: 'http://127.0.0.1:1/hook',
    },
    role: 'webhook-receiver',
    lifetime: 0,
    profile: 'quick',
    margins: { retry_schedule_ms: '0, 2000, 16000', time: 'real' },
    webhook: {
      retry_schedule_ms: [0, 2_000, 16_000],
      vectorcare_schedule_ms: [0, 8_000, 64_000],
      schedule_compressed: true,
      answer_limit_ms: 10_000,
      fast_answer_ms: 1_000,
      signature: 'X-VectorCare-Signature',
      public_key_sha256: '0230d0b6eb23579f1560ec00dd8ea11d44126cb014397c0d8a8e469698dedb79',
      test_only_key: true,
    },
    started_at: '2026-01-15T14:30:00.000Z',
    duration_ms: 4_000,
    results: [
      {
        rule: 'survives-retry-schedule',
        level: 'required',
        verdict: 'FAIL',
        statement: 'The retry is applied once.',
        summary: 'Applied twice.',
        evidence: [],
        duration_ms: 3_000,
        timeline: { lifetime_s: 0, refresh_mark: 0.8, end_ms: 3_000, tokens: [], calls: [], actions },
        deliveries: timeline,
        adapter_log: '',
      },
    ],
  };
  const html = renderHtmlReport(report);

  it('is a receiver report: its title, the compressed schedule, the slowest answer, a delivery timeline', () => {
    expect(html).toContain('<h1>VectorCare webhook receiver certification</h1>');
    expect(html).toContain("<strong>compressed</strong> (VectorCare's is 0 s / 8 s / 64 s)");
    expect(html).toContain('<th class="refresh">Slowest answer</th>');
    expect(html).toContain('<td class="refresh">5 ms</td>');
    expect(html).toContain('<svg class="delivery-timeline" data-rule="survives-retry-schedule"');
    expect(html).not.toContain('<svg class="timeline"');
    expect(html).not.toContain('Token lifetime');
    expect(html).not.toContain('<script>x</script>');
  });
});
