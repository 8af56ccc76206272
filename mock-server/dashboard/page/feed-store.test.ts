import { describe, expect, it } from 'vitest';
import type { DashboardExchange, DashboardFeed } from '../dashboard-feed.js';
import { FeedStore } from './feed-store.js';

const NOW = Date.UTC(2026, 0, 15, 14, 30);

function exchange(seq: number): DashboardExchange {
  return {
    seq,
    endpoint: 'hub',
    at_ms: NOW + seq,
    method: 'POST',
    path: '/openapi/v2.0/requests/KP-1/state/',
    status: 201,
    client_id: 'acme',
    jti: 'j1',
    expires_in: null,
    token_check: 'valid',
    error: null,
    fault: null,
  };
}

function feed(
  seqs: readonly number[],
  kept: { first: number | null; last: number },
  mode: 'real' | 'frozen' = 'real',
): DashboardFeed {
  return {
    clock: { mode, now: new Date(NOW).toISOString(), now_ms: NOW, offset_ms: 0 },
    faults: [],
    clients: [{ client_id: 'acme', expires_in: 60 }],
    exchanges: seqs.map(exchange),
    actions: [],
    last_seq: kept.last,
    first_seq: kept.first,
    last_action_seq: 0,
    first_action_seq: null,
    deliveries: [],
    last_delivery_seq: 0,
    first_delivery_seq: null,
    subscriptions: [],
    pending_retries: 0,
    capacity: 3,
    dropped: 0,
  };
}

describe('FeedStore', () => {
  it('adds what each poll brings and keeps the cursor for the next', () => {
    const store = new FeedStore();
    expect(store.apply(feed([1, 2], { first: 1, last: 2 }), 0)).toBe(true);
    expect(store.apply(feed([3], { first: 1, last: 3 }), 250)).toBe(true);
    expect(store.exchanges.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(store.lastSeq).toBe(3);
  });

  it('forgets what the recorder pushed out, and everything after a reset', () => {
    const store = new FeedStore();
    store.apply(feed([1, 2, 3], { first: 1, last: 3 }), 0);
    store.apply(feed([4, 5], { first: 3, last: 5 }), 250);
    expect(store.exchanges.map((e) => e.seq)).toEqual([3, 4, 5]);
    // A reset clears the recorder; its numbering goes on.
    expect(store.apply(feed([], { first: null, last: 5 }), 500)).toBe(true);
    expect(store.exchanges).toEqual([]);
    store.apply(feed([6], { first: 6, last: 6 }), 750);
    expect(store.exchanges.map((e) => e.seq)).toEqual([6]);
  });

  it('starts over when the mock’s numbering went back: a restarted mock', () => {
    const store = new FeedStore();
    store.apply(feed([1, 2, 3], { first: 1, last: 3 }), 0);
    expect(store.apply(feed([1], { first: 1, last: 1 }), 250)).toBe(true);
    expect([store.exchanges, store.lastSeq, store.refetch]).toEqual([[], 0, true]);
  });

  it('says nothing changed when a poll brings nothing and the clock only ran on', () => {
    const store = new FeedStore();
    store.apply(feed([1], { first: 1, last: 1 }), 0);
    const version = store.version;
    const later = feed([], { first: 1, last: 1 });
    expect(store.apply({ ...later, clock: { ...later.clock, now_ms: NOW + 250, offset_ms: 1 } }, 250)).toBe(
      false,
    );
    expect(store.version).toBe(version);
    expect(store.apply({ ...later, clock: { ...later.clock, mode: 'offset', offset_ms: 60_000 } }, 500)).toBe(
      true,
    );
  });

  it('runs the mock clock on between polls, unless it is frozen', () => {
    const store = new FeedStore();
    store.apply(feed([], { first: null, last: 0 }), 1000);
    expect(store.nowMs(1400)).toBe(NOW + 400);
    store.apply(feed([], { first: null, last: 0 }, 'frozen'), 2000);
    expect(store.nowMs(9000)).toBe(NOW);
  });
});
