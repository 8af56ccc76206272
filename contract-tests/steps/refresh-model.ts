import type { LocatedRefresh } from './refresh-locator.js';

/**
 * How a client decides when to replace its token, told from where it did at two or more lifetimes:
 *
 * - `fraction`: at a fixed share of each token's lifetime (the bundled client: 80%);
 * - `fixed-margin`: a fixed number of seconds before each token's expiry (golang.org/x/oauth2: 10 s); a token
 *   that lives no longer than the margin is replaced on every call;
 * - `at-expiry`: when the token expires, within a second either side (a whole-second clock);
 * - `fixed-age`: a fixed time after issue, whatever expires_in says (a client assuming a lifetime of its own);
 *   a token that expires sooner is presented expired;
 * - `every-call`: a new token for every call, at every lifetime tried;
 * - `never`: the token is presented past its expiry at every lifetime tried;
 * - `ambiguous`: more than one of the above fits the points;
 * - `irregular`: none fits;
 * - `refused`: the hub refused the calls at its bearer check, so nothing could be located.
 */
export type RefreshModelClass =
  | 'fraction'
  | 'fixed-margin'
  | 'at-expiry'
  | 'fixed-age'
  | 'every-call'
  | 'never'
  | 'ambiguous'
  | 'irregular'
  | 'refused';

/** A range of values that fits every point, and its middle (the value reported). */
export interface FittedRange {
  readonly lo: number;
  readonly hi: number;
  readonly value: number;
}

/** One model that fits the points, with its parameter. */
export type FittedModel =
  | { readonly class: 'fraction'; readonly fraction: FittedRange }
  | { readonly class: 'fixed-margin'; readonly marginMs: FittedRange }
  | { readonly class: 'at-expiry'; readonly marginMs: FittedRange }
  | { readonly class: 'fixed-age'; readonly ageMs: FittedRange };

/** Where the model puts the refresh at some lifetime. */
export type RefreshPrediction =
  | { readonly kind: 'point'; readonly atMs: number; readonly loMs: number; readonly hiMs: number }
  | { readonly kind: 'every-call' }
  | { readonly kind: 'never' }
  | { readonly kind: 'unknown'; readonly reason: string };

export interface RefreshModel {
  readonly class: RefreshModelClass;
  /** The fitting models: one for a named class, several when ambiguous, none otherwise. */
  readonly fits: readonly FittedModel[];
  /** The points the model was fitted from, by lifetime. */
  readonly points: readonly LocatedRefresh[];
  /** The model in words, e.g. "80.0% of the lifetime". */
  readonly description: string;
}

export interface FitOptions {
  /**
   * How far the kit's view of a point may be from the client's: the client counts from when its answer
   * arrived and decides a moment before its request reaches the mock. Each point is widened by this.
   */
  readonly jitterMs: number;
  /**
   * A refresh at most this long before expiry, or this long after it, counts as at expiry (clients keeping
   * whole seconds: authlib truncates down and renews up to 1 s early, ruby-oauth2 compares whole seconds and
   * renews up to 1 s late).
   */
  readonly atExpiryMs: number;
}

/**
 * The best single age for a refresh known to lie in `(loMs, hiMs]`: the upper end when the interval is a
 * millisecond or less (a bisection: the first millisecond the client refreshed at), else its middle.
 */
export const pointEstimate = (loMs: number, hiMs: number): number =>
  hiMs - loMs <= 1 ? hiMs : (loMs + hiMs) / 2;

const intersect = (ranges: readonly (readonly [number, number])[]): FittedRange | undefined => {
  if (ranges.length === 0) return undefined;
  const lo = Math.max(...ranges.map(([low]) => low));
  const hi = Math.min(...ranges.map(([, high]) => high));
  return lo <= hi ? { lo, hi, value: (lo + hi) / 2 } : undefined;
};

const seconds = (ms: number): string => `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s`;
const percent = (fraction: number): string => `${(fraction * 100).toFixed(1)}%`;

/** The fitted model in words. */
export function describeFit(fit: FittedModel): string {
  switch (fit.class) {
    case 'fraction':
      return `${percent(fit.fraction.value)} of the lifetime`;
    case 'fixed-margin':
      return `${seconds(Math.round(fit.marginMs.value))} before expiry`;
    case 'at-expiry':
      return 'at expiry (within a second of it)';
    case 'fixed-age':
      return `${seconds(Math.round(fit.ageMs.value))} after issue, whatever the lifetime`;
  }
}

/**
 * Fits the refresh points located at several lifetimes (each from a fresh client) to the models above.
 * Every point is an interval, widened by the jitter allowance; a model fits when one value of its parameter
 * lies in every point's interval and agrees with the lifetimes that showed every-call or never.
 */
