import type { CertificationReport, RuleResult, Timeline, TimelineCall } from '../../report/report-types.js';
import type { RuleId } from '../../rules/rule-catalogue.js';
import type { ThirdPartyAdapter } from './third-party-adapters.js';

/**
 * Beyond the verdicts and the refresh model: what each library's code says the recorded traffic itself must
 * show, so a test fails when a verdict is right for the wrong reason. Each check returns its problems; none
 * means it holds.
 */
export type BehaviourCheck = (report: CertificationReport) => string[];

function resultOf(report: CertificationReport, rule: RuleId): RuleResult {
  const result = report.results.find((candidate) => candidate.rule === rule);
  if (result === undefined) throw new Error(`the report has no ${rule} result`);
  return result;
}

/**
 * no-expired-token: the first token, whose answer the kit held back, was presented after its exp: the client
 * counted the lifetime from when the answer arrived and kept no margin.
 */
export function presentsFirstTokenPastExpiry(report: CertificationReport): string[] {
  const { tokens, calls } = resultOf(report, 'no-expired-token').timeline;
  const first = tokens.find((token) => token.jti !== null);
  if (first === undefined) return ['no-expired-token: the client never obtained a token'];
  const late = calls.find((call) => call.jti === first.jti && call.token_check === 'expired');
  return late === undefined ? ['no-expired-token: T1 was never presented after its exp'] : [];
}

/**
 * honours-expires-in: the refresh was located in both token lives (the first one long, the next short) and
 * fitted the same model the run measured; the report shows both points.
 */
export function honoursBothLifetimes(report: CertificationReport): string[] {
  const result = resultOf(report, 'honours-expires-in');
  const points = result.refresh_points ?? [];
  const lifetimes = points.map((point) => point.lifetime_s);
  const first = result.timeline.tokens.find((token) => token.jti !== null)?.expires_in;
  const later = result.timeline.tokens.filter((token) => token.jti !== null).slice(1);
  const problems: string[] = [];
  if (points.length !== 2 || lifetimes[0] === lifetimes[1])
    problems.push(`honours-expires-in: refresh points at ${lifetimes.join(', ')} s, expected two lifetimes`);
  if (first !== lifetimes[0] || later.some((token) => token.expires_in !== lifetimes[1]))
    problems.push('honours-expires-in: the tokens were not issued with the two lifetimes the points name');
  return problems;
}

/** Every token request of every scenario authenticated as `method`. */
function authenticatesBy(report: CertificationReport, method: string): string[] {
  return report.results.flatMap((result) => {
    const other = result.timeline.tokens.filter((token) => token.auth_method !== method);
    return other.length === 0
      ? []
      : [
          `${result.rule}: ${other.length} token request(s) authenticated by ${other[0]?.auth_method}, not ${method}`,
        ];
  });
}

/** The hub requests a scenario recorded, grouped by path (one path per kit call), in order. */
function attemptsByPath(timeline: Timeline): TimelineCall[][] {
  const byPath = new Map<string, TimelineCall[]>();
  for (const call of timeline.calls) byPath.set(call.path, [...(byPath.get(call.path) ?? []), call]);
  return [...byPath.values()];
}

/** retry-after-401: the refused call was sent once, and no token was requested after its 401. */
function noRetryAfter401(report: CertificationReport): string[] {
  const timeline = resultOf(report, 'retry-after-401').timeline;
  const refused = attemptsByPath(timeline).find((attempts) => attempts[0]?.status === 401);
  if (refused === undefined) return ['retry-after-401: no call was answered 401'];
  const at = refused[0]?.at_ms ?? 0;
  const later = timeline.tokens.filter((token) => token.at_ms > at).length;
  return [
    ...(refused.length === 1 ? [] : [`retry-after-401: the refused call was sent ${refused.length} times`]),
    ...(later === 0 ? [] : [`retry-after-401: ${later} token request(s) after the 401`]),
  ];
}

