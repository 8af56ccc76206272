import type { LocatedRefresh } from '../steps/refresh-locator.js';
import type { RefreshMeasurement } from '../steps/refresh-measurement.js';
import { pointEstimate, predictRefresh, type RefreshPrediction } from '../steps/refresh-model.js';
import { VECTORCARE_LIFETIME_S } from '../runner/certification-profile.js';
import type { RefreshModelReport, RefreshPoint } from './report-types.js';

const round = (value: number, places: number): number => {
  const scale = 10 ** places;
  return Math.round(value * scale) / scale;
};

function pointFields(lifetimeS: number, loMs: number, hiMs: number, atMs: number): Partial<RefreshPoint> {
  const lifetimeMs = lifetimeS * 1000;
  return {
    at_ms: round(atMs, 0),
    lo_ms: round(loMs, 0),
    hi_ms: round(hiMs, 0),
    percent: round((atMs / lifetimeMs) * 100, 2),
    error_percent: round(((hiMs - loMs) / 2 / lifetimeMs) * 100, 2),
    seconds_before_expiry: round((lifetimeMs - atMs) / 1000, 3),
  };
}

/** A located refresh as the report gives it. */
export function reportLocated(located: LocatedRefresh): RefreshPoint {
  const lifetimeS = located.lifetimeMs / 1000;
  const base = {
    lifetime_s: lifetimeS,
    kind: located.kind,
    source: 'measured' as const,
    probes: located.probes,
  };
  switch (located.kind) {
    case 'point':
      return {
        ...base,
        ...pointFields(lifetimeS, located.loMs, located.hiMs, pointEstimate(located.loMs, located.hiMs)),
        trigger: located.trigger,
      };
    case 'never':
      return { ...base, presented_expired_at_ms: round(located.presentedAtMs, 0) };
    default:
      return base;
  }
}

/** A predicted refresh as the report gives it; undefined when the model cannot tell. */
export function reportPrediction(lifetimeS: number, prediction: RefreshPrediction): RefreshPoint | undefined {
  const base = { lifetime_s: lifetimeS, source: 'predicted' as const };
  switch (prediction.kind) {
    case 'point':
      return {
        ...base,
        kind: 'point',
        ...pointFields(lifetimeS, prediction.loMs, prediction.hiMs, prediction.atMs),
      };
    case 'every-call':
    case 'never':
      return { ...base, kind: prediction.kind };
    case 'unknown':
      return undefined;
  }
}

/** The refresh at VectorCare's 3600 s: the measured point when there is one, else the model's prediction. */
export function vectorcarePoint(measurement: RefreshMeasurement): RefreshPoint | undefined {
  const measured = measurement.lifetimes.find((lifetime) => lifetime.lifetimeS === VECTORCARE_LIFETIME_S);
  if (measured?.located !== undefined) return reportLocated(measured.located);
  if (measurement.model === undefined) return undefined;
  return reportPrediction(
    VECTORCARE_LIFETIME_S,
    predictRefresh(measurement.model, VECTORCARE_LIFETIME_S * 1000),
  );
}

/** The run's refresh model as the report gives it. */
export function reportModel(measurement: RefreshMeasurement): RefreshModelReport {
  const points = measurement.lifetimes.flatMap((lifetime) =>
    lifetime.located === undefined ? [] : [reportLocated(lifetime.located)],
  );
  const model = measurement.model;
  if (model === undefined)
    return { class: 'error', description: `not measured: ${measurement.error ?? 'unknown'}`, points };
  const fit = model.fits.length === 1 ? model.fits[0] : undefined;
  const vectorcare = vectorcarePoint(measurement);
  return {
    class: model.class,
    description: model.description,
    ...(fit?.class === 'fraction' ? { fraction: round(fit.fraction.value, 4) } : {}),
    ...(fit?.class === 'fixed-margin' || fit?.class === 'at-expiry'
      ? { margin_s: round(fit.marginMs.value / 1000, 3) }
      : {}),
    ...(fit?.class === 'fixed-age' ? { age_s: round(fit.ageMs.value / 1000, 3) } : {}),
    points,
    ...(vectorcare === undefined ? {} : { vectorcare }),
  };
}

const percentText = (point: RefreshPoint): string =>
  `${(point.percent ?? 0).toFixed(1)}%${point.error_percent !== undefined && point.error_percent >= 0.05 ? ` ±${point.error_percent.toFixed(1)}%` : ''}`;

/**
 * A refresh point in words: "80.0% ±0.3% of 300 s, 60.0 s before expiry", "a new token for every call
 * (14 s)", "never before expiry (14 s)".
 */
export function describePoint(point: RefreshPoint): string {
  switch (point.kind) {
    case 'point':
      return `${percentText(point)} of ${point.lifetime_s} s, ${(point.seconds_before_expiry ?? 0).toFixed(1)} s before expiry`;
    case 'every-call':
      return `a new token for every call (${point.lifetime_s} s)`;
    case 'never':
      return `never before expiry (${point.lifetime_s} s)`;
    case 'refused':
      return `not located: calls refused (${point.lifetime_s} s)`;
  }
}
