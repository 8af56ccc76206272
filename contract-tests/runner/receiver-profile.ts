import { DEFAULT_ATTEMPT_TIMEOUT_MS, RETRY_SCHEDULE_MS } from '../../mock-server/index.js';
import type { ProfileName } from '../report/report-types.js';
import type { CertificationProfile } from './certification-profile.js';

/** The timing a webhook receiver certification uses: the client profile's waits, and the delivery schedule. */
export interface ReceiverProfile {
  readonly name: ProfileName;
  /** When VectorCare's attempts of one delivery start, ms after the first; the sender retries on it. */
  readonly scheduleMs: readonly number[];
  /** True when `scheduleMs` is not VectorCare's 0/8/64 s (the quick profile compresses it). */
  readonly compressed: boolean;
  /** How long the receiver has for its whole answer before the attempt counts as failed: VectorCare's 10 s. */
  readonly answerLimitMs: number;
  /** fast-ack's recommended answer time: the fastest integrators answer within 1 s (facts §5). */
  readonly fastAnswerMs: number;
  /** How long the receiver may take to print its ready message (its server listening). */
  readonly readyTimeoutMs: number;
  /** How long a state query may go unanswered. */
  readonly stateTimeoutMs: number;
  /**
   * How long the kit keeps watching for applied messages it does not wait for, at least (twice the longest
   * the receiver took to apply an event in the scenario, if that is longer; at most the apply timeout).
   */
  readonly settleMs: number;
  /** How long the kit waits for an event it expects applied, after its 2xx, before it calls it not applied. */
  readonly applyTimeoutMs: number;
}

/** VectorCare's retry schedule, divided by four: the retry at 8 s comes at 2 s, the last at 64 s at 16 s. */
const QUICK_SCHEDULE_MS: readonly number[] = Object.freeze(RETRY_SCHEDULE_MS.map((ms) => ms / 4));

/**
 * The receiver profile of a client profile of the same name: its ready and answer timeouts (with `--timeout`
 * applied) and settle time, and the delivery timing: quick compresses VectorCare's 0/8/64 s schedule four
 * times (and says so in the report), certification keeps it. The 10 s answer limit is never compressed.
 */
export function receiverProfile(base: CertificationProfile): ReceiverProfile {
  const quick = base.name === 'quick';
  return Object.freeze({
    name: base.name,
    scheduleMs: quick ? QUICK_SCHEDULE_MS : RETRY_SCHEDULE_MS,
    compressed: quick,
    answerLimitMs: DEFAULT_ATTEMPT_TIMEOUT_MS,
    fastAnswerMs: 1_000,
    readyTimeoutMs: base.readyTimeoutMs,
    stateTimeoutMs: base.callTimeoutMs,
    settleMs: base.settleMs,
    applyTimeoutMs: quick ? 5_000 : 10_000,
  });
}

const seconds = (ms: number): string => `${Number((ms / 1000).toFixed(3))} s`;

/** The margins and tolerances a receiver report states, so a reader can judge the verdicts. */
export function receiverMargins(profile: ReceiverProfile): Record<string, number | string> {
  return {
    retry_schedule_ms: profile.scheduleMs.join(', '),
    retry_schedule: profile.compressed
      ? `${profile.scheduleMs.map(seconds).join(' / ')}: VectorCare's ${RETRY_SCHEDULE_MS.map(seconds).join(' / ')} compressed four times (quick profile)`
      : `${profile.scheduleMs.map(seconds).join(' / ')}: VectorCare's schedule`,
    answer_limit_ms: profile.answerLimitMs,
    fast_answer_ms: profile.fastAnswerMs,
    ready_timeout_ms: profile.readyTimeoutMs,
    state_timeout_ms: profile.stateTimeoutMs,
    settle_ms: profile.settleMs,
    apply_timeout_ms: profile.applyTimeoutMs,
    settle_window:
      'after the last answer it waits for, the kit watches for applied messages for settle_ms (an in-process receiver: at most 500 ms), or twice the longest the receiver took to apply an event in the scenario if longer, at most apply_timeout_ms',
  };
}
