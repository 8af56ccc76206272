import { describe, expect, it } from 'vitest';
import type { MemoryTrend } from './memory-trend.js';
import { soakVerdict } from './soak-report.js';

const BOUNDS = { rssMb: 5, heapMb: 1 };

const trend = (rssSlopeMbPerMin: number, heapSlopeMbPerMin = 0.01): MemoryTrend => ({
  minutes: 10,
  rssStartMb: 162.7,
  rssEndMb: 162.7 + rssSlopeMbPerMin * 10,
  rssSlopeMbPerMin,
  heapStartMb: 43.5,
  heapEndMb: 43.6,
  heapSlopeMbPerMin,
  rssRiseMb: rssSlopeMbPerMin * 10,
});

describe('soakVerdict', () => {
  it('passes with no errors and a trend within the bound, and says so with the figures', () => {
    const verdict = soakVerdict(0, trend(-0.23), BOUNDS);
    expect(verdict.passed).toBe(true);
    expect(verdict.text).toContain('RSS 162.7 MB at the window');
    expect(verdict.text).toContain('slope −0.23 MB/min (−2.30 MB over 10.0 min)');
    expect(verdict.text).toContain('live heap 43.5 → 43.6 MB (slope +0.01 MB/min, +0.10 MB)');
    expect(verdict.text).toContain('soak: PASS: no errors, RSS flat (trend within ±5 MB), live heap flat');
  });

  it('fails on one error, or on RSS or a live heap that rises beyond its bound', () => {
    expect(soakVerdict(1, trend(0), BOUNDS).text).toContain('soak: FAIL: 1 errors, RSS flat');
    expect(soakVerdict(0, trend(1), BOUNDS)).toMatchObject({ passed: false });
    expect(soakVerdict(0, trend(1), BOUNDS).text).toContain('RSS not flat (trend beyond ±5 MB');
    expect(soakVerdict(0, trend(0, 0.2), BOUNDS).text).toContain(
      'FAIL: no errors, RSS flat (trend within ±5 MB), live heap not flat',
    );
  });
});