/**
 * no-expired-token: how many calls presented an expired T1. The edge call (0.5 s after exp) always does for a
 * client that counts from its late (2 s) answer with no margin; the 110% call does too when 10% of the lifetime
 * is less than that 2 s.
 */
function expiredPresentations(report: CertificationReport): string[] {
  const { calls, lifetime_s: lifetimeS } = resultOf(report, 'no-expired-token').timeline;
  const expired = calls.filter((call) => call.token_check === 'expired').length;
  const expected = 0.1 * lifetimeS < 2 ? 2 : 1;
  return expired === expected
    ? []
    : [`no-expired-token: ${expired} call(s) presented an expired token, not ${expected}`];
}

/**
 * A client that sends its credentials in the body, keeps a token until its own count of expires_in (from the
 * late answer) has run out, and hands a 401 to the application (ruby-oauth2, axios-oauth-client).
 */
function renewsAfterExpiryWithoutRetry(report: CertificationReport): string[] {
  return [
    ...authenticatesBy(report, 'client_secret_post'),
    ...presentsFirstTokenPastExpiry(report),
    ...expiredPresentations(report),
    ...honoursBothLifetimes(report),
    ...noRetryAfter401(report),
  ];
}

/** google-oauth-client-java renews once fewer than 61 s remain: 60 s, and remaining time truncated to seconds. */
const JAVA_MARGIN_S = 61;

function googleOauthClientJava(report: CertificationReport): string[] {
  const problems = authenticatesBy(report, 'client_secret_basic');
  const lifetimeS = resultOf(report, 'token-reuse').timeline.lifetime_s;
  const everyCall = lifetimeS <= JAVA_MARGIN_S;

  // The margin: a token is kept until fewer than 61 s remain, then renewed at the next call; a token this
  // short-lived is inside the margin on arrival, so each call fetches one.
  for (const rule of ['token-reuse', 'proactive-refresh', 'honours-expires-in'] as const) {
    const { calls, tokens, lifetime_s: ruleLifetimeS } = resultOf(report, rule).timeline;
    const issued = tokens.filter((token) => token.jti !== null);
    const distinct = new Set(calls.map((call) => call.jti)).size;
    if (ruleLifetimeS <= JAVA_MARGIN_S) {
      if (distinct !== calls.length)
        problems.push(
          `${rule}: ${distinct} tokens for ${calls.length} calls at a ${ruleLifetimeS} s lifetime`,
        );
      continue;
    }
    const keptMs = (ruleLifetimeS - JAVA_MARGIN_S) * 1000;
    issued.slice(1).forEach((token, index) => {
      const gapMs = token.at_ms - (issued[index]?.at_ms ?? 0);
      if (gapMs < keptMs)
        problems.push(`${rule}: T${index + 2} came ${gapMs} ms after T${index + 1}, inside its ${keptMs} ms`);
    });
  }

  // A 401 with error="invalid_token" refreshes in the handler, and the retry's interceptor refreshes again when
  // the new token is already inside the margin.
  const retry = resultOf(report, 'retry-after-401').timeline;
  const refused = attemptsByPath(retry).find((attempts) => attempts[0]?.status === 401);
  const [rejected, retried] = refused ?? [];
  if (rejected === undefined || retried === undefined) {
    problems.push('retry-after-401: the refused call was not retried');
  } else {
    const between = retry.tokens.filter(
      (token) => token.jti !== null && token.at_ms >= rejected.at_ms && token.at_ms <= retried.at_ms,
    ).length;
    const expected = everyCall ? 2 : 1;
    if (between !== expected)
      problems.push(`retry-after-401: ${between} token(s) between the 401 and the retry, not ${expected}`);
  }

  // numberOfRetries is 10: the refused call is sent at most 11 times, each time with a token fetched after the
  // last 401. (How many of the 11 the kit sees depends on how fast they come: it stops waiting after 4.)
  const bounded = attemptsByPath(resultOf(report, 'bounded-retry').timeline).at(-1) ?? [];
  const boundedTokens = new Set(bounded.map((call) => call.jti)).size;
  if (bounded.length < 3 || bounded.length > 11 || boundedTokens !== bounded.length)
    problems.push(
      `bounded-retry: ${bounded.length} attempts with ${boundedTokens} tokens, not 3 to 11 with a new token each`,
    );

  // A 503 from the token endpoint is swallowed: the call goes out with no token, and the plain Bearer challenge
  // of that 401 (no error code) does not trigger a refresh.
  const outage = resultOf(report, 'token-endpoint-outage').timeline;
  const checks = outage.calls.map((call) => `${call.status} ${call.token_check}`).join(', ');
  if (outage.tokens.length !== 1 || checks !== '401 missing')
    problems.push(
      `token-endpoint-outage: ${outage.tokens.length} token request(s) and API calls [${checks}], not 1 and [401 missing]`,
    );

  // One lock: five cold calls share one token, unless every call fetches its own.
  const flight = resultOf(report, 'single-flight').timeline.tokens.filter(
    (token) => token.jti !== null,
  ).length;
  if (flight !== (everyCall ? 5 : 1))
    problems.push(`single-flight: ${flight} token(s) for five concurrent calls at a ${lifetimeS} s lifetime`);
  return problems;
}

