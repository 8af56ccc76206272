export { createMockServer, type CreateMockServerOptions, type MockServer } from './create-mock-server.js';
export { createApp } from './hono/app.js';
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
export { toHar, type Har, type HarEntry } from './control/har.js';
export { toRecording, toRecordings, type Recording } from './control/recording-json.js';
export {
  createTokenVerifier,
  type TokenCheck,
  type TokenVerdict,
  type TokenVerifier,
} from './tokens/token-verifier.js';
export {
  Recorder,
  DEFAULT_RECORDER_CAPACITY,
  type DeliveryQuery,
  type RecorderListener,
  type RecorderQuery,
} from './recorder/recorder.js';
export type {
  AuthMethod,
  ControlExchangeEvent,
  ExchangeEvent,
  HubExchangeEvent,
  RecordedEvent,
  RecordedEventKind,
  TokenExchangeEvent,
  WebhookDeliveryEvent,
} from './recorder/recorded-event.js';
export type { Fault, FaultKind, FaultRequest } from './faults/fault-queue.js';
export {
  DEFAULTS,
  DEMO_CLIENT,
  TOKEN_PATH,
  HUB_BASE_PATH,
  type ClientConfig,
  type MockServerOptions,
  type WebhookSubscriptionConfig,
} from './options.js';
export { ConfigError } from '../shared/config-error.js';
export { loadConfigFile } from './config/config-file.js';
export {
  generateSigningKey,
  loadSigningKey,
  loadTestOnlySigningKey,
  type RsaPublicJwk,
  type SigningKey,
} from './keys/signing-key.js';

// Webhooks: the sender as a whole, and its parts for tools that certify receivers (the kit).
export { createClockTimers, type CancelTimer, type ClockTimers } from './clock-timers.js';
export {
  createWebhookOperations,
  type WebhookDeliveryList,
  type WebhookOperations,
} from './control/webhook-operations.js';
export { WEBHOOK_PUBLIC_KEY_PATH } from './hono/well-known-routes.js';
export {
  WebhookSender,
  DEFAULT_EVENT_CAPACITY,
  DEFAULT_MAX_CONCURRENT_ATTEMPTS,
  type SenderShutdown,
  type SentEvent,
  type WebhookAttemptRecord,
  type WebhookSenderOptions,
} from './webhooks/webhook-sender.js';
export {
  attemptDelivery,
  classifyDeliveryError,
  DeliveryAgents,
  DEFAULT_ATTEMPT_TIMEOUT_MS,
  DEFAULT_MAX_ANSWER_BYTES,
  type AttemptOptions,
  type AttemptResult,
  type DeliveryError,
  type WebhookPost,
} from './webhooks/webhook-attempt.js';
export { RETRY_SCHEDULE_MS, nextAttemptAt } from './webhooks/delivery-schedule.js';
export { signWebhookBody, SIGNATURE_HEADER } from './webhooks/webhook-signature.js';
export {
  loadWebhookKey,
  loadTestOnlyWebhookKey,
  TEST_ONLY_WEBHOOK_KEY_FILE,
  type WebhookKey,
} from './webhooks/webhook-key.js';
export {
  buildWebhookEvent,
  eventTimestampOf,
  type WebhookEnvelope,
  type WebhookEvent,
  type WebhookEventFields,
} from './webhooks/webhook-event.js';
export { createEventIdSource, type EventIdOptions, type EventIdSource } from './webhooks/event-id.js';
export { requestDataFixture, type RequestData } from './webhooks/request-data-fixture.js';
export { newServiceRequestId } from './webhooks/service-request-id.js';
export {
  ACTION_DEFAULTS,
  REQUEST_STATUSES,
  WEBHOOK_ACTIONS,
  type ActionDefault,
  type RequestStatus,
  type WebhookAction,
} from './webhooks/webhook-actions.js';
export { WebhookInputError } from './webhooks/webhook-input-error.js';
export type { WebhookSubscription } from './webhooks/webhook-subscriptions.js';
export type { WebhookTrigger } from './webhooks/webhook-trigger.js';
export type { WebhookHarEntry } from './webhooks/delivery-har.js';
