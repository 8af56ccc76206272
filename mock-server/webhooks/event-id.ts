import { randomBytes } from 'node:crypto';

/** Makes an event id: 32 lower-case hex characters. */
export type EventIdSource = () => string;

export interface EventIdOptions {
  /** The time to stamp ids with, epoch ms: the mock's clock. */
  readonly now: () => number;
  /** `n` random bytes; default `crypto.randomBytes`. */
  readonly random?: (n: number) => Uint8Array;
}

const TIME_HEX = 12; // 48 bits of milliseconds: good until the year 10889
const RANDOM_HEX = 20; // 80 bits
const RANDOM_LIMIT = 1n << 80n;

const hex = (value: bigint, width: number): string => value.toString(16).padStart(width, '0');

/**
 * Creates the source of `event_id`s. Like VectorCare's since 2/20/2026, later ids compare greater as strings:
 * 12 hex digits of the event's millisecond, then 20 of randomness (unique across runs). Within one
 * millisecond, or if the clock was moved back, the next id is the last one plus one, so the order holds
 * whatever a test does to the clock.
 *
 * @example
 * const nextEventId = createEventIdSource({ now: () => clock.now() });
 * nextEventId(); // '019bc2a1f5c0' + 20 hex digits
 */
export function createEventIdSource(options: EventIdOptions): EventIdSource {
  const random = options.random ?? randomBytes;
  let lastMs = -1n;
  let lastRandom = 0n;

  return function nextEventId() {
    const nowMs = BigInt(Math.max(0, Math.floor(options.now())));
    if (nowMs > lastMs) {
      lastMs = nowMs;
      lastRandom = BigInt(`0x${Buffer.from(random(10)).toString('hex')}`);
      // Room to count up within this millisecond: the top bit starts clear.
      lastRandom &= (RANDOM_LIMIT >> 1n) - 1n;
    } else {
      lastRandom += 1n;
      if (lastRandom >= RANDOM_LIMIT) {
        lastMs += 1n;
        lastRandom = 0n;
      }
    }
    return `${hex(lastMs, TIME_HEX)}${hex(lastRandom, RANDOM_HEX)}`;
  };
}
