import type { Verdict } from '../report/report-types.js';
import { RULE_IDS, type RuleId } from '../rules/rule-catalogue.js';

/** A verdict the control's code implies, and for a SKIP the rule whose finding it is. */
export interface ExpectedVerdict {
  readonly verdict: Verdict;
  readonly caughtBy?: RuleId;
  /** Why, from the control's code (docs/rules.md prints it). */
  readonly why: string;
}

/** A control's rule-by-rule expectation: rules not listed must PASS. */
export interface ControlExpectation {
  /** The rule the control was written to break; undefined for the positive controls. */
  readonly breaks?: RuleId;
  /** What the control does differently from well-behaved, in one sentence. */
  readonly code: string;
  readonly verdicts: Partial<Readonly<Record<RuleId, ExpectedVerdict>>>;
  /** The refresh model its code implies, as the report names it. */
  readonly model: string;
}

const skip = (caughtBy: RuleId, why: string): ExpectedVerdict => ({ verdict: 'SKIP', caughtBy, why });
const fail = (why: string): ExpectedVerdict => ({ verdict: 'FAIL', why });
const warn = (why: string): ExpectedVerdict => ({ verdict: 'WARN', why });

/**
 * Every control in fixtures/adapters/, with the verdicts its code implies under the independent rules, in
 * virtual time, where the kit measures VectorCare's 3600 s directly: the same in the quick and the
 * certification profiles. docs/rules.md publishes this table; negative-controls.test.ts checks the kit
 * against it, and rules-doc.test.ts the doc.
 */
export const CONTROL_VERDICTS: Readonly<Record<string, ControlExpectation>> = {
  'well-behaved': {
    code: 'caches its token, replaces it at 80% of expires_in, shares one token request, retries once after a 401',
    verdicts: {},
    model: 'fraction',
  },
  'bundled-client': {
    code: 'vectorcare-auth-mock/client: replaces its token at 80% of expires_in, counted from the answer',
    verdicts: {},
    model: 'fraction',
  },
  'secret-in-query': {
    breaks: 'token-request',
    code: 'sends client_id and client_secret in the URL query first, then in the body when refused',
    verdicts: {
      'token-request': fail('the first token request of each fetch has the credentials in the URL'),
    },
    model: 'fraction',
  },
  'token-in-query': {
    breaks: 'bearer-header',
    code: 'sends the access token as ?access_token= instead of the Authorization header',
    verdicts: {
      'bearer-header': fail('no call carries Authorization: Bearer'),
      'token-reuse': skip('bearer-header', 'every call is refused, so the tokens cannot be followed'),
      'no-expired-token': skip('bearer-header', 'the hub never reads a token it could find expired'),
      'proactive-refresh': skip('bearer-header', 'no refresh can be located while every call is refused'),
      'retry-after-401': skip('bearer-header', 'the call before the revocation is already refused'),
      'single-flight': skip('bearer-header', 'the refused calls fetch tokens to retry them'),
      'honours-expires-in': skip('bearer-header', 'no refresh can be located while every call is refused'),
    },
    model: 'refused',
  },
  'never-caches': {
    breaks: 'token-reuse',
    code: 'requests a new token for every call, with no single flight',
    verdicts: {
      'token-reuse': fail('a new token for every call at every lifetime'),
      'no-expired-token': skip('token-reuse', 'it never holds a token that could expire'),
      'proactive-refresh': skip('token-reuse', 'it has no refresh point'),
      'single-flight': warn('five concurrent cold calls fetch five tokens'),
      'honours-expires-in': skip('token-reuse', 'it follows no lifetime'),
    },
    model: 'every-call',
  },
  'presents-expired-token': {
    breaks: 'no-expired-token',
    code: 'keeps its token until expires_in has passed since the answer arrived, with no margin',
    verdicts: {
      'no-expired-token': fail('with the answer 2 s late it presents the token 0.5 s after exp'),
      'proactive-refresh': fail('at 3600 s it refreshes at expiry, 100%'),
    },
    model: 'at-expiry',
  },
  'refresh-only-after-401': {
    breaks: 'proactive-refresh',
    code: 'keeps its token until the hub answers 401',
    verdicts: {
      'no-expired-token': skip('proactive-refresh', 'it never replaces a token before expiry'),
      'proactive-refresh': fail('never replaces a token before it expires, at any lifetime'),
      'honours-expires-in': skip('proactive-refresh', 'it never replaces a token, so follows no lifetime'),
    },
    model: 'never',
  },
  'assumes-3600': {
    breaks: 'honours-expires-in',
    code: 'ignores expires_in and assumes every token lives 3600 s (replaced at 80%: 2880 s)',
    verdicts: {
      'honours-expires-in': fail('after a 3600 s token, a 7 s (150 s) one is kept past its expiry'),
    },
    model: 'fixed-age',
  },
  'fixed-60s-margin': {
    breaks: 'proactive-refresh',
    code: 'replaces its token 60 s before expires_in runs out (80% of 300 s, but 98.3% of 3600 s)',
    verdicts: { 'proactive-refresh': fail('at 3600 s it refreshes at 98.3%, after 90%') },
    model: 'fixed-margin',
  },
  'expires-300s-early': {
    breaks: 'proactive-refresh',
    code: 'treats a token as expired 300 s before expires_in runs out (every call at 300 s or less)',
    verdicts: { 'proactive-refresh': fail('at 3600 s it refreshes at 91.7%, after 90%') },
    model: 'fixed-margin',
  },
  'no-retry-after-401': {
    breaks: 'retry-after-401',
    code: 'hands a 401 to the application instead of retrying',
    verdicts: { 'retry-after-401': fail('no retry after the 401') },
    model: 'fraction',
  },
  'retries-forever': {
    breaks: 'bounded-retry',
    code: 'after a 401 fetches a new token and retries, again and again',
    verdicts: { 'bounded-retry': fail('one call reaches the hub more than twice') },
    model: 'fraction',
  },
  'hammers-invalid-client': {
    breaks: 'invalid-client',
    code: 'treats invalid_client as transient and asks again 25 more times',
    verdicts: { 'invalid-client': fail('more than 2 token requests per call with a wrong secret') },
    model: 'fraction',
  },
  'no-single-flight': {
    breaks: 'single-flight',
    code: 'concurrent calls on a cold client each fetch their own token',
    verdicts: { 'single-flight': warn('five concurrent cold calls fetch five tokens') },
    model: 'fraction',
  },
  'hammers-outage': {
    breaks: 'token-endpoint-outage',
    code: 'on a 5xx asks again 25 more times, with no backoff',
    verdicts: { 'token-endpoint-outage': warn('more than 4 token requests for one call during the outage') },
    model: 'fraction',
  },
  'calls-without-token': {
    breaks: 'token-endpoint-outage',
    code: 'when the token endpoint answers 5xx makes the API call anyway, with no token',
    verdicts: {
      'token-endpoint-outage': warn('during the outage the call reaches the hub without a token'),
    },
    model: 'fraction',
  },
  'fakes-results': {
    code: 'answers every call with 201 without making any request',
    verdicts: Object.fromEntries(
      RULE_IDS.map((rule) => [
        rule,
        { verdict: 'ERROR', why: 'the mock saw no request: nothing can be judged' },
      ]),
    ),
    model: 'error',
  },
};
