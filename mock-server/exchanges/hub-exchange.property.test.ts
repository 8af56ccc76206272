import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertMatchesSpec } from '../../test-support/openapi-validator.js';
import { createClock } from '../clock.js';
import { createMockServer, type MockServer } from '../create-mock-server.js';
import { fetchToken } from '../../test-support/hub-calls.js';

const now = Date.UTC(2026, 0, 15, 14, 30);
const ENDPOINTS = [
  ['POST', 'state'],
  ['POST', 'locations'],
  ['PUT', 'accept'],
  ['PUT', 'decline'],
  ['PUT', 'best-time'],
  ['POST', 'change-request'],
] as const;

/** Usually `valid`, sometimes any JSON value. */
const usually = <T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 4, arbitrary: valid }, { weight: 1, arbitrary: fc.jsonValue() });

/** Bodies that look like what clients send, with every field sometimes wrong or missing. */
const plausibleBody = fc.record(
  {
    name: usually(fc.constantFrom('en_route', 'arrived', 'dry_run', '')),
    timestamp: usually(
      fc
        .integer({ min: now - 8 * 86_400_000, max: now + 86_400_000 })
        .map((ms) => new Date(ms).toISOString()),
    ),
    response_notes: usually(fc.string({ maxLength: 460 })),
    proposed_agreed_dt: usually(fc.date({ noInvalidDate: true }).map((d) => d.toISOString())),
    agreed_dt: usually(fc.constant('2026-01-15T16:00:00Z')),
    change_reason: usually(fc.string({ maxLength: 460 })),
  },
  { requiredKeys: [] },
);
/** Mostly a finite number, sometimes any JSON value. */
const mostlyNumber = fc.oneof(
  { weight: 9, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.jsonValue() },
);
const location = fc.record(
  { lat: mostlyNumber, lng: mostlyNumber, alt: mostlyNumber, timestamp: mostlyNumber, speed: mostlyNumber },
  { requiredKeys: ['lat', 'lng', 'alt', 'timestamp'] },
);
const locationList = fc.oneof(
  fc.array(location, { maxLength: 8 }),
  fc.array(fc.oneof(location, fc.jsonValue()), { maxLength: 3 }),
);

describe('hub under arbitrary bodies', () => {
  let mock: MockServer;
  let token: string;
  beforeAll(async () => {
    mock = await createMockServer({ listen: false, clock: createClock({ frozenAt: now }) });
    token = await fetchToken(mock, 'demo-client', 'demo-secret', mock.fetch);
  });
  afterAll(() => mock.close());

  it('answers every JSON body with a documented status and a body matching openapi.yaml, never a 500', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .constantFrom(...ENDPOINTS)
          .chain((endpoint) =>
            fc.tuple(
              fc.constant(endpoint),
              endpoint[1] === 'locations' ? usually(locationList) : usually(plausibleBody),
            ),
          ),
        async ([[method, segment], body]) => {
          const path = `/openapi/v2.0/requests/KP-ABCD1234/${segment}/`;
          const response = await mock.fetch(
            new Request(`${mock.url}${path}`, {
              method,
              headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
              body: JSON.stringify(body),
            }),
          );
          expect([200, 201, 400]).toContain(response.status);
          assertMatchesSpec(method, path, response.status, await response.json());
        },
      ),
      { numRuns: 300 },
    );
  });
});
