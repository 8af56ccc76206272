import type { components } from '../generated/openapi.js';

type Schemas = components['schemas'];

/** One of VectorCare's trip states, `en_route` through `dry_run`. */
export type StateName = Schemas['StateName'];
/** The body of `updateState()` and its 201 answer: `{name, timestamp}` with an ISO 8601 UTC timestamp. */
export type StateUpdate = Schemas['StateUpdate'];
/** One position for `sendLocations()`; `timestamp` is Unix epoch seconds. */
export type Location = Schemas['Location'];
/** The optional body of `accept()` and `decline()`, and the 201 answer of `accept()`. */
export type ResponseNotes = Schemas['ResponseNotes'];
/** The body of `proposeBestTime()`. */
export type BestTime = Schemas['BestTime'];
/** The body of `requestChange()`. */
export type ChangeRequest = Schemas['ChangeRequest'];
/** The `{}` several endpoints answer with. */
export type EmptyObject = Schemas['EmptyObject'];
/** VectorCare's non-field error body `{message, code}`. */
export type HubErrorBody = Schemas['HubError'];
/** VectorCare's field error body, e.g. `{"name": [{"message": "...", "code": "common:choice_invalid"}]}`. */
export type FieldErrorsBody = Schemas['FieldErrors'];