export function fitRefreshModel(points: readonly LocatedRefresh[], options: FitOptions): RefreshModel {
  const sorted = [...points].sort((a, b) => a.lifetimeMs - b.lifetimeMs);
  const model = (
    modelClass: RefreshModelClass,
    fits: readonly FittedModel[],
    description: string,
  ): RefreshModel => ({ class: modelClass, fits, points: sorted, description });
  if (sorted.some((point) => point.kind === 'refused'))
    return model('refused', [], 'not measured: the hub refused the calls at its bearer check');
  const located = sorted.flatMap((point) => (point.kind === 'point' ? [point] : []));
  const everyCall = sorted.filter((point) => point.kind === 'every-call');
  const never = sorted.filter((point) => point.kind === 'never');
  const tried = sorted.map((point) => seconds(point.lifetimeMs)).join(', ');
  if (located.length === 0 && never.length === 0)
    return model('every-call', [], `a new token for every call (at ${tried})`);
  if (located.length === 0 && everyCall.length === 0)
    return model('never', [], `never before expiry (at ${tried})`);
  const j = options.jitterMs;
  const estimates = located.map((point) => pointEstimate(point.loMs, point.hiMs));
  const ages = located.map((point): [number, number] => [point.loMs - j, point.hiMs + j]);
  const margins = located.map((point): [number, number] => [
    point.lifetimeMs - point.hiMs - j,
    point.lifetimeMs - point.loMs + j,
  ]);
  /** The ranges' intersection, its value the mean of the points' own estimates (kept inside it). */
  const fitted = (
    ranges: readonly (readonly [number, number])[],
    values: readonly number[],
  ): FittedRange | undefined => {
    const range = intersect(ranges);
    if (range === undefined) return undefined;
    const mean = values.length === 0 ? range.value : values.reduce((a, b) => a + b, 0) / values.length;
    return {
      ...range,
      value: Math.min(range.hi, Math.max(range.lo, Number.isFinite(mean) ? mean : range.lo)),
    };
  };
  const fits: FittedModel[] = [];
  if (everyCall.length === 0 && never.length === 0) {
    // At expiry: every point within its token's last moments (each its own: a whole-second clock gives each
    // token a different margin), or just after it.
    const lastMoments = margins.map((range) => intersect([range, [-options.atExpiryMs, options.atExpiryMs]]));
    if (lastMoments.every((range) => range !== undefined)) {
      const margin = fitted(
        [
          [
            Math.min(...lastMoments.map((range) => range?.lo ?? 0)),
            Math.max(...lastMoments.map((range) => range?.hi ?? 0)),
          ],
        ],
        located.map((point, i) => point.lifetimeMs - (estimates[i] ?? 0)),
      );
      if (margin !== undefined) {
        const fit: FittedModel = { class: 'at-expiry', marginMs: margin };
        return model('at-expiry', [fit], describeFit(fit));
      }
    }
    const fraction = fitted(
      located.map((point, i): [number, number] => {
        const [lo, hi] = ages[i] as [number, number];
        return [lo / point.lifetimeMs, hi / point.lifetimeMs];
      }),
      located.map((point, i) => (estimates[i] ?? 0) / point.lifetimeMs),
    );
    if (fraction !== undefined) fits.push({ class: 'fraction', fraction });
  }
  if (never.length === 0 && located.length > 0) {
    // A token no longer than the margin is replaced on every call.
    const margin = fitted(
      [...margins, ...everyCall.map((point): [number, number] => [point.lifetimeMs - j, Infinity])],
      located.map((point, i) => point.lifetimeMs - (estimates[i] ?? 0)),
    );
    if (margin !== undefined) fits.push({ class: 'fixed-margin', marginMs: margin });
  }
  if (everyCall.length === 0 && located.length > 0 && (never.length > 0 || located.length > 1)) {
    // A token that expires before the age is kept past its expiry.
    const age = fitted(
      [...ages, ...never.map((point): [number, number] => [point.lifetimeMs - j, Infinity])],
      estimates,
    );
    if (age !== undefined) fits.push({ class: 'fixed-age', ageMs: age });
  }
  if (fits.length === 1) {
    const fit = fits[0] as FittedModel;
    return model(fit.class, fits, describeFit(fit));
  }
  if (fits.length > 1)
    return model(
      'ambiguous',
      fits,
      `${fits.map(describeFit).join(' or ')} (the lifetimes tried cannot tell them apart)`,
    );
  return model('irregular', [], `no single model fits the points at ${tried}`);
}

/** Where one fitted model puts the refresh of a token living `lifetimeMs`. */
export function predictWith(fit: FittedModel, lifetimeMs: number): RefreshPrediction {
  const point = (lo: number, hi: number, at: number): RefreshPrediction => ({
    kind: 'point',
    atMs: at,
    loMs: lo,
    hiMs: hi,
  });
  switch (fit.class) {
    case 'fraction':
      return point(
        fit.fraction.lo * lifetimeMs,
        fit.fraction.hi * lifetimeMs,
        fit.fraction.value * lifetimeMs,
      );
    case 'at-expiry':
    case 'fixed-margin':
      if (fit.marginMs.value >= lifetimeMs) return { kind: 'every-call' };
      return point(
        Math.max(0, lifetimeMs - fit.marginMs.hi),
        lifetimeMs - fit.marginMs.lo,
        lifetimeMs - fit.marginMs.value,
      );
    case 'fixed-age':
      return fit.ageMs.value > lifetimeMs
        ? { kind: 'never' }
        : point(fit.ageMs.lo, fit.ageMs.hi, fit.ageMs.value);
  }
}

/**
 * Where the model puts the refresh of a token living `lifetimeMs`: a measured point when the model was
 * fitted at that lifetime, else the fitted model's prediction.
 */
export function predictRefresh(model: RefreshModel, lifetimeMs: number): RefreshPrediction {
  const measured = model.points.find((point) => point.lifetimeMs === lifetimeMs);
  if (measured !== undefined) {
    if (measured.kind === 'point')
      return {
        kind: 'point',
        atMs: pointEstimate(measured.loMs, measured.hiMs),
        loMs: measured.loMs,
        hiMs: measured.hiMs,
      };
    if (measured.kind === 'every-call' || measured.kind === 'never') return { kind: measured.kind };
  }
  switch (model.class) {
    case 'every-call':
    case 'never':
      return { kind: model.class };
    case 'refused':
    case 'irregular':
      return { kind: 'unknown', reason: model.description };
    case 'ambiguous':
      return { kind: 'unknown', reason: `the model is ambiguous: ${model.description}` };
    default:
      return predictWith(model.fits[0] as FittedModel, lifetimeMs);
  }
}
