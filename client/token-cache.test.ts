import { describe, expect, it } from 'vitest';
import { createClock } from '../mock-server/clock.js';
import { VectorCareAuthError } from './errors.js';
import { deferred } from './test-support/fake-vectorcare.js';
import { TokenCache } from './token-cache.js';
import type { IssuedToken } from './token-response.js';

const receivedAt = Date.UTC(2026, 0, 15, 14, 30);
const HOUR_MS = 3_600_000;

/** A cache over a scripted token source that counts its requests. */
function cacheWith(lifetimeMs: number | undefined, refreshRatio = 0.8) {
  const clock = createClock({ frozenAt: receivedAt });
  let requests = 0;
  const cache = new TokenCache({
    clock,
    refreshRatio,
    requestToken: async (): Promise<IssuedToken> => {
      requests += 1;
      return { accessToken: `token-${requests}`, lifetimeMs };
    },
  });
  return { cache, clock, requests: () => requests };
}

describe('TokenCache', () => {
  it('reuses the token until 80% of its lifetime: one ms before, reuse; at the point, a new token', async () => {
    const { cache, clock, requests } = cacheWith(HOUR_MS);
    expect(await cache.get()).toBe('token-1');
    for (const at of [1, 60_000, 1_800_000, 2_879_999]) {
      clock.freeze(receivedAt + at);
      expect(await cache.get()).toBe('token-1');
    }
    expect(requests()).toBe(1);

    clock.freeze(receivedAt + 2_880_000);
    expect(await cache.get()).toBe('token-2');
    expect(requests()).toBe(2);
  });

  it('measures the new token from when it arrived', async () => {
    const { cache, clock } = cacheWith(HOUR_MS);
    await cache.get();
    const secondAt = receivedAt + 2_900_000;
    clock.freeze(secondAt);
    expect(await cache.get()).toBe('token-2');
    clock.freeze(secondAt + 2_879_999);
    expect(await cache.get()).toBe('token-2');
    clock.freeze(secondAt + 2_880_000);
    expect(await cache.get()).toBe('token-3');
  });

  it('follows refreshRatio and the lifetime given, to the millisecond', async () => {
    const { cache, clock } = cacheWith(7_000, 0.8);
    await cache.get();
    clock.freeze(receivedAt + 5_599);
    expect(await cache.get()).toBe('token-1');
    clock.freeze(receivedAt + 5_600);
    expect(await cache.get()).toBe('token-2');
  });

  it('with refreshRatio 1 uses the token until the end of its lifetime', async () => {
    const { cache, clock } = cacheWith(60_000, 1);
    await cache.get();
    clock.freeze(receivedAt + 59_999);
    expect(await cache.get()).toBe('token-1');
    clock.freeze(receivedAt + 60_000);
    expect(await cache.get()).toBe('token-2');
  });

  it('asks for a new token when the clock went backwards', async () => {
    const { cache, clock } = cacheWith(HOUR_MS);
    await cache.get();
    clock.freeze(receivedAt - 1);
    expect(await cache.get()).toBe('token-2');
  });

  it('a token without a lifetime serves the callers waiting for it and is never cached', async () => {
    const { cache, requests } = cacheWith(undefined);
    const together = await Promise.all([cache.get(), cache.get(), cache.get()]);
    expect(together).toEqual(['token-1', 'token-1', 'token-1']);
    expect(await cache.get()).toBe('token-2');
    expect(await cache.get()).toBe('token-3');
    expect(requests()).toBe(3);
  });

  it('50 concurrent callers share one token request', async () => {
    const clock = createClock({ frozenAt: receivedAt });
    const answer = deferred<IssuedToken>();
    let requests = 0;
    const cache = new TokenCache({
      clock,
      refreshRatio: 0.8,
      requestToken: () => {
        requests += 1;
        return answer.promise;
      },
    });
    const callers = Array.from({ length: 50 }, () => cache.get());
    expect(requests).toBe(1);
    answer.resolve({ accessToken: 'shared', lifetimeMs: HOUR_MS });
    expect(new Set(await Promise.all(callers))).toEqual(new Set(['shared']));
    expect(requests).toBe(1);
  });

  it('when the shared request fails, every waiter gets its error and the next call tries again', async () => {
    const clock = createClock({ frozenAt: receivedAt });
    const failure = new VectorCareAuthError({ status: 503, error: 'temporarily_unavailable' });
    const answers = [deferred<IssuedToken>(), deferred<IssuedToken>()];
    let requests = 0;
    const cache = new TokenCache({
      clock,
      refreshRatio: 0.8,
      requestToken: () => {
        const next = answers[requests];
        requests += 1;
        if (next === undefined) throw new Error('unexpected token request');
        return next.promise;
      },
    });
    const callers = Array.from({ length: 50 }, () =>
      cache.get().then(
        () => 'ok',
        (error: unknown) => error,
      ),
    );
    answers[0]?.reject(failure);
    const outcomes = await Promise.all(callers);
    expect(outcomes.every((outcome) => outcome === failure)).toBe(true);
    expect(requests).toBe(1);

    const retry = cache.get();
    answers[1]?.resolve({ accessToken: 'after-failure', lifetimeMs: HOUR_MS });
    expect(await retry).toBe('after-failure');
    expect(requests).toBe(2);
  });

  it('discard() drops only the token named, so a replacement survives a late 401', async () => {
    const { cache, requests } = cacheWith(HOUR_MS);
    const first = await cache.get();
    cache.discard(first);
    const second = await cache.get();
    expect(second).toBe('token-2');
    cache.discard(first);
    expect(await cache.get()).toBe('token-2');
    expect(requests()).toBe(2);
  });
});
