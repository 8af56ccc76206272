import { acceptRequest, declineRequest } from './accept-decline.js';
import { bestTime } from './best-time.js';
import { changeRequest } from './change-request.js';
import type { HubEndpoint } from './hub-endpoint.js';
import { locations } from './locations.js';
import { stateUpdate } from './state-update.js';

/** The six documented hub v2 endpoints, by their path segment. */
export const HUB_ENDPOINTS: ReadonlyMap<string, HubEndpoint> = new Map(
  [stateUpdate, locations, acceptRequest, declineRequest, bestTime, changeRequest].map((endpoint) => [
    endpoint.segment,
    endpoint,
  ]),
);

const REQUEST_PATH = /^\/requests\/([^/]+)\/([a-z-]+)\/$/;

/** The request id a hub path (relative to the hub base) names, decoded; undefined if it names none. */
export function requestIdOf(relativePath: string): string | undefined {
  const raw = REQUEST_PATH.exec(relativePath)?.[1];
  if (raw === undefined) return undefined;
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

/** The endpoint a path (relative to the hub base) names; undefined for unknown paths or a missing slash. */
export function matchHubEndpoint(relativePath: string): HubEndpoint | undefined {
  const match = REQUEST_PATH.exec(relativePath);
  return match === null ? undefined : HUB_ENDPOINTS.get(match[2] ?? '');
}
