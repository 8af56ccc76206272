import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createClock } from '../mock-server/clock.js';
import {
  API_URL,
  CLIENT_ID,
  CLIENT_SECRET,
  FakeVectorCare,
  TOKEN_URL,
} from './test-support/fake-vectorcare.js';
import { createVectorCareClient } from './vectorcare-client.js';

const startedAt = Date.UTC(2026, 0, 15, 14, 30);

const step = fc.record({
  /** How far the clock moves before this batch, as a fraction of the lifetime. */
  advance: fc.double({ min: 0, max: 1.2, noNaN: true }),
  concurrent: fc.integer({ min: 1, max: 6 }),
  revokeFirst: fc.boolean(),
});

describe('the refresh rule under any sequence of calls', () => {
  it('never presents a token at or past its refresh point, and asks for a token only when it must', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 7200 }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.array(step, { minLength: 1, maxLength: 25 }),
        async (expiresIn, refreshRatio, steps) => {
          const fake = new FakeVectorCare();
          fake.expiresIn = expiresIn;
          const clock = createClock({ frozenAt: startedAt });
          const client = createVectorCareClient({
            clientId: CLIENT_ID,
            clientSecret: CLIENT_SECRET,
            tokenUrl: TOKEN_URL,
            apiUrl: API_URL,
            fetch: fake.fetch,
            clock,
            refreshRatio,
          });
          const issuedAt = new Map<string, number>();
          const presented: { token: string; at: number }[] = [];
          const refreshAfter = Math.round(refreshRatio * expiresIn * 1000);
          // The rule as a model: a new token when none is cached, the cached one is at or past its refresh
          // point, or it was revoked; one per batch of concurrent calls, whatever the batch's size.
          let modelReceivedAt: number | undefined;
          let expectedTokenRequests = 0;

          for (const { advance, concurrent, revokeFirst } of steps) {
            clock.advance(Math.floor(advance * expiresIn * 1000));
            const revoked = revokeFirst && fake.issued.length > 0;
            if (revoked) fake.revokeAll();
            const now = clock.now();
            const fresh =
              modelReceivedAt !== undefined && now >= modelReceivedAt && now < modelReceivedAt + refreshAfter;
            if (!fresh || revoked) {
              expectedTokenRequests += 1;
              modelReceivedAt = now;
            }
            const before = fake.exchanges.length;
            const responses = await Promise.all(
              Array.from({ length: concurrent }, () =>
                client.fetch('/requests/KP-1/state/', { method: 'POST', body: '{}' }),
              ),
            );
            expect(responses.map((response) => response.status)).toEqual(responses.map(() => 201));
            for (const token of fake.issued) if (!issuedAt.has(token)) issuedAt.set(token, clock.now());
            for (const exchange of fake.exchanges.slice(before))
              if (exchange.url !== TOKEN_URL)
                presented.push({ token: FakeVectorCare.bearerOf(exchange) ?? '', at: clock.now() });
          }

          for (const { token, at } of presented) {
            const received = issuedAt.get(token);
            expect(received).toBeDefined();
            expect(at - (received ?? Number.NaN)).toBeGreaterThanOrEqual(0);
            expect(at - (received ?? Number.NaN)).toBeLessThan(refreshAfter);
          }
          expect(fake.tokenRequests).toHaveLength(expectedTokenRequests);
          // Every token asked for was used by a call that succeeded or by the refused call before a retry.
          expect(new Set(presented.map((call) => call.token)).size).toBe(fake.issued.length);
        },
      ),
      { numRuns: 150 },
    );
  });
});
