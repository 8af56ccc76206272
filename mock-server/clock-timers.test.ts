import { afterEach, describe, expect, it } from 'vitest';
import { createClock } from './clock.js';
import { createClockTimers, type ClockTimers } from './clock-timers.js';

const startsAt = Date.UTC(2026, 0, 15, 14, 30);
const nextTurn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('timers on the mock clock', () => {
  let timers: ClockTimers | undefined;
  afterEach(() => void timers?.dispose());

  it('wait on a frozen clock until it is moved, then fire every timer due, in order, before advance returns', () => {
    const clock = createClock({ frozenAt: startsAt });
    timers = createClockTimers(clock);
    const fired: string[] = [];
    timers.after(64_000, () => fired.push('third'));
    timers.after(8_000, () => fired.push('second'));
    timers.at(startsAt + 8_000, () => fired.push('second, set later'));
    clock.advance(7_999);
    expect(fired).toEqual([]);
    clock.advance(1);
    expect(fired).toEqual(['second', 'second, set later']);
    expect(timers.pending).toBe(1);
    clock.freeze(startsAt + 100_000);
    expect(fired).toEqual(['second', 'second, set later', 'third']);
    expect(timers.pending).toBe(0);
  });

  it('fire a timer already due on the next turn, never inside the call that set it', async () => {
    const clock = createClock({ frozenAt: startsAt });
    timers = createClockTimers(clock);
    let fired = 0;
    timers.after(0, () => (fired += 1));
    expect(fired).toBe(0);
    await nextTurn();
    expect(fired).toBe(1);
  });

  it('re-arm when the offset of a running clock changes: moved past the instant, the timer fires at once', () => {
    const real = 1_000_000;
    const clock = createClock({ realNow: () => real });
    timers = createClockTimers(clock);
    const fired: number[] = [];
    timers.after(60_000, () => fired.push(clock.now()));
    clock.setOffset(59_999);
    expect(fired).toEqual([]);
    clock.setOffset(60_000);
    expect(fired).toEqual([1_060_000]);
  });

  it('fire by themselves on a clock that follows real time', async () => {
    const clock = createClock();
    timers = createClockTimers(clock);
    const setAt = clock.now();
    const firedAt = await new Promise<number>((resolve) => timers?.after(5, () => resolve(clock.now())));
    expect(firedAt).toBeGreaterThanOrEqual(setAt + 5);
  });

  it('cancel: a cancelled timer never fires, and cancelling twice says it was no longer pending', () => {
    const clock = createClock({ frozenAt: startsAt });
    timers = createClockTimers(clock);
    let fired = false;
    const cancel = timers.after(10_000, () => (fired = true));
    expect(cancel()).toBe(true);
    expect(cancel()).toBe(false);
    clock.advance(20_000);
    expect(fired).toBe(false);
    expect(timers.pending).toBe(0);
  });

  it('stay correct when thousands of timers are set and cancelled (the heap compacts)', () => {
    const clock = createClock({ frozenAt: startsAt });
    timers = createClockTimers(clock);
    const fired: number[] = [];
    for (let i = 0; i < 5_000; i += 1) {
      const cancel = timers.after(10_000 + i, () => fired.push(i));
      if (i % 10 !== 0) cancel();
    }
    expect(timers.pending).toBe(500);
    clock.advance(20_000);
    expect(fired).toEqual(Array.from({ length: 500 }, (_, k) => k * 10));
  });

  it('let a callback set and move time (a virtual sleep) without losing or re-running timers', () => {
    const clock = createClock({ frozenAt: startsAt });
    timers = createClockTimers(clock);
    const fired: string[] = [];
    timers.after(1_000, () => {
      fired.push('a');
      timers?.after(1_000, () => fired.push('c'));
      clock.advance(5_000);
      fired.push('a done');
    });
    timers.after(2_000, () => fired.push('b'));
    clock.advance(1_000);
    expect(fired).toEqual(['a', 'a done', 'b', 'c']);
  });

  it('cancelAll says how many were pending, and a failing callback does not stop the others', () => {
    const clock = createClock({ frozenAt: startsAt });
    timers = createClockTimers(clock);
    const fired: number[] = [];
    const quiet = console.error;
    console.error = () => undefined;
    try {
      timers.after(1, () => {
        throw new Error('boom');
      });
      timers.after(2, () => fired.push(2));
      clock.advance(5);
    } finally {
      console.error = quiet;
    }
    expect(fired).toEqual([2]);
    timers.after(10, () => fired.push(10));
    timers.after(20, () => fired.push(20));
    expect(timers.cancelAll()).toBe(2);
    clock.advance(100);
    expect(fired).toEqual([2]);
  });
});
