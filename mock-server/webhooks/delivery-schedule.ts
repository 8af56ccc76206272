/**
 * VectorCare's retry schedule (facts §5): the first attempt at once, the second about 8 s and the third
 * about 64 s after the first; three in all. Offsets from the first attempt's start, by the mock's clock.
 */
export const RETRY_SCHEDULE_MS: readonly number[] = Object.freeze([0, 8_000, 64_000]);

/**
 * When attempt `attempt + 1` is due (epoch ms by the mock's clock), or null when `attempt` was the last or
 * succeeded. An attempt that ran past its successor's slot (a 10 s timeout outlives the 8 s mark) is
 * followed at once: the schedule never runs two attempts of one delivery at the same time.
 */
export function nextAttemptAt(
  firstStartedAtMs: number,
  attempt: number,
  delivered: boolean,
  schedule: readonly number[] = RETRY_SCHEDULE_MS,
): number | null {
  if (delivered) return null;
  const offset = schedule[attempt];
  return offset === undefined ? null : firstStartedAtMs + offset;
}
