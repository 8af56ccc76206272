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
