import { describePoint, reportLocated } from '../report/refresh-report.js';
import type { Evidence } from '../report/report-types.js';
import { condensedEvidence } from './condensed-evidence.js';
import { errored, ScenarioError, type Judgement, type JudgementBasis } from './judgement.js';
import type { Observation } from './observation.js';
import type { MeasuredLifetime, RefreshMeasurement } from './refresh-measurement.js';
import { predictRefresh, type RefreshModel } from './refresh-model.js';

/** Bearer checks that mean the token itself was read: anything else is a bearer-header finding. */
const READ_CHECKS = new Set(['valid', 'expired', 'revoked']);

/** The first bearer check refusal among the scenario's hub calls (missing, malformed, ...), or undefined. */
export function bearerRefusal(seen: Observation): string | undefined {
  return (
    seen.apiCalls.find((apiCall) => apiCall.tokenCheck !== null && !READ_CHECKS.has(apiCall.tokenCheck))
      ?.tokenCheck ?? undefined
  );
}

/** The lifetimes the model was measured at, in words: "14 s and 28 s". */
export function lifetimesTried(measurement: RefreshMeasurement): string {
  const list = measurement.lifetimes.map((lifetime) => `${lifetime.lifetimeS} s`);
  return list.length <= 1 ? list.join('') : `${list.slice(0, -1).join(', ')} and ${list.at(-1) ?? ''}`;
}

/** The measurement at `lifetimeS`; the longest one when there is none at it. */
export function measuredAt(
  measurement: RefreshMeasurement,
  lifetimeS?: number,
): MeasuredLifetime | undefined {
  return (
    measurement.lifetimes.find((lifetime) => lifetime.lifetimeS === lifetimeS) ?? measurement.lifetimes.at(-1)
  );
}

/** Judging from a measured lifetime's traffic: its timeline, log and checks become the rule's. */
export function basisOf(lifetime: MeasuredLifetime): JudgementBasis {
  return { context: lifetime.context, lifetimeS: lifetime.lifetimeS, endMs: lifetime.endMs };
}

/** Why a timing rule cannot be judged at a lifetime, and which rule's finding that is. */
export interface UnmetPrecondition {
  readonly summary: string;
  /** The rule that judges the behaviour in the way; undefined when it is only this lifetime's limit. */
  readonly caughtBy?: string;
}

/**
 * Whether a rule about how a client uses its token near expiry can be judged at `lifetimeS`, from the refresh
 * model: not when the hub refused the client's calls (bearer-header), the client fetches a token for every
 * call (token-reuse; or only at this lifetime, when its margin is longer), it never refreshes before expiry
 * (proactive-refresh), or it keeps a lifetime of its own that is longer (honours-expires-in).
 */
export function timingPrecondition(
  measurement: RefreshMeasurement,
  lifetimeS: number,
): UnmetPrecondition | undefined {
  const model = measurement.model;
  if (model === undefined) return undefined;
  const tried = lifetimesTried(measurement);
  switch (model.class) {
    case 'refused':
      return {
        summary:
          "The hub refused the client's calls at its bearer check, so how it uses its token cannot be seen.",
        caughtBy: 'bearer-header',
      };
    case 'every-call':
      return {
        summary: `The client fetched a new token for every call at every lifetime tried (${tried}): it never holds one long enough for this rule to apply.`,
        caughtBy: 'token-reuse',
      };
    case 'never':
      return {
        summary: `The client never replaced a token before it expired, at any lifetime tried (${tried}).`,
        caughtBy: 'proactive-refresh',
      };
    default:
      break;
  }
  const prediction = predictRefresh(model, lifetimeS * 1000);
  if (prediction.kind === 'every-call')
    return {
      summary: `At ${lifetimeS} s the client fetches a token for every call (its refresh model: ${model.description}), so this rule cannot be exercised at this lifetime; a longer one (the certification profile) can.`,
    };
  if (prediction.kind === 'never')
    return {
      summary: `At ${lifetimeS} s the client keeps its token past expiry: its refresh model is ${model.description}.`,
      caughtBy: 'honours-expires-in',
    };
  return undefined;
}

/** The judgement for an unmet precondition: SKIP, keeping what was observed as evidence. */
export function unmet(precondition: UnmetPrecondition, judgement: Judgement): Judgement {
  return {
    verdict: 'SKIP',
    summary:
      precondition.caughtBy === undefined
        ? precondition.summary
        : `${precondition.summary} (${precondition.caughtBy} judges that.)`,
    evidence: judgement.evidence,
    ...(precondition.caughtBy === undefined ? {} : { caughtBy: precondition.caughtBy }),
    ...(judgement.basis === undefined ? {} : { basis: judgement.basis }),
  };
}

/** What a rule judged from the refresh model works with: the model, and the traffic of one measured lifetime. */
export interface ModelView {
  readonly model: RefreshModel;
  readonly measured: MeasuredLifetime;
  readonly basis: JudgementBasis;
  readonly evidence: Evidence[];
  /** The lifetimes tried, in words. */
  readonly tried: string;
  /** Every located point, in words. */
  readonly points: string;
}

/**
 * The refresh model and the traffic at `lifetimeS` (the longest lifetime when omitted), or the ERROR
 * judgement when the model could not be measured.
 */
export function modelView(measurement: RefreshMeasurement, lifetimeS?: number): ModelView | Judgement {
  const measured = measuredAt(measurement, lifetimeS);
  if (measured === undefined) throw new ScenarioError('the refresh model measured no lifetime');
  const basis = basisOf(measured);
  const evidence = condensedEvidence(measured.context.observe());
  if (measurement.model === undefined)
    return errored(
      `The rule could not be judged: the refresh could not be located: ${measurement.error ?? 'unknown'}.`,
      evidence,
      basis,
    );
  const points = measurement.lifetimes
    .flatMap((lifetime) => (lifetime.located === undefined ? [] : [reportLocated(lifetime.located)]))
    .map(describePoint)
    .join('; ');
  return { model: measurement.model, measured, basis, evidence, tried: lifetimesTried(measurement), points };
}
