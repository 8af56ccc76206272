import type { CertificationReport, RuleResult } from '../../report/report-types.js';
import type { RuleId } from '../../rules/rule-catalogue.js';
import type { ThirdPartyAdapter } from './third-party-adapters.js';

/**
 * Beyond the verdicts: what each library's code says the recorded traffic itself must show, so a test
 * fails when a verdict is right for the wrong reason. Each check returns its problems; none means it holds.
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
function presentsFirstTokenPastExpiry(report: CertificationReport): string[] {
  const { tokens, calls } = resultOf(report, 'no-expired-token').timeline;
  const first = tokens.find((token) => token.jti !== null);
  if (first === undefined) return ['no-expired-token: the client never obtained a token'];
  const late = calls.find((call) => call.jti === first.jti && call.token_check === 'expired');
  return late === undefined ? ['no-expired-token: T1 was never presented after its exp'] : [];
}

/** How a refresh rule's verdict must read for a client that renews only at (or just before) expiry. */
function renewsLate(report: CertificationReport, rule: RuleId, lastSecondMs: number): string[] {
  const result = resultOf(report, rule);
  if (result.verdict === 'FAIL') {
    return /still presented T1/.test(result.summary)
      ? []
      : [`${rule}: unexpected failure: ${result.summary}`];
  }
  // A pass is only possible when the renewal landed just before the probe, within the last second.
  const lifetimeMs = result.timeline.lifetime_s * 1000;
  const earliest = (100 * (lifetimeMs - lastSecondMs)) / lifetimeMs;
  const point = result.refresh_point_percent;
  return point !== undefined && point >= earliest
    ? []
    : [`${rule}: ${result.verdict} with a refresh at ${point}%, earlier than ${earliest.toFixed(1)}%`];
}

export const BEHAVIOUR_CHECKS: Readonly<Record<ThirdPartyAdapter['id'], BehaviourCheck>> = {
  badgateway: (report) => [
    // OAuth2Fetch uses a token until its own expiresAt (set when the answer was parsed) and fetches the next
    // on the first call after it.
    ...presentsFirstTokenPastExpiry(report),
    ...renewsLate(report, 'proactive-refresh', 0),
  ],
  authlib: (report) => [
    // expires_at is whole seconds, truncated down: renewal comes 0 to 1 s before the real expiry.
    ...presentsFirstTokenPastExpiry(report),
    ...renewsLate(report, 'proactive-refresh', 1_000),
    ...renewsLate(report, 'honours-expires-in', 1_000),
  ],
  'golang-x-oauth2': (report) => {
    const problems: string[] = [];
    // AuthStyleAutoDetect: HTTP Basic first, then the body, until one token request succeeds.
    const methods = resultOf(report, 'invalid-client').timeline.tokens.map((token) => token.auth_method);
    const probing = [
      'client_secret_basic',
      'client_secret_post',
      'client_secret_basic',
      'client_secret_post',
    ];
    if (JSON.stringify(methods) !== JSON.stringify(probing)) {
      problems.push(
        `invalid-client: token requests authenticated by ${methods.join(', ')}, not ${probing.join(', ')}`,
      );
    }
    const rules: RuleId[] = ['token-reuse', 'proactive-refresh', 'honours-expires-in'];
    for (const rule of rules) {
      const { calls, tokens, lifetime_s: lifetimeS } = resultOf(report, rule).timeline;
      // expiryDelta is 10 s: a token is used until it is within 10 s of expiry, then renewed, never sooner.
      const usableMs = Math.max(0, lifetimeS - 10) * 1000;
      const issued = tokens.filter((token) => token.jti !== null);
      issued.slice(1).forEach((token, index) => {
        const gapMs = token.at_ms - (issued[index]?.at_ms ?? 0);
        if (gapMs < usableMs - 1_000)
          problems.push(
            `${rule}: T${index + 2} came ${gapMs} ms after T${index + 1}, inside its ${usableMs} ms`,
          );
      });
      // A token this short-lived counts as expired on arrival, so each call fetches one.
      const distinct = new Set(calls.map((call) => call.jti)).size;
      if (lifetimeS <= 10 && distinct !== calls.length) {
        problems.push(`${rule}: ${distinct} tokens for ${calls.length} calls at a ${lifetimeS} s lifetime`);
      }
    }
    const reuse = resultOf(report, 'token-reuse').timeline;
    // Only when the usable span outlasts token-reuse's last call (45%) do all its calls share one token.
    if (reuse.lifetime_s - 10 > 0.45 * reuse.lifetime_s + 1) {
      const tokens = new Set(reuse.calls.map((call) => call.jti)).size;
      if (tokens !== 1) problems.push(`token-reuse: ${tokens} tokens at a ${reuse.lifetime_s} s lifetime`);
      problems.push(...renewsLate(report, 'proactive-refresh', 10_000));
    }
    return problems;
  },
};
