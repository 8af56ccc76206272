import type { CertificationReport, RefreshPoint } from '../../report/report-types.js';
import type { ThirdPartyAdapter } from './third-party-adapters.js';

/**
 * The refresh model a library's source implies, with where each located point must fall: the seconds
 * before expiry, as a range wide enough for the kit's probe spacing and a busy machine.
 */
export interface ExpectedModel {
  readonly class: string;
  /** Each located point's seconds before expiry must be in this range (negative: after expiry). */
  readonly secondsBeforeExpiry: readonly [number, number];
  /** The point at VectorCare's 3600 s, as a % of it. */
  readonly vectorcarePercent: readonly [number, number];
  /** fixed-margin: the margin fitted, seconds. */
  readonly marginS?: readonly [number, number];
}

export const EXPECTED_MODELS: Readonly<Record<ThirdPartyAdapter['id'], ExpectedModel>> = {
  // expiresAt = parse time + expires_in, reused while expiresAt > now: replaced by the first call after its
  // own expiry (located between the last probe before it and the one 1 s after the client's count ran out).
  badgateway: { class: 'at-expiry', secondsBeforeExpiry: [-1.5, 0.5], vectorcarePercent: [99.9, 100.01] },
  // expires_at = int(time()) + expires_in, expired when expires_at < time(): 0 to 1 s before the real
  // expiry, plus the answer's latency.
  authlib: { class: 'at-expiry', secondsBeforeExpiry: [-1.5, 1.5], vectorcarePercent: [99.9, 100.01] },
  // Valid() is false from expiry - 10 s (expiryDelta): 10 s before expiry at every lifetime.
  'golang-x-oauth2': {
    class: 'fixed-margin',
    secondsBeforeExpiry: [9.2, 10.6],
    vectorcarePercent: [99.69, 99.76],
    marginS: [9.5, 10.5],
  },
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
    // The located interval must hold the point the source implies; on a busy machine (probes late by seconds)
    // the interval widens, but never away from it. Within 2% of the lifetime, its estimate must too.
    const [fewest, most] = expected.secondsBeforeExpiry;
    const lifetimeMs = point.lifetime_s * 1000;
    const holds =
      point.kind === 'point' &&
      (point.lo_ms ?? Infinity) - JITTER_MS <= lifetimeMs - fewest * 1000 &&
      (point.hi_ms ?? -Infinity) + JITTER_MS >= lifetimeMs - most * 1000;
    const precise = (point.error_percent ?? Infinity) <= 2;
    if (!holds || (precise && !within(point.seconds_before_expiry, expected.secondsBeforeExpiry)))
      problems.push(
        `point at ${describe(point)} (${point.lo_ms ?? '?'} to ${point.hi_ms ?? '?'} ms), expected ${fewest} to ${most} s before expiry`,
      );
  }
  if (model.vectorcare === undefined || !within(model.vectorcare.percent, expected.vectorcarePercent))
    problems.push(
      `at 3600 s ${model.vectorcare === undefined ? 'no point' : describe(model.vectorcare)}, expected ${expected.vectorcarePercent.join(' to ')}%`,
    );
  if (expected.marginS !== undefined && !within(model.margin_s, expected.marginS))
    problems.push(`margin ${model.margin_s ?? 'none'} s, expected ${expected.marginS.join(' to ')} s`);
  return problems;
}
