import { AdapterError } from '../adapters/adapter-error.js';
import { scanSpacingMs, type RefreshTiming } from '../runner/certification-profile.js';
import { generalProblem } from './general-checks.js';
import { ScenarioError } from './judgement.js';
import { locateRefresh, type LocatedRefresh } from './refresh-locator.js';
import { fitRefreshModel, type RefreshModel } from './refresh-model.js';
import { ScenarioContext, type ScenarioContextOptions } from './scenario-context.js';

/** The refresh located at one lifetime, with the traffic it was located from. */
export interface MeasuredLifetime {
  readonly lifetimeS: number;
  /** The scenario context the locator ran in: its client, calls, actions and log. */
  readonly context: ScenarioContext;
  /** When its last probe was answered, by the mock's clock. */
  readonly endMs: number;
  /** What the locator found; undefined when it could not (see `error`). */
  readonly located?: LocatedRefresh;
  /** Why the refresh could not be located: the adapter failed, or the traffic needed was not there. */
  readonly error?: string;
}

/** The run's refresh model: located at each of its lifetimes, then fitted. */
export interface RefreshMeasurement {
  readonly timing: RefreshTiming;
  readonly lifetimes: readonly MeasuredLifetime[];
  /** The fitted model; undefined when any lifetime could not be measured. */
  readonly model?: RefreshModel;
  /** Why there is no model: the first lifetime's error. */
  readonly error?: string;
}

export type MeasureOptions = Omit<ScenarioContextOptions, 'rule' | 'lifetimeS' | 'refreshModel'> & {
  readonly timing: RefreshTiming;
};

/** Locates the refresh at one lifetime, with a fresh client and adapter. */
export async function measureLifetime(options: MeasureOptions, lifetimeS: number): Promise<MeasuredLifetime> {
  const { timing } = options;
  const s = new ScenarioContext({ ...options, rule: `refresh-model-${lifetimeS}s`, lifetimeS });
  let located: LocatedRefresh | undefined;
  let error: string | undefined;
  try {
    await s.start();
    s.note('note', `locating the refresh of a token living ${lifetimeS} s`);
    await s.call();
    located = await locateRefresh(s, {
      method: s.mode === 'virtual' ? 'bisect' : 'scan',
      spacingMs: scanSpacingMs(timing, lifetimeS * 1000),
      resolutionMs: timing.resolutionMs,
      afterExpiryMs: timing.afterExpiryMs,
      guardMs: timing.jitterMs,
    });
  } catch (caught) {
    if (caught instanceof AdapterError) error = `the adapter failed: ${caught.message}`;
    else if (caught instanceof ScenarioError) error = caught.message;
    else error = `the kit failed: ${caught instanceof Error ? caught.message : String(caught)}`;
  } finally {
    await s.close();
  }
  const endMs = s.now();
  const problem = generalProblem(s.observe());
  if (error === undefined && problem !== undefined) error = problem.replace(/\.$/, '');
  return {
    lifetimeS,
    context: s,
    endMs,
    ...(error === undefined && located !== undefined
      ? { located }
      : { error: error ?? 'nothing was located' }),
  };
}

/**
 * Measures the refresh model: locates the refresh at every lifetime of the timing (side by side in real
 * time, one after another in virtual time, where they share the clock) and fits the points.
 */
export async function measureRefreshModel(options: MeasureOptions): Promise<RefreshMeasurement> {
  const lifetimesS = options.timing.modelLifetimesS;
  let lifetimes: MeasuredLifetime[];
  if (options.driver.mode === 'real')
    lifetimes = await Promise.all(lifetimesS.map((lifetimeS) => measureLifetime(options, lifetimeS)));
  else {
    lifetimes = [];
    for (const lifetimeS of lifetimesS) lifetimes.push(await measureLifetime(options, lifetimeS));
  }
  const failed = lifetimes.find((lifetime) => lifetime.error !== undefined);
  if (failed !== undefined)
    return {
      timing: options.timing,
      lifetimes,
      error: `at the ${failed.lifetimeS} s lifetime, ${failed.error ?? 'nothing was located'}`,
    };
  const points = lifetimes.flatMap((lifetime) => (lifetime.located === undefined ? [] : [lifetime.located]));
  return {
    timing: options.timing,
    lifetimes,
    model: fitRefreshModel(points, {
      jitterMs: options.timing.jitterMs,
      atExpiryMs: options.timing.atExpiryMs,
    }),
  };
}
