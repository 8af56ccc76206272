/**
 * The mock's one clock. Token times, expiry checks, timestamp validation and the recorder all read it,
 * so a test (or the control API) can pin it, run it at an offset, or move it, and everything agrees.
 */
export type ClockMode = 'real' | 'offset' | 'frozen';

export interface ClockState {
  readonly mode: ClockMode;
  /** Current time by this clock, epoch milliseconds. */
  readonly nowMs: number;
  /** This clock minus real time, in milliseconds. */
  readonly offsetMs: number;
}

export interface Clock {
  /** Current time, epoch milliseconds (may be fractional). */
  now(): number;
  state(): ClockState;
  /** Follow real time plus `offsetMs`. */
  setOffset(offsetMs: number): void;
  /** Stop time at `atMs`. */
  freeze(atMs: number): void;
  /** Move the clock forward by `ms`, frozen or not. */
  advance(ms: number): void;
  /** Follow real time again. */
  useReal(): void;
  /**
   * Calls `listener` after every change made through this interface (offset, freeze, advance, real), so
   * timers on this clock (see clock-timers.ts) fire as soon as a test moves time. Returns the function that
   * stops it.
   */
  onChange(listener: () => void): () => void;
}

/**
 * The system's time, epoch milliseconds: the only place in the package that reads it. Everything else is
 * given a clock (or this function as the default of an option), so a test can pin time.
 */
export const systemNow = (): number => Date.now();

export interface ClockOptions {
  /** The source of real time; defaults to `systemNow`. */
  readonly realNow?: () => number;
  /** Start frozen at this instant (epoch ms). */
  readonly frozenAt?: number;
}

/**
 * Creates a clock that follows `realNow` until told otherwise.
 *
 * @example
 * const clock = createClock({ frozenAt: Date.UTC(2026, 0, 15, 14, 30) });
 * clock.advance(60_000);
 */
export function createClock(options: ClockOptions = {}): Clock {
  const realNow = options.realNow ?? systemNow;
  let mode: ClockMode = options.frozenAt === undefined ? 'real' : 'frozen';
  let offsetMs = 0;
  let frozenAtMs = options.frozenAt ?? 0;

  const listeners = new Set<() => void>();
  const now = (): number => (mode === 'frozen' ? frozenAtMs : realNow() + offsetMs);
  // A copy, so a listener that unsubscribes (or subscribes another) while being told does not upset the loop.
  const changed = (): void => {
    for (const listener of [...listeners]) listener();
  };

  return {
    now,
    state() {
      const nowMs = now();
      return { mode, nowMs, offsetMs: nowMs - realNow() };
    },
    setOffset(ms) {
      mode = ms === 0 ? 'real' : 'offset';
      offsetMs = ms;
      changed();
    },
    freeze(atMs) {
      mode = 'frozen';
      frozenAtMs = atMs;
      changed();
    },
    advance(ms) {
      if (mode === 'frozen') {
        frozenAtMs += ms;
      } else {
        offsetMs += ms;
        mode = offsetMs === 0 ? 'real' : 'offset';
      }
      changed();
    },
    useReal() {
      mode = 'real';
      offsetMs = 0;
      changed();
    },
    onChange(listener) {
      // A wrapper per subscription, so the same function subscribed twice is two subscriptions.
      const entry = (): void => listener();
      listeners.add(entry);
      return () => void listeners.delete(entry);
    },
  };
}
