import { describe, expect, it } from 'vitest';
import { formatDuration, formatSeconds, formatTimestamp } from './time-format.js';

describe('time formats of the HTML report', () => {
  it('writes scenario times in seconds, with two decimals below 100 s and one above', () => {
    expect(formatSeconds(5405)).toBe('5.41 s');
    expect(formatSeconds(0)).toBe('0.00 s');
    expect(formatSeconds(245_120)).toBe('245.1 s');
  });

  it('writes run lengths in the largest unit that keeps them readable', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(14_350)).toBe('14.3 s');
    expect(formatDuration(312_000)).toBe('5 min 12 s');
    expect(formatDuration(3_720_000)).toBe('1 h 02 min');
  });

  it('writes the start in UTC whatever the machine’s time zone, and leaves a bad value as given', () => {
    expect(formatTimestamp('2026-01-15T15:30:00+01:00')).toBe('2026-01-15 14:30:00 UTC');
    expect(formatTimestamp('yesterday-ish')).toBe('yesterday-ish');
  });
});
