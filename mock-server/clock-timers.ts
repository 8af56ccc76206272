import type { Clock } from './clock.js';

/** Cancels a timer; true when it was still pending (it will not fire), false when it had fired or was cancelled. */
export type CancelTimer = () => boolean;

/**
 * Timers on the mock's clock: a callback runs once the clock reads its instant, however the clock got there.
 * Following real time (or at an offset) they fire as `setTimeout` would; frozen, they wait until the clock
 * is moved; moved forward past an instant (`advance`, `POST /__control/clock`, the kit's virtual time),
 * every timer due by then fires at once, in order, before the move returns.
 */
export interface ClockTimers {
  /** Runs `callback` once the clock reads at least `atMs` (epoch ms by the mock's clock). */
  at(atMs: number, callback: () => void): CancelTimer;
  /** Runs `callback` once `ms` have passed on the clock from now. */
  after(ms: number, callback: () => void): CancelTimer;
  /** Timers still waiting. */
  readonly pending: number;
  /** Cancels every waiting timer and returns how many there were; later `at` calls still work. */
  cancelAll(): number;
  /** Cancels everything and stops following the clock. */
  dispose(): number;
}

interface Entry {
  readonly atMs: number;
  readonly order: number;
  readonly callback: () => void;
  /** Still waiting: neither fired nor cancelled. */
  live: boolean;
}

/** The longest a Node timer can wait; a timer due later re-arms when this one expires. */
const MAX_REAL_DELAY_MS = 2 ** 31 - 1;

const earlier = (a: Entry, b: Entry): boolean => a.atMs < b.atMs || (a.atMs === b.atMs && a.order < b.order);

/**
 * A binary min-heap of entries by instant, then by the order they were set. Cancelled entries stay in it
 * until they surface or until they are most of it (then it is rebuilt), so cancelling costs O(1): every
 * webhook attempt sets a 10 s answer limit and cancels it a millisecond later.
 */
class TimerHeap {
  readonly #items: Entry[] = [];
  #dead = 0;

  get size(): number {
    return this.#items.length - this.#dead;
  }

  push(entry: Entry): void {
    this.#items.push(entry);
    this.#up(this.#items.length - 1);
  }

  /** The earliest live entry, dropping cancelled ones on top. */
  peek(): Entry | undefined {
    let top = this.#items[0];
    while (top !== undefined && !top.live) {
      this.#pop();
      this.#dead -= 1;
      top = this.#items[0];
    }
    return top;
  }

  /** Removes the earliest live entry (the one `peek` returned). */
  shift(): Entry | undefined {
    const top = this.peek();
    if (top !== undefined) this.#pop();
    return top;
  }

  cancelled(): void {
    this.#dead += 1;
    if (this.#dead > 64 && this.#dead * 2 > this.#items.length) this.#rebuild();
  }

  clear(): Entry[] {
    const live = this.#items.filter((entry) => entry.live);
    this.#items.length = 0;
    this.#dead = 0;
    return live;
  }

  #rebuild(): void {
    const live = this.#items.filter((entry) => entry.live);
    this.#items.length = 0;
    this.#dead = 0;
    for (const entry of live) this.push(entry);
  }

  #pop(): void {
    const last = this.#items.pop();
    if (last === undefined || this.#items.length === 0) return;
    this.#items[0] = last;
    this.#down(0);
  }

  #up(index: number): void {
    const items = this.#items;
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const child = items[i] as Entry;
      const above = items[parent] as Entry;
      if (!earlier(child, above)) break;
      items[i] = above;
      items[parent] = child;
      i = parent;
    }
  }

  #down(index: number): void {
    const items = this.#items;
    let i = index;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let least = i;
      if (left < items.length && earlier(items[left] as Entry, items[least] as Entry)) least = left;
      if (right < items.length && earlier(items[right] as Entry, items[least] as Entry)) least = right;
      if (least === i) return;
      const moved = items[i] as Entry;
      items[i] = items[least] as Entry;
      items[least] = moved;
      i = least;
    }
  }
}

/**
 * Creates timers on `clock`. One real `setTimeout` at most is armed, for the earliest timer, and only while
 * the clock runs; a change of the clock re-arms it (or fires what became due).
 *
 * @example
 * const clock = createClock({ frozenAt: Date.UTC(2026, 0, 15, 14, 30) });
 * const timers = createClockTimers(clock);
 * timers.after(8_000, () => console.log('attempt 2'));
 * clock.advance(8_000); // logs at once
 */
export function createClockTimers(clock: Clock): ClockTimers {
  const heap = new TimerHeap();
  let order = 0;
  let real: ReturnType<typeof setTimeout> | undefined;
  let firing = false;
  let again = false;
  let disposed = false;

  const disarm = (): void => {
    if (real !== undefined) clearTimeout(real);
    real = undefined;
  };

  function arm(): void {
    disarm();
    const next = heap.peek();
    if (next === undefined || disposed || clock.state().mode === 'frozen') return;
    const delay = Math.min(MAX_REAL_DELAY_MS, Math.max(0, Math.ceil(next.atMs - clock.now())));
    real = setTimeout(fireDue, delay);
  }

  /** Runs every timer due by the clock, earliest first, then arms for the next. Re-entrant calls loop here. */
  function fireDue(): void {
    real = undefined;
    if (firing) {
      again = true;
      return;
    }
    firing = true;
    try {
      do {
        again = false;
        for (;;) {
          const next = heap.peek();
          // Read the clock for each timer: a callback may move it (a virtual sleep).
          if (next === undefined || next.atMs > clock.now()) break;
          heap.shift();
          next.live = false;
          try {
            next.callback();
          } catch (error) {
            // One failing callback must not stop the others or leave the schedule stuck.
            console.error(
              'vectorcare-auth-mock: a clock timer failed:',
              error instanceof Error ? error.name : 'error',
            );
          }
        }
      } while (again);
    } finally {
      firing = false;
    }
    arm();
  }

  const stopFollowing = clock.onChange(fireDue);

  function at(atMs: number, callback: () => void): CancelTimer {
    if (disposed) return () => false;
    const entry: Entry = { atMs, order: (order += 1), callback, live: true };
    const before = heap.peek();
    heap.push(entry);
    if (!firing && (before === undefined || earlier(entry, before))) {
      if (atMs <= clock.now()) {
        // Due already: run it after the caller's own code, as setTimeout(0) would, never inside it.
        disarm();
        real = setTimeout(fireDue, 0);
      } else arm();
    }
    return function cancel() {
      if (!entry.live) return false;
      entry.live = false;
      heap.cancelled();
      if (heap.size === 0) disarm();
      return true;
    };
  }

  const cancelAll = (): number => {
    const live = heap.clear();
    for (const entry of live) entry.live = false;
    disarm();
    return live.length;
  };

  return {
    at,
    after: (ms, callback) => at(clock.now() + ms, callback),
    get pending() {
      return heap.size;
    },
    cancelAll,
    dispose() {
      const cancelled = cancelAll();
      disposed = true;
      stopFollowing();
      return cancelled;
    },
  };
}
