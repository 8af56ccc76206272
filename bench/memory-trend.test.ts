import { describe, expect, it } from 'vitest';
import { memoryTrend, type MemoryReading } from './memory-trend.js';

/** A reading every 15 s for 10 minutes, RSS rising by `rssPerMin` with ±2 MB of alternating GC noise. */
function readings(rssPerMin: number): MemoryReading[] {
  return Array.from({ length: 41 }, (_, index) => ({
    atS: index * 15,
    rssMb: 160 + (rssPerMin * index) / 4 + (index % 2 === 0 ? 2 : -2),
    heapMb: 43.5,
  }));
}

describe('memoryTrend', () => {
  it('reports a flat series as flat through its noise, from the medians of its edges', () => {
    const trend = memoryTrend(readings(0));
    expect(trend.minutes).toBe(10);
    expect(Math.abs(trend.rssSlopeMbPerMin)).toBeLessThan(0.02);
    expect(trend.rssStartMb).toBe(162);
    expect(trend.rssEndMb).toBe(162);
    expect([trend.heapStartMb, trend.heapEndMb, trend.heapSlopeMbPerMin]).toEqual([43.5, 43.5, 0]);
  });

  it('finds a slow rise that single readings hide in their noise', () => {
    const trend = memoryTrend(readings(1));
    expect(trend.rssSlopeMbPerMin).toBeCloseTo(1, 1);
    expect(trend.rssRiseMb).toBeCloseTo(10, 0);
  });
});
