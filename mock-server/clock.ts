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

  const now = (): number => (mode === 'frozen' ? frozenAtMs : realNow() + offsetMs);

  return {
    now,
    state() {
      const nowMs = now();
      return { mode, nowMs, offsetMs: nowMs - realNow() };
    },
    setOffset(ms) {
      mode = ms === 0 ? 'real' : 'offset';
      offsetMs = ms;
    },
    freeze(atMs) {
      mode = 'frozen';
      frozenAtMs = atMs;
    },
    advance(ms) {
      if (mode === 'frozen') {
        frozenAtMs += ms;
      } else {
        offsetMs += ms;
        mode = offsetMs === 0 ? 'real' : 'offset';
      }
    },
    useReal() {
      mode = 'real';
      offsetMs = 0;
    },
  };
}