export const BEHAVIOUR_CHECKS: Readonly<Record<ThirdPartyAdapter['id'], BehaviourCheck>> = {
  // OAuth2Fetch uses a token until its own expiresAt (set when the answer was parsed) and fetches the next on
  // the first call after it.
  badgateway: (report) => [...presentsFirstTokenPastExpiry(report), ...honoursBothLifetimes(report)],
  // expires_at is whole seconds, truncated down, with no leeway: renewal comes 0 to 1 s before the real
  // expiry, after it when the answer came late.
  authlib: (report) => [...presentsFirstTokenPastExpiry(report), ...honoursBothLifetimes(report)],
  'golang-x-oauth2': (report) => {
    const problems: string[] = [...honoursBothLifetimes(report)];
    // AuthStyleAutoDetect: HTTP Basic first, then the body, until one token request succeeds.
    const methods = resultOf(report, 'invalid-client').timeline.tokens.map((token) => token.auth_method);
    const probing = [
      'client_secret_basic',
      'client_secret_post',
      'client_secret_basic',
      'client_secret_post',
    ];
    if (JSON.stringify(methods) !== JSON.stringify(probing))
      problems.push(
        `invalid-client: token requests authenticated by ${methods.join(', ')}, not ${probing.join(', ')}`,
      );
    // A token shorter than the 10 s expiryDelta counts as expired on arrival: honours-expires-in's second,
    // short lifetime (7 s quick) shows a new token for every call, within the same model.
    const honours = resultOf(report, 'honours-expires-in').refresh_points ?? [];
    const short = honours[1];
    if (short !== undefined && short.lifetime_s <= 10 && short.kind !== 'every-call')
      problems.push(`honours-expires-in: at ${short.lifetime_s} s ${short.kind}, expected every-call`);
    return problems;
  },
  'google-oauth-client-java': googleOauthClientJava,
  // AccessToken#expired? compares whole seconds: renewal 0 to 1 s after its own count, never before expiry.
  'ruby-oauth2': renewsAfterExpiryWithoutRetry,
  // tokenCache keeps the answer for expires_in * 1000 ms from when it arrived; the lock shares a fetch.
  'axios-oauth-client': (report) => {
    const flight = resultOf(report, 'single-flight').timeline.tokens.length;
    return [
      ...renewsAfterExpiryWithoutRetry(report),
      ...(flight === 1 ? [] : [`single-flight: ${flight} token requests for five concurrent calls`]),
    ];
  },
};
