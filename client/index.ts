export { createVectorCareClient, type VectorCareClient } from './vectorcare-client.js';
export {
  DEFAULT_CLIENT_OPTIONS,
  type ClientClock,
  type FetchFunction,
  type VectorCareClientOptions,
} from './client-options.js';
export {
  VectorCareError,
  VectorCareAuthError,
  VectorCareApiError,
  type VectorCareAuthErrorInit,
  type VectorCareApiErrorInit,
} from './errors.js';
export type { HubOperations } from './hub-operations.js';
export type {
  StateName,
  StateUpdate,
  Location,
  ResponseNotes,
  BestTime,
  ChangeRequest,
  EmptyObject,
  HubErrorBody,
  FieldErrorsBody,
} from './hub-types.js';
export { verifyVectorCareSignature, VECTORCARE_SIGNATURE_HEADER, type RawBody } from './webhook-signature.js';
export {
  createWebhookReceiver,
  createMemoryReceiverStore,
  type AppliedMark,
  type NodeRequestLike,
  type NodeResponseLike,
  type ReceiveOutcome,
  type ReceiveResult,
  type WebhookReceiver,
  type WebhookReceiverOptions,
  type WebhookReceiverStore,
} from './webhook-receiver.js';
export type {
  VectorCareWebhookEvent,
  WebhookAction,
  RequestStatus,
  WebhookRequestData,
  WebhookLocation,
} from './webhook-types.js';
