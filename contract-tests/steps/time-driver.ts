import type { Clock } from '../../mock-server/index.js';

/** Moves a scenario through time: by waiting (real time) or by moving the mock's clock (virtual time). */
export interface TimeDriver {
  readonly mode: 'real' | 'virtual';
  /** The mock's time, epoch ms. */
  now(): number;
  /** Returns once the mock's clock reads at least `atMs`. */
  waitUntil(atMs: number): Promise<void>;
  /** Lets `ms` pass by the mock's clock, while the adapter keeps running. */
  pause(ms: number): Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Real time: the mock's clock follows the system clock and the kit waits. */
export function realTimeDriver(clock: Clock): TimeDriver {
  return {
    mode: 'real',
    now: () => clock.now(),
    async waitUntil(atMs) {
      while (clock.now() < atMs) await sleep(atMs - clock.now());
    },
    pause: (ms) => sleep(ms),
  };
}

/**
 * Virtual time: the mock's clock is frozen and the kit moves it, so a 300 s lifetime runs in moments. An
 * in-process client reading the same clock sees the same time. `realSettleMs` of real time passes on each
 * pause, so the adapter's pending work (requests already in flight) can finish.
 */
export function virtualTimeDriver(clock: Clock, realSettleMs = 30): TimeDriver {
  return {
    mode: 'virtual',
    now: () => clock.now(),
    async waitUntil(atMs) {
      const now = clock.now();
      if (atMs > now) clock.advance(atMs - now);
      await sleep(0);
    },
    async pause(ms) {
      clock.advance(ms);
      await sleep(realSettleMs);
    },
  };
}
