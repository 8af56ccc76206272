import type { CertificationReport, RefreshPoint } from '../../report/report-types.js';
import type { ThirdPartyAdapter } from './third-party-adapters.js';

/**
 * The refresh model a library's source implies, with where each located point must fall: the seconds
 * before expiry, as a range wide enough for the kit's probe spacing and a busy machine.
 */
export interface ExpectedModel {
  readonly class: string;
  /**
   * Each located point's seconds before expiry must be in this range (negative: after expiry); or
   * `every-call` when every lifetime tried shows a new token for every call.
   */
  readonly points: readonly [number, number] | 'every-call';
  /** The point at VectorCare's 3600 s, as a % of it; absent when the model gives none (every call). */
  readonly vectorcarePercent?: readonly [number, number];
  /** fixed-margin: the margin fitted, seconds. */
  readonly marginS?: readonly [number, number];
}

export interface ModelExpectations {
  readonly quick: ExpectedModel;
  readonly certification: ExpectedModel;
}

const both = (model: ExpectedModel): ModelExpectations => ({ quick: model, certification: model });

/** A refresh at expiry (every point within the token's last second or the first one after it). */
const AT_EXPIRY = both({ class: 'at-expiry', points: [-1.5, 1.5], vectorcarePercent: [99.9, 100.01] });

/** To add a library: its expected model here, next to its verdicts in expected-verdicts.ts. */
export const EXPECTED_MODELS: Readonly<Record<ThirdPartyAdapter['id'], ModelExpectations>> = {
  // expiresAt = parse time + expires_in, reused while expiresAt > now: replaced by the first call after its
  // own expiry (located between the last probe before it and the one 1 s after the client's count ran out).
  badgateway: AT_EXPIRY,
  // expires_at = int(time()) + expires_in, expired when expires_at < time(): 0 to 1 s before the real
  // expiry, plus the answer's latency.
  authlib: AT_EXPIRY,
  // Valid() is false from expiry - 10 s (expiryDelta): 10 s before expiry at every lifetime.
  'golang-x-oauth2': both({
    class: 'fixed-margin',
    points: [9.2, 10.6],
    vectorcarePercent: [99.69, 99.76],
    marginS: [9.5, 10.5],
  }),
  // Credential refreshes once fewer than 61 s remain (60 s, and whole-second truncation): a fixed margin of
  // 61 s, so at the quick profile's 14 s and 28 s every token is inside it and every call fetches one.
  'google-oauth-client-java': {
    quick: { class: 'every-call', points: 'every-call' },
    certification: {
      class: 'fixed-margin',
      points: [59.2, 61.6],
      vectorcarePercent: [98.28, 98.37],
      marginS: [59.5, 61.5],
    },
  },
  // AccessToken#expired? compares whole seconds: renewal 0 to 1 s after its own count of the lifetime, so at
  // 3600 s 3600 to 3601 s (100.00% to 100.03%), plus the answer's latency. A quick run at 14 s showed it: T1
  // still presented 1.002 s after expiry, replaced by 2.011 s (the locator's second look past expiry).
  'ruby-oauth2': both({ class: 'at-expiry', points: [-1.5, 1.5], vectorcarePercent: [99.99, 100.04] }),
  // tokenCache keeps the answer for expires_in * 1000 ms from when it arrived.
  'axios-oauth-client': AT_EXPIRY,
};

/** The kit's allowance between its view of a refresh and the client's, out of process. */
const JITTER_MS = 250;

const within = (value: number | undefined, [lo, hi]: readonly [number, number]): boolean =>
  value !== undefined && value >= lo && value <= hi;

/** Where the report's refresh model differs from what the library's source implies; empty when it does not. */
export function modelMismatches(report: CertificationReport, expected: ExpectedModel): string[] {
  const model = report.refresh_model;
  if (model === undefined) return ['the report has no refresh model'];
  const problems: string[] = [];
  if (model.class !== expected.class)
    problems.push(`model ${model.class} (${model.description}), expected ${expected.class}`);
  const describe = (point: RefreshPoint): string =>
    `${point.lifetime_s} s: ${point.kind} ${point.percent ?? ''}% ${point.seconds_before_expiry ?? ''} s before expiry`;
  for (const point of model.points) {
    if (expected.points === 'every-call') {
      if (point.kind !== 'every-call') problems.push(`point at ${describe(point)}, expected every-call`);
      continue;
    }
    // The located interval must hold the point the source implies; on a busy machine (probes late by seconds)
    // the interval widens, but never away from it. Within 2% of the lifetime, its estimate must too.
    const [fewest, most] = expected.points;
    const lifetimeMs = point.lifetime_s * 1000;
    const holds =
      point.kind === 'point' &&
      (point.lo_ms ?? Infinity) - JITTER_MS <= lifetimeMs - fewest * 1000 &&
      (point.hi_ms ?? -Infinity) + JITTER_MS >= lifetimeMs - most * 1000;
    const precise = (point.error_percent ?? Infinity) <= 2;
    if (!holds || (precise && !within(point.seconds_before_expiry, expected.points)))
      problems.push(
        `point at ${describe(point)} (${point.lo_ms ?? '?'} to ${point.hi_ms ?? '?'} ms), expected ${fewest} to ${most} s before expiry`,
      );
  }
  if (expected.vectorcarePercent !== undefined) {
    const at = model.vectorcare;
    if (at === undefined || !within(at.percent, expected.vectorcarePercent))
      problems.push(
        `at 3600 s ${at === undefined ? 'no point' : describe(at)}, expected ${expected.vectorcarePercent.join(' to ')}%`,
      );
  }
  if (expected.marginS !== undefined && !within(model.margin_s, expected.marginS))
    problems.push(`margin ${model.margin_s ?? 'none'} s, expected ${expected.marginS.join(' to ')} s`);
  return problems;
}
