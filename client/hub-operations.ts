import type {
  BestTime,
  ChangeRequest,
  EmptyObject,
  Location,
  ResponseNotes,
  StateUpdate,
} from './hub-types.js';

/** The six hub v2 endpoints, typed from openapi.yaml. Each resolves with the parsed body of a 2xx answer. */
export interface HubOperations {
  /** `POST /requests/{request_id}/state/`: 201, the body echoed. */
  updateState(requestId: string, update: StateUpdate): Promise<StateUpdate>;
  /** `POST /requests/{request_id}/locations/`: at most 200 positions; 200 `{}`. */
  sendLocations(requestId: string, locations: readonly Location[]): Promise<EmptyObject>;
  /** `PUT /requests/{request_id}/accept/`: 201, the notes echoed. */
  accept(requestId: string, notes?: ResponseNotes): Promise<ResponseNotes>;
  /** `PUT /requests/{request_id}/decline/`: 201 `{}`. */
  decline(requestId: string, notes?: ResponseNotes): Promise<EmptyObject>;
  /** `PUT /requests/{request_id}/best-time/`: 201 `{}`. */
  proposeBestTime(requestId: string, proposal: BestTime): Promise<EmptyObject>;
  /** `POST /requests/{request_id}/change-request/`: 200 `{}`. */
  requestChange(requestId: string, change: ChangeRequest): Promise<EmptyObject>;
}

/** Sends a JSON body to a hub path and reads the answer; rejects with a `VectorCareApiError` on an error status. */
export type JsonCall = (method: 'POST' | 'PUT', path: string, body: unknown) => Promise<unknown>;

function requestPath(requestId: string, action: string): string {
  if (typeof requestId !== 'string' || requestId === '')
    throw new TypeError('requestId must be a non-empty string');
  return `/requests/${encodeURIComponent(requestId)}/${action}/`;
}

/** The typed endpoints on top of one JSON call. Trailing slashes are part of VectorCare's paths. */
export function createHubOperations(call: JsonCall): HubOperations {
  return {
    updateState: async (requestId, update) =>
      (await call('POST', requestPath(requestId, 'state'), update)) as StateUpdate,
    sendLocations: async (requestId, locations) =>
      (await call('POST', requestPath(requestId, 'locations'), locations)) as EmptyObject,
    accept: async (requestId, notes = {}) =>
      (await call('PUT', requestPath(requestId, 'accept'), notes)) as ResponseNotes,
    decline: async (requestId, notes = {}) =>
      (await call('PUT', requestPath(requestId, 'decline'), notes)) as EmptyObject,
    proposeBestTime: async (requestId, proposal) =>
      (await call('PUT', requestPath(requestId, 'best-time'), proposal)) as EmptyObject,
    requestChange: async (requestId, change) =>
      (await call('POST', requestPath(requestId, 'change-request'), change)) as EmptyObject,
  };
}
