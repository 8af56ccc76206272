import type { Verdict } from '../../report/report-types.js';
import type { RuleId } from '../../rules/rule-catalogue.js';
import type { ThirdPartyAdapter } from './third-party-adapters.js';

export interface LibraryExpectations {
  readonly quick: Readonly<Record<RuleId, Verdict>>;
  readonly certification: Readonly<Record<RuleId, Verdict>>;
}

// The same verdicts at 14 s and 300 s: both libraries renew only at (or within 1 s of) expiry.
const BADGATEWAY: Readonly<Record<RuleId, Verdict>> = {
  'token-request': 'PASS',
  'bearer-header': 'PASS',
  'token-reuse': 'PASS',
  'no-expired-token': 'FAIL',
  'proactive-refresh': 'FAIL',
  'retry-after-401': 'PASS',
  'bounded-retry': 'PASS',
  'invalid-client': 'PASS',
  'single-flight': 'PASS',
  'token-endpoint-outage': 'PASS',
  'honours-expires-in': 'FAIL',
};

const AUTHLIB: Readonly<Record<RuleId, Verdict>> = {
  'token-request': 'PASS',
  'bearer-header': 'PASS',
  'token-reuse': 'PASS',
  'no-expired-token': 'FAIL',
  'proactive-refresh': 'FAIL',
  'retry-after-401': 'FAIL',
  'bounded-retry': 'PASS',
  'invalid-client': 'PASS',
  'single-flight': 'SKIP',
  'token-endpoint-outage': 'PASS',
  'honours-expires-in': 'FAIL',
};

// Renews on the first call after its own count of expires_in (from the late answer) has run out, to the
// millisecond (axios-token-interceptor) or 0 to 1 s after it (ruby-oauth2's whole seconds); no 401 handling.
const AT_EXPIRY_NO_RETRY: Readonly<Record<RuleId, Verdict>> = {
  'token-request': 'PASS',
  'bearer-header': 'PASS',
  'token-reuse': 'PASS',
  'no-expired-token': 'FAIL',
  'proactive-refresh': 'FAIL',
  'retry-after-401': 'FAIL',
  'bounded-retry': 'PASS',
  'invalid-client': 'PASS',
  'single-flight': 'PASS',
  'token-endpoint-outage': 'PASS',
  'honours-expires-in': 'FAIL',
};

// The ruby-oauth2 adapter is sequential, so single-flight cannot be exercised.
const RUBY_OAUTH2: Readonly<Record<RuleId, Verdict>> = { ...AT_EXPIRY_NO_RETRY, 'single-flight': 'SKIP' };

/**
 * What each library's source says the kit must find (docs/compatibility.md gives the reasoning with file
 * and line references). A kit change that shifts one of these verdicts fails the third-party tests.
 */
export const EXPECTED_VERDICTS: Readonly<Record<ThirdPartyAdapter['id'], LibraryExpectations>> = {
  // Refreshes only on the first call after its own count of expires_in (from the late answer) runs out, so
  // it presents the token past exp; one retry after 401; concurrent refreshes shared.
  badgateway: { certification: BADGATEWAY, quick: BADGATEWAY },

  // Renews once its whole-second expires_at has passed; no 401 handling; the adapter is sequential.
  authlib: { certification: AUTHLIB, quick: AUTHLIB },

  // A token counts as expired 10 s before its expiry; no 401 handling; the token source holds a mutex.
  'golang-x-oauth2': {
    certification: {
      'token-request': 'PASS',
      'bearer-header': 'PASS',
      'token-reuse': 'PASS',
      'no-expired-token': 'PASS',
      'proactive-refresh': 'FAIL',
      'retry-after-401': 'FAIL',
      'bounded-retry': 'PASS',
      'invalid-client': 'PASS',
      'single-flight': 'PASS',
      'token-endpoint-outage': 'PASS',
      'honours-expires-in': 'FAIL',
    },
    // At 14 s a token is usable for only 4 s (expiryDelta 10 s): renewed before the 30% call, and before
    // the early calls of the refresh rules, but still shared by five concurrent calls.
    quick: {
      'token-request': 'PASS',
      'bearer-header': 'PASS',
      'token-reuse': 'FAIL',
      'no-expired-token': 'PASS',
      'proactive-refresh': 'FAIL',
      'retry-after-401': 'FAIL',
      'bounded-retry': 'PASS',
      'invalid-client': 'PASS',
      'single-flight': 'PASS',
      'token-endpoint-outage': 'PASS',
      'honours-expires-in': 'FAIL',
    },
  },

  // A fixed margin: renewed once fewer than 61 s remain (60 s, and whole-second truncation); a 401 refreshes and
  // retries, up to 10 times; one lock around it all; a 503 from the token endpoint is swallowed and the API
  // call sent without a token. At 300 s that refreshes at 79.7%, inside the rules; at 14 s every call fetches a
  // token.
  'google-oauth-client-java': {
    certification: {
      'token-request': 'PASS',
      'bearer-header': 'PASS',
      'token-reuse': 'PASS',
      'no-expired-token': 'PASS',
      'proactive-refresh': 'PASS',
      'retry-after-401': 'PASS',
      'bounded-retry': 'FAIL',
      'invalid-client': 'PASS',
      'single-flight': 'PASS',
      'token-endpoint-outage': 'WARN',
      'honours-expires-in': 'PASS',
    },
    quick: {
      'token-request': 'PASS',
      'bearer-header': 'PASS',
      'token-reuse': 'FAIL',
      'no-expired-token': 'PASS',
      'proactive-refresh': 'FAIL',
      'retry-after-401': 'FAIL',
      'bounded-retry': 'FAIL',
      'invalid-client': 'PASS',
      'single-flight': 'WARN',
      'token-endpoint-outage': 'WARN',
      'honours-expires-in': 'FAIL',
    },
  },

  // Whole-second expires_at, renewed 0 to 1 s after its own count of the lifetime; errors raised, no retry.
  'ruby-oauth2': { certification: RUBY_OAUTH2, quick: RUBY_OAUTH2 },

  // expires_in from the answer, to the millisecond, no margin; the cache's lock shares a fetch; no retry.
  'axios-oauth-client': { certification: AT_EXPIRY_NO_RETRY, quick: AT_EXPIRY_NO_RETRY },
};
