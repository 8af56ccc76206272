export { createMockServer, type CreateMockServerOptions, type MockServer } from './create-mock-server.js';
export { createApp } from './app.js';
export { createMockContext, type MockContext } from './mock-context.js';
export {
  createClock,
  systemNow,
  type Clock,
  type ClockMode,
  type ClockState,
  type ClockOptions,
} from './clock.js';
export {
  ClientExistsError,
  type ClientCredentials,
  type ClockChange,
  type ClockStateBody,
  type ControlOperations,
  type CreateClientInput,
  type RecordingList,
} from './control/control-operations.js';
export { toHar, type Har, type HarEntry } from './recorder/har.js';
export {
  createTokenVerifier,
  type TokenCheck,
  type TokenVerdict,
  type TokenVerifier,
} from './tokens/token-verifier.js';
export {
  Recorder,
  DEFAULT_RECORDER_CAPACITY,
  type Recording,
  type RecorderQuery,
} from './recorder/recorder.js';
export type { Fault, FaultRequest } from './faults/fault-queue.js';
export {
  DEFAULTS,
  DEMO_CLIENT,
  TOKEN_PATH,
  HUB_BASE_PATH,
  type ClientConfig,
  type MockServerOptions,
} from './options.js';
export { ConfigError } from '../shared/config-error.js';
export { loadConfigFile } from './config/config-file.js';
export {
  generateSigningKey,
  loadSigningKey,
  loadTestOnlySigningKey,
  type SigningKey,
} from './keys/signing-key.js';
// The webhook sender's parts, for the kit's receiver certification (DESIGN.md §7-9).
export {
  WebhookSender,
  type WebhookAttemptRecord,
  type WebhookSenderOptions,
  type SentEvent,
} from './webhooks/webhook-sender.js';
export {
  attemptDelivery,
  DEFAULT_ATTEMPT_TIMEOUT_MS,
  type AttemptOptions,
  type AttemptResult,
  type DeliveryError,
  type WebhookPost,
} from './webhooks/webhook-attempt.js';
export { RETRY_SCHEDULE_MS } from './webhooks/delivery-schedule.js';
export { signWebhookBody, SIGNATURE_HEADER } from './webhooks/webhook-signature.js';
export {
  buildWebhookEvent,
  eventTimestampOf,
  type WebhookEnvelope,
  type WebhookEvent,
} from './webhooks/webhook-event.js';
export { createEventIdSource, type EventIdSource } from './webhooks/event-id.js';
export { requestDataFixture, type RequestData } from './webhooks/request-data-fixture.js';
export { newServiceRequestId } from './webhooks/service-request-id.js';
export { ACTION_DEFAULTS, type RequestStatus, type WebhookAction } from './webhooks/webhook-actions.js';
export { loadTestOnlyWebhookKey, type WebhookKey } from './webhooks/webhook-key.js';
export { createClockTimers, type ClockTimers, type CancelTimer } from './clock-timers.js';
