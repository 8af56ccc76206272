import { describe, expect, it } from 'vitest';
import { createEventIdSource } from './event-id.js';

const at = Date.UTC(2026, 1, 20, 9, 0);

describe('event ids', () => {
  it('are 32 lower-case hex characters, stamped with the millisecond in their first 12', () => {
    const id = createEventIdSource({ now: () => at })();
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(parseInt(id.slice(0, 12), 16)).toBe(at);
  });

  it('compare greater as strings for later events: across milliseconds, within one, and when the clock goes back', () => {
    let now = at;
    const next = createEventIdSource({ now: () => now });
    const ids: string[] = [];
    for (let i = 0; i < 1_000; i += 1) ids.push(next()); // one millisecond
    now += 1;
    ids.push(next());
    now -= 60_000; // a test moved the clock back a minute
    ids.push(next(), next());
    now += 3_600_000;
    ids.push(next());
    for (let i = 1; i < ids.length; i += 1) expect(ids[i]! > ids[i - 1]!, `id ${i}`).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('are unique across sources (runs) stamped at the same instant, from their random part', () => {
    const ids = new Set(Array.from({ length: 2_000 }, () => createEventIdSource({ now: () => at })()));
    expect(ids.size).toBe(2_000);
  });

  it('take their randomness from the injected source', () => {
    const zeros = createEventIdSource({ now: () => at, random: (n) => new Uint8Array(n) });
    expect(zeros()).toBe(`${at.toString(16).padStart(12, '0')}${'0'.repeat(20)}`);
    expect(zeros()).toBe(`${at.toString(16).padStart(12, '0')}${'0'.repeat(19)}1`);
  });
});
