import { TimelineSketch } from '../../../shared/timeline/test-support/timeline-sketch.js';
import type { CertificationReport, Evidence, RuleResult, Timeline } from '../report-types.js';

/**
 * Certification reports built by hand for the HTML report's tests: a certified run, a failing one with
 * every verdict (ERROR, a scenario with no traffic, a client that never caches, a hostile adapter), and
 * one whose adapter never became ready. Times are ms from each scenario's start, like the runner's.
 */

const STARTED_AT = '2026-01-15T14:30:00.000Z';

interface ResultParts {
  readonly rule: string;
  readonly level?: RuleResult['level'];
  readonly verdict: RuleResult['verdict'];
  readonly statement: string;
  readonly summary: string;
  readonly evidence?: readonly Evidence[];
  readonly refresh_point_percent?: number;
  readonly timeline: Timeline;
  readonly adapter_log?: string;
}

function result(parts: ResultParts): RuleResult {
  return {
    level: 'required',
    evidence: [],
    adapter_log: '',
    duration_ms: parts.timeline.end_ms + 180,
    ...parts,
  };
}

const LIFETIME_S = 6;

/** The bundled client's quick-profile run: every rule passes. */
export function certifiedReport(): CertificationReport {
  const s = (prefix: string, lifetime = LIFETIME_S): TimelineSketch => new TimelineSketch(lifetime, prefix);

  const request = s('tr');
  request.call(40, request.token(20), 201);

  const bearer = s('bh');
  const bearerToken = bearer.token(15);
  bearer.call(40, bearerToken, 201).call(600, bearerToken, 201).call(1200, bearerToken, 201);

  const reuse = s('ru');
  const reuseToken = reuse.token(12);
  for (let at = 500; at <= 4000; at += 500) reuse.call(at + 20, reuseToken, 201);

  const expired = s('ne');
  const firstExpiring = expired.token(10);
  expired.call(3000, firstExpiring, 201);
  const secondExpiring = expired.token(5405);
  expired.call(5410, secondExpiring, 201).call(6600, secondExpiring, 201);

  const refresh = s('pr');
  const beforeRefresh = refresh.token(10);
  refresh.call(3000, beforeRefresh, 201);
  const afterRefresh = refresh.token(5405);
  refresh.call(5412, afterRefresh, 201).call(6600, afterRefresh, 201);

  const retry = s('ra');
  const revoked = retry.token(10);
  retry.call(1000, revoked, 201).action(2000, 'revoke', 'all live tokens of the client');
  retry.call(3000, revoked, 401, 'revoked');
  retry.call(3030, retry.token(3015), 201);

  const bounded = s('br');
  bounded.action(0, 'fault', 'hub answers 401 to every call');
  bounded.call(30, bounded.token(10), 401, 'rejected by fault');
  bounded.call(60, bounded.token(45), 401, 'rejected by fault');

  const invalid = s('ic');
  invalid.action(0, 'note', 'the adapter was given a wrong client secret');
  invalid.failedToken(10, 401, 'invalid_client').failedToken(35, 401, 'invalid_client');

  const flight = s('sf');
  const shared = flight.token(12);
  for (let i = 0; i < 5; i += 1) flight.call(20 + i, shared, 201);

  const outage = s('eo');
  outage.action(0, 'fault', 'token endpoint answers 503 to the next 3 requests');
  outage.failedToken(10, 503, 'server_error').failedToken(260, 503, 'server_error');

  const expiresIn = s('ei', 4);
  const shortLived = expiresIn.token(10);
  expiresIn.call(2000, shortLived, 201);
  const renewed = expiresIn.token(3605);
  expiresIn.call(3610, renewed, 201).call(4400, renewed, 201);

  const results: RuleResult[] = [
    result({
      rule: 'token-request',
      verdict: 'PASS',
      statement:
        'The client requests tokens with POST, grant_type=client_credentials and its credentials in the body or HTTP Basic, never in the URL.',
      summary: 'One token request, POST with a form body and the credentials in it.',
      evidence: [
        { at_ms: 20, text: 'POST /v2.0/oauth2/token, application/x-www-form-urlencoded, client_secret_post' },
      ],
      timeline: request.build(300),
    }),
    result({
      rule: 'bearer-header',
      verdict: 'PASS',
      statement: 'Every API call carries Authorization: Bearer with a live token issued to this client.',
      summary: 'All 3 calls carried a live token of this client.',
      timeline: bearer.build(1500),
    }),
    result({
      rule: 'token-reuse',
      verdict: 'PASS',
      statement:
        'Calls within the first 70% of a token’s lifetime reuse it: one token request for many calls.',
      summary: '8 calls within 70% of the lifetime used 1 token.',
      timeline: reuse.build(4300),
    }),
    result({
      rule: 'no-expired-token',
      verdict: 'PASS',
      statement: 'No API call ever presents a token past its exp.',
      summary: 'No call presented an expired token; the call at 110% carried the refreshed token.',
      timeline: expired.build(6800),
    }),
    result({
      rule: 'proactive-refresh',
      verdict: 'PASS',
      statement:
        'The first call after about 80% of the lifetime carries a token requested after 70% of the old one’s lifetime had passed.',
      summary: 'The client refreshed at 90.1% of the lifetime, before the old token expired.',
      refresh_point_percent: 90.1,
      evidence: [
        { at_ms: 10, text: 'token pr-01 issued, expires_in 6 s' },
        { at_ms: 5405, text: 'token pr-02 requested at 90.1% of pr-01’s lifetime' },
        { at_ms: 5412, text: 'the call at 90% carried pr-02' },
      ],
      timeline: refresh.build(6800),
    }),
    result({
      rule: 'retry-after-401',
      verdict: 'PASS',
      statement:
        'After a revoked token’s 401, the client requests one new token and retries the same request once with it.',
      summary: 'One token request and one identical retry after the 401; the application saw 201.',
      timeline: retry.build(3300),
    }),
    result({
      rule: 'bounded-retry',
      verdict: 'PASS',
      statement:
        'When every token gets 401, the client retries at most once per call and reports the failure.',
      summary: 'One retry, then the failure was reported to the application.',
      timeline: bounded.build(400),
    }),
    result({
      rule: 'invalid-client',
      verdict: 'PASS',
      statement:
        'With a wrong secret, the client reports the error, makes at most 2 token requests per call and sends no API call without a token.',
      summary: '2 token requests, no API call, the error reached the application.',
      timeline: invalid.build(400),
    }),
    result({
      rule: 'single-flight',
      level: 'recommended',
      verdict: 'PASS',
      statement: 'N concurrent calls on a cold client cause one token request.',
      summary: '5 concurrent calls, 1 token request.',
      timeline: flight.build(300),
    }),
    result({
      rule: 'token-endpoint-outage',
      level: 'recommended',
      verdict: 'PASS',
      statement:
        'While the token endpoint answers 503, the client reports the error or retries with backoff.',
      summary: '2 attempts, 250 ms apart, then the error was reported.',
      timeline: outage.build(600),
    }),
    result({
      rule: 'honours-expires-in',
      verdict: 'PASS',
      statement: 'The refresh follows the expires_in the mock sent, not a constant.',
      summary: 'With expires_in 4 s the client refreshed at 89.9% of the lifetime.',
      refresh_point_percent: 89.9,
      timeline: expiresIn.build(4600),
    }),
  ];
  return {
    certified: true,
    kit: { name: 'vectorcare-auth-mock', version: '0.1.0' },
    adapter: {
      type: 'ready',
      name: 'bundled-client',
      version: '0.1.0',
      library: 'vectorcare-auth-mock/client 0.1.0',
      concurrent: true,
    },
    lifetime: LIFETIME_S,
    profile: 'quick',
    margins: {
      probe_before_refresh: '50% of lifetime',
      probe_after_refresh: '90% of lifetime',
      clock_skew_ms: 250,
    },
    started_at: STARTED_AT,
    duration_ms: 14_350,
    results,
  };
}

