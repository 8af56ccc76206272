import type { Verdict } from '../../report/report-types.js';
import type { RuleId } from '../../rules/rule-catalogue.js';
import type { ThirdPartyAdapter } from './third-party-adapters.js';

export interface LibraryExpectations {
  readonly quick: Readonly<Record<RuleId, Verdict>>;
  readonly certification: Readonly<Record<RuleId, Verdict>>;
}

/** Every rule PASS but those given. */
const verdicts = (broken: Partial<Record<RuleId, Verdict>>): Readonly<Record<RuleId, Verdict>> => ({
  'token-request': 'PASS',
  'bearer-header': 'PASS',
  'token-reuse': 'PASS',
  'no-expired-token': 'PASS',
  'proactive-refresh': 'PASS',
  'retry-after-401': 'PASS',
  'bounded-retry': 'PASS',
  'invalid-client': 'PASS',
  'single-flight': 'PASS',
  'token-endpoint-outage': 'PASS',
  'honours-expires-in': 'PASS',
  ...broken,
});

/** The same verdicts in both profiles: the timing rules are judged at VectorCare's 3600 s by the model. */
const both = (expected: Readonly<Record<RuleId, Verdict>>): LibraryExpectations => ({
  quick: expected,
  certification: expected,
});

/**
 * What each library's source says the kit must find (docs/compatibility.md gives the reasoning with file
 * and line references). A kit change that shifts one of these verdicts fails the third-party tests. To add a
 * library: its adapter in third-party-adapters.ts, its verdicts here, its refresh model in
 * expected-models.ts, and any library-specific traffic check in library-behaviour.ts.
 */
export const EXPECTED_VERDICTS: Readonly<Record<ThirdPartyAdapter['id'], LibraryExpectations>> = {
  // Uses a token until its own expiresAt (parse time + expires_in), then fetches the next on the first call
  // after it: at expiry, so it presents the token past exp when the answer came late, and refreshes at 100%.
  // Follows each expires_in; one retry after 401; concurrent refreshes shared.
  badgateway: both(verdicts({ 'no-expired-token': 'FAIL', 'proactive-refresh': 'FAIL' })),

  // Renews once its whole-second expires_at has passed (at expiry, 0 to 1 s early); no 401 handling; the
  // adapter is sequential.
  authlib: both(
    verdicts({
      'no-expired-token': 'FAIL',
      'proactive-refresh': 'FAIL',
      'retry-after-401': 'FAIL',
      'single-flight': 'SKIP',
    }),
  ),

  // A token counts as expired 10 s before its expiry (a fixed margin: 99.7% of 3600 s); no 401 handling;
  // the token source holds a mutex.
  'golang-x-oauth2': both(verdicts({ 'proactive-refresh': 'FAIL', 'retry-after-401': 'FAIL' })),
};
