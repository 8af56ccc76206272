import type { RuleId } from '../rules/rule-catalogue.js';
import {
  bearerHeader,
  boundedRetry,
  honoursExpiresIn,
  invalidClient,
  noExpiredToken,
  proactiveRefresh,
  retryAfter401,
  singleFlight,
  tokenEndpointOutage,
  tokenRequest,
  tokenReuse,
} from '../scenarios/index.js';
import type { Scenario } from './scenario.js';

/** The scenario that judges each rule. */
export const SCENARIOS: Readonly<Record<RuleId, Scenario>> = Object.freeze({
  'token-request': tokenRequest,
  'bearer-header': bearerHeader,
  'token-reuse': tokenReuse,
  'no-expired-token': noExpiredToken,
  'proactive-refresh': proactiveRefresh,
  'retry-after-401': retryAfter401,
  'bounded-retry': boundedRetry,
  'invalid-client': invalidClient,
  'single-flight': singleFlight,
  'token-endpoint-outage': tokenEndpointOutage,
  'honours-expires-in': honoursExpiresIn,
});