/** Strings an attacker-controlled adapter could send; none may become markup in the report. */
export const HOSTILE = {
  name: '<script>alert("name")</script>',
  version: '1.0"><img src=x onerror=alert(1)>',
  library: 'evil & co <b>lib</b>',
  log: [
    'starting adapter',
    '<script>document.title="pwned"</script>',
    '</pre></details><h1 class="injected">injected</h1>',
    'Error: boom\n    at main (adapter.js:12:3)',
  ].join('\n'),
  jti: '"><script>alert("jti")</script>',
} as const;

/** A hostile, broken client: every verdict appears, one scenario recorded nothing. */
export function failingReport(): CertificationReport {
  const s = (prefix: string, lifetime = LIFETIME_S): TimelineSketch => new TimelineSketch(lifetime, prefix);

  const request = s('tr');
  request.call(40, request.token(20), 201);

  const bearer = s('bh');
  const bearerToken = bearer.token(15);
  bearer.call(40, bearerToken, 201).call(600, null, 401).call(1200, HOSTILE.jti, 401, 'unknown');

  const reuse = s('ru');
  for (let at = 500; at <= 4000; at += 500) reuse.call(at + 25, reuse.token(at + 10), 201);

  const refresh = s('pr');
  const old = refresh.token(10);
  refresh.call(3000, old, 201).call(5400, old, 201).call(6600, old, 401, 'expired');
  refresh.call(6625, refresh.token(6610), 201);

  const bounded = s('br');
  bounded.action(0, 'fault', 'hub answers 401 to every call');
  for (let i = 0; i < 30; i += 1)
    bounded.call(40 + i * 30, bounded.token(25 + i * 30), 401, 'rejected by fault');

  const flight = s('sf');
  for (let i = 0; i < 3; i += 1) flight.call(40 + i, flight.token(20 + i), 201);

  const expiresIn = s('ei', 4);
  const first = expiresIn.token(10);
  expiresIn
    .action(1500, 'clock', 'moved forward 1000 ms')
    .action(1900, 'fault', 'drop the next hub connection');
  // Crowded on purpose: the browser test checks that labels this close do not overlap.
  expiresIn
    .action(1560, 'note', 'probe at 40%')
    .action(1620, 'revoke', 'none live')
    .action(1680, 'fault', 'delay 50 ms');
  expiresIn.call(2000, first, 0, null).call(2500, first, 500, 'valid').call(3000, first, 201);

  const results: RuleResult[] = [
    result({
      rule: 'token-request',
      verdict: 'PASS',
      statement: 'The client requests tokens with POST and grant_type=client_credentials.',
      summary: 'One token request, POST with a form body.',
      timeline: request.build(300),
    }),
    result({
      rule: 'bearer-header',
      verdict: 'FAIL',
      statement: 'Every API call carries Authorization: Bearer with a live token issued to this client.',
      summary:
        'The call at 0.60 s had no Authorization header; the call at 1.20 s presented an unknown token <b>forged</b>.',
      evidence: [
        { at_ms: 600, text: 'POST /requests/KP-ABCD1234/state/ without Authorization → 401' },
        { at_ms: 1200, text: `presented jti ${HOSTILE.jti}, not issued to this client` },
      ],
      timeline: bearer.build(1500),
    }),
    result({
      rule: 'token-reuse',
      verdict: 'FAIL',
      statement: 'Calls within the first 70% of a token’s lifetime reuse it.',
      summary: '8 calls within 70% of the lifetime caused 8 token requests: the client never caches.',
      timeline: reuse.build(4300),
    }),
    result({
      rule: 'proactive-refresh',
      verdict: 'FAIL',
      statement:
        'The first call after about 80% of the lifetime carries a token requested after 70% of the old one’s.',
      summary:
        'The call at 90% still used the first token; the client refreshed only after a 401, at 110.2%.',
      refresh_point_percent: 110.2,
      timeline: refresh.build(6800),
    }),
    result({
      rule: 'retry-after-401',
      verdict: 'ERROR',
      statement: 'After a revoked token’s 401, the client requests one new token and retries once.',
      summary: 'The adapter exited with code 1 before its first call; nothing could be judged.',
      evidence: [{ at_ms: null, text: 'adapter exited with code 1 (signal none)' }],
      timeline: s('ra').build(900),
      adapter_log: HOSTILE.log,
    }),
    result({
      rule: 'bounded-retry',
      verdict: 'FAIL',
      statement: 'When every token gets 401, the client retries at most once per call.',
      summary:
        'The client kept retrying: 30 token requests and 30 calls for one request from the application.',
      timeline: bounded.build(1000),
      adapter_log: 'retrying\n'.repeat(30),
    }),
    result({
      rule: 'single-flight',
      level: 'recommended',
      verdict: 'WARN',
      statement: 'N concurrent calls on a cold client cause one token request.',
      summary: '3 concurrent calls caused 3 token requests.',
      timeline: flight.build(300),
    }),
    result({
      rule: 'token-endpoint-outage',
      level: 'recommended',
      verdict: 'SKIP',
      statement:
        'While the token endpoint answers 503, the client reports the error or retries with backoff.',
      summary: 'Not selected by --rules.',
      timeline: s('eo').build(0),
    }),
    result({
      rule: 'honours-expires-in',
      verdict: 'PASS',
      statement: 'The refresh follows the expires_in the mock sent, not a constant.',
      summary: 'No call needed a new token.',
      timeline: expiresIn.build(3200),
    }),
  ];
  return {
    certified: false,
    kit: { name: 'vectorcare-auth-mock', version: '0.1.0' },
    adapter: {
      type: 'ready',
      name: HOSTILE.name,
      version: HOSTILE.version,
      library: HOSTILE.library,
      concurrent: false,
      build: '<i>nightly</i>',
    },
    lifetime: LIFETIME_S,
    profile: 'quick',
    margins: { probe_after_refresh: '90% of lifetime', '<u>skew</u>': '<script>1</script>' },
    started_at: STARTED_AT,
    duration_ms: 9_800,
    results,
  };
}

/** An adapter that never sent its ready message: no adapter info, every rule ERROR. */
export function neverReadyReport(): CertificationReport {
  return {
    certified: false,
    kit: { name: 'vectorcare-auth-mock', version: '0.1.0' },
    adapter: null,
    lifetime: LIFETIME_S,
    profile: 'certification',
    margins: {},
    started_at: 'not a date',
    duration_ms: 5_000,
    results: [
      result({
        rule: 'token-request',
        verdict: 'ERROR',
        statement: 'The client requests tokens with POST and grant_type=client_credentials.',
        summary: 'The adapter exited before it was ready.',
        timeline: new TimelineSketch(LIFETIME_S, 'x').build(5000),
        adapter_log: 'node: cannot find module ./adapter.mjs\n',
      }),
    ],
  };
}
