import type { Observation } from '../steps/observation.js';
import { REFRESH_MARK } from '../../shared/timeline/timeline-types.js';
import type { Timeline, TimelineAction } from './report-types.js';

/** The report's timeline of one scenario: its token requests, API calls and the kit's actions, ms from t0. */
export function buildTimeline(
  seen: Observation,
  actions: readonly TimelineAction[],
  lifetimeS: number,
  endMs: number,
): Timeline {
  return {
    lifetime_s: lifetimeS,
    refresh_mark: REFRESH_MARK,
    end_ms: Math.max(0, endMs - seen.t0),
    tokens: seen.tokens.map((token) => ({
      at_ms: token.atMs - seen.t0,
      status: token.status,
      jti: token.jti,
      expires_at_ms: token.expiresAtMs === null ? null : token.expiresAtMs - seen.t0,
      expires_in: token.expiresIn,
      auth_method: token.authMethod,
      error: token.error,
    })),
    calls: seen.apiCalls.map((apiCall) => ({
      at_ms: apiCall.atMs - seen.t0,
      method: apiCall.method,
      path: apiCall.path,
      status: apiCall.status,
      jti: apiCall.jti,
      token_check: apiCall.tokenCheck,
    })),
    actions: [...actions],
  };
}
