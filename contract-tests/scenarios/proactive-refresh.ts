import type { RefreshPoint } from '../report/report-types.js';
import { describePoint, reportPrediction, vectorcarePoint } from '../report/refresh-report.js';
import { errored, failed, passed, skipped, type Judgement } from '../steps/judgement.js';
import { modelView } from '../steps/refresh-findings.js';
import { predictWith } from '../steps/refresh-model.js';
import type { LocatedRefresh } from '../steps/refresh-locator.js';
import { defineScenario } from '../runner/scenario.js';
import { VECTORCARE_LIFETIME_S } from '../runner/certification-profile.js';

/** The window a refresh at VectorCare's lifetime must fall in, as shares of it. */
export const REFRESH_WINDOW = Object.freeze({ from: 0.7, to: 0.9 });

/** Where in the window a refresh point falls: early, late, or in it. */
function placeInWindow(point: RefreshPoint, allowanceMs: number): 'early' | 'late' | 'in' | 'none' {
  if (point.kind === 'never') return 'late';
  if (point.kind !== 'point' || point.at_ms === undefined) return 'none';
  const lifetimeMs = point.lifetime_s * 1000;
  if (point.at_ms < REFRESH_WINDOW.from * lifetimeMs - allowanceMs) return 'early';
  if (point.at_ms > REFRESH_WINDOW.to * lifetimeMs) return 'late';
  return 'in';
}

/**
 * The report's refresh_point_percent: when the client asked for the token that replaced another in the
 * lifetime shown, as a % of the replaced token's lifetime (the located point's upper end).
 */
function requestedAtPercent(located: LocatedRefresh | undefined): number | undefined {
  if (located?.kind !== 'point') return undefined;
  return Math.round((located.hiMs / located.lifetimeMs) * 1000) / 10;
}

/**
 * proactive-refresh: at VectorCare's 3600 s the client replaces its token between 70% and 90% of the lifetime,
 * by the refresh model (measured at 3600 s in virtual time, predicted from shorter lifetimes out of process).
 */
export const proactiveRefresh = defineScenario({
  id: 'proactive-refresh',
  level: 'required',
  statement:
    "At VectorCare's 3600 s token lifetime the client replaces its token proactively: after 70% of the lifetime and by 90% (the first call after ~80% carries a new token).",
  judged:
    'The refresh is located at two or more lifetimes (a fresh client each; probes through the token life out of process, a bisection to the millisecond in virtual time) and fitted to a refresh model (fraction of the lifetime, fixed margin, at expiry, fixed age, every call, never). The model gives the refresh point at 3600 s (measured there in virtual time), which must lie between 70% (less the rounding allowance) and 90%. A client that fetches a token for every call has no refresh point: token-reuse judges it.',
  usesRefreshModel: true,
  async run(s) {
    const measurement = await s.refreshModel();
    const view = modelView(measurement);
    if (!('model' in view)) return view;
    const { model, basis, evidence, tried, measured: longest } = view;
    const measuredPoints = view.points;
    const from = `Refresh model: ${model.description}, from ${measuredPoints}.`;
    if (model.class === 'refused')
      return skipped(
        "The hub refused the client's calls at its bearer check, so no refresh could be located.",
        {
          caughtBy: 'bearer-header',
          evidence,
          basis,
        },
      );
    if (model.class === 'every-call')
      return skipped(
        `The client fetched a new token for every call at every lifetime tried (${tried}): it has no refresh point.`,
        { caughtBy: 'token-reuse', evidence, basis },
      );
    if (model.class === 'irregular')
      return errored(
        `The rule could not be judged: the refresh points fit no single model (${measuredPoints}).`,
        evidence,
        basis,
      );
    const percent = requestedAtPercent(longest.located);
    const extra = { basis, ...(percent === undefined ? {} : { refreshPointPercent: percent }) };
    const allowanceMs = s.profile.roundingAllowanceMs;
    const judge = (point: RefreshPoint): Judgement => {
      const at = `At ${VECTORCARE_LIFETIME_S} s (${point.source})`;
      const withPoints = { ...extra, refreshPoints: [point] };
      switch (placeInWindow(point, allowanceMs)) {
        case 'in':
          return passed(
            `${at} the client refreshes at ${describePoint(point)}. ${from}`,
            evidence,
            withPoints,
          );
        case 'early':
          return failed(
            `${at} the client refreshes at ${describePoint(point)}: before ${REFRESH_WINDOW.from * 100}% of the lifetime. ${from}`,
            evidence,
            withPoints,
          );
        case 'late':
          return failed(
            point.kind === 'never'
              ? `${at} the client would not refresh before expiry. ${from}`
              : `${at} the client refreshes at ${describePoint(point)}: after ${REFRESH_WINDOW.to * 100}% of the lifetime. ${from}`,
            evidence,
            withPoints,
          );
        case 'none':
          return skipped(
            `${at} the client would fetch a token for every call (${model.description}): it has no refresh point there.`,
            { caughtBy: 'token-reuse', evidence, basis },
          );
      }
    };
    if (model.class === 'never')
      return failed(
        `The client never replaced a token before it expired, at any lifetime tried (${tried}).`,
        evidence,
        { basis, refreshPoints: [{ lifetime_s: VECTORCARE_LIFETIME_S, kind: 'never', source: 'predicted' }] },
      );
    if (model.class === 'ambiguous') {
      const verdicts = model.fits.map((fit) => {
        const point = reportPrediction(VECTORCARE_LIFETIME_S, predictWith(fit, VECTORCARE_LIFETIME_S * 1000));
        return point === undefined ? undefined : judge(point);
      });
      const first = verdicts[0];
      if (first !== undefined && verdicts.every((verdict) => verdict?.verdict === first.verdict))
        return first;
      return errored(
        `The rule could not be judged: the refresh points fit more than one model, which disagree at ${VECTORCARE_LIFETIME_S} s (${model.description}).`,
        evidence,
        basis,
      );
    }
    const point = vectorcarePoint(measurement);
    if (point === undefined)
      return errored(
        `The rule could not be judged: the refresh model gives no point at ${VECTORCARE_LIFETIME_S} s.`,
        evidence,
        basis,
      );
    return judge(point);
  },
});
