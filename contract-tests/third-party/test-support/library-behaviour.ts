import type { CertificationReport, RuleResult } from '../../report/report-types.js';
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
};
