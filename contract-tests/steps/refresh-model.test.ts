import { describe, expect, it } from 'vitest';
import type { LocatedRefresh } from './refresh-locator.js';
import { fitRefreshModel, predictRefresh, type RefreshModel } from './refresh-model.js';

const S = 1000;
/** A refresh located between `loS` and `hiS` seconds into a token living `lifetimeS`. */
const at = (lifetimeS: number, loS: number, hiS: number = loS): LocatedRefresh => ({
  kind: 'point',
  lifetimeMs: lifetimeS * S,
  loMs: loS * S,
  hiMs: hiS * S,
  trigger: 'call',
  probes: 10,
  token: 'T1',
  next: 'T2',
});
const everyCall = (lifetimeS: number): LocatedRefresh => ({
  kind: 'every-call',
  lifetimeMs: lifetimeS * S,
  probes: 1,
  token: 'T1',
});
const never = (lifetimeS: number): LocatedRefresh => ({
  kind: 'never',
  lifetimeMs: lifetimeS * S,
  presentedAtMs: (lifetimeS + 1) * S,
  probes: 10,
  token: 'T1',
});

// Out of process: the kit's view of a point may be 250 ms from the client's.
const REAL = { jitterMs: 250, atExpiryMs: 1000 };
const VIRTUAL = { jitterMs: 1, atExpiryMs: 1000 };

const predictedPercent = (model: RefreshModel, lifetimeS: number): number | string => {
  const prediction = predictRefresh(model, lifetimeS * S);
  return prediction.kind === 'point'
    ? Math.round((prediction.atMs / (lifetimeS * S)) * 1000) / 10
    : prediction.kind;
};

describe('fitting the refresh model', () => {
  it('names a fraction of the lifetime, and predicts 3600 s from it', () => {
    // The bundled client out of process: 80% of each lifetime, located within a probe's spacing.
    const model = fitRefreshModel([at(14, 11.2, 11.27), at(28, 22.4, 22.54)], REAL);
    expect(model.class).toBe('fraction');
    expect(model.description).toBe('80.3% of the lifetime');
    expect(predictedPercent(model, 3600)).toBe(80.3);
  });

  it('names a fixed margin, seen at one lifetime and every call at a shorter one', () => {
    // A client treating tokens as expired 300 s early: every call at 300 s, 50% of 600 s.
    const model = fitRefreshModel([everyCall(300), at(600, 299.999, 300)], VIRTUAL);
    expect(model.class).toBe('fixed-margin');
    expect(model.description).toBe('300 s before expiry');
    expect(predictedPercent(model, 3600)).toBe(91.7);
    expect(predictRefresh(model, 200 * S).kind).toBe('every-call');
  });

  it('tells a fixed margin from a fraction that matches it at one lifetime', () => {
    // 60 s before expiry is 80% of 300 s, but 90% of 600 s: not a fraction.
    const model = fitRefreshModel([at(300, 239.999, 240), at(600, 539.999, 540)], VIRTUAL);
    expect(model.class).toBe('fixed-margin');
    expect(predictedPercent(model, 3600)).toBe(98.3);
    // golang.org/x/oauth2 at the quick profile's lifetimes: 10 s before expiry.
    expect(fitRefreshModel([at(14, 3.96, 4.03), at(28, 17.95, 18.03)], REAL).description).toBe(
      '10.0 s before expiry',
    );
  });

  it('calls a refresh at expiry, each token within its last second (a whole-second clock), at expiry', () => {
    // authlib: expires_at in whole seconds, so each token is replaced 0 to 1 s early, a different amount.
    const model = fitRefreshModel([at(14, 13.93, 14.0), at(28, 27.05, 27.12)], REAL);
    expect(model.class).toBe('at-expiry');
    expect(predictedPercent(model, 3600)).toBe(100);
    // @badgateway/oauth2-client: just after expiry, located between the last probe and one 1 s past it.
    expect(fitRefreshModel([at(14, 13.93, 15.0), at(28, 27.86, 29.0)], REAL).class).toBe('at-expiry');
    // ruby-oauth2: whole seconds compared after its own count, renewed up to 1 s after expiry.
    expect(fitRefreshModel([at(14, 14.8, 14.87), at(28, 28.6, 28.74)], REAL).class).toBe('at-expiry');
    // Two seconds early is a margin, not expiry.
    expect(fitRefreshModel([at(14, 11.9, 11.97), at(28, 25.9, 25.97)], REAL).class).toBe('fixed-margin');
  });

  it('names a fixed age for a client that keeps a lifetime of its own', () => {
    // assumes-3600: 2880 s after issue whatever expires_in; kept past expiry at shorter lifetimes.
    const model = fitRefreshModel([never(14), never(28), at(3600, 2879.999, 2880)], VIRTUAL);
    expect(model.class).toBe('fixed-age');
    expect(model.description).toBe('2880 s after issue, whatever the lifetime');
    expect(predictRefresh(model, 300 * S).kind).toBe('never');
  });

  it('says every call and never only when every lifetime shows it', () => {
    expect(fitRefreshModel([everyCall(14), everyCall(28)], REAL).class).toBe('every-call');
    expect(fitRefreshModel([never(14), never(28)], REAL).class).toBe('never');
    expect(fitRefreshModel([everyCall(14), never(28)], REAL).class).toBe('irregular');
  });

  it('calls points that fit no model irregular, and ones that fit two ambiguous', () => {
    expect(fitRefreshModel([at(14, 5), at(28, 25)], VIRTUAL).class).toBe('irregular');
    // Wide brackets near expiry fit both a fraction and a margin, neither at expiry.
    const wide = fitRefreshModel([at(14, 11, 13), at(28, 24, 26.5)], REAL);
    expect(wide.class).toBe('ambiguous');
    expect(wide.fits.map((fit) => fit.class)).toEqual(['fraction', 'fixed-margin']);
    expect(predictRefresh(wide, 3600 * S).kind).toBe('unknown');
  });

  it('refuses to fit when the hub refused the calls', () => {
    const refused: LocatedRefresh = { kind: 'refused', lifetimeMs: 14 * S, check: 'missing', probes: 1 };
    expect(fitRefreshModel([refused, at(28, 20)], REAL).class).toBe('refused');
  });

  it('predicts a measured lifetime from its own point, not the model', () => {
    const model = fitRefreshModel(
      [at(300, 239.999, 240), at(600, 539.999, 540), at(3600, 3539.999, 3540)],
      VIRTUAL,
    );
    expect(predictRefresh(model, 3600 * S)).toEqual({
      kind: 'point',
      atMs: 3_540_000,
      loMs: 3_539_999,
      hiMs: 3_540_000,
    });
  });
});
