import { randomBytes, randomUUID } from 'node:crypto';
import { ClientRegistry } from './clients/client-registry.js';
import { createClock, type Clock } from './clock.js';
import { FaultQueue } from './faults/fault-queue.js';
import {
  generateSigningKey,
  loadSigningKey,
  loadTestOnlySigningKey,
  type SigningKey,
} from './keys/signing-key.js';
import { DEFAULTS, type MockServerOptions } from './options.js';
import { Recorder } from './recorder/recorder.js';
import { createTokenIssuer, type TokenIssuer } from './tokens/token-issuer.js';
import { TokenLedger } from './tokens/token-ledger.js';
import { createTokenVerifier, type TokenVerifier } from './tokens/token-verifier.js';
import { loadTestOnlyWebhookKey, loadWebhookKey, type WebhookKey } from './webhooks/webhook-key.js';
import { WebhookSender, type WebhookAttemptRecord } from './webhooks/webhook-sender.js';
import type { WebhookDeliveryEvent, Writable } from './recorder/recorded-event.js';

/** The state every route shares: one clock, one key, one registry, one recorder. */
export interface MockContext {
  readonly clock: Clock;
  readonly key: SigningKey;
  readonly clients: ClientRegistry;
  readonly issueToken: TokenIssuer;
  readonly ledger: TokenLedger;
  /** The hub's bearer check; one per mock, so every transport shares its cache of verified signatures. */
  readonly verifyToken: TokenVerifier;
  readonly recorder: Recorder;
  readonly faults: FaultQueue;
  readonly defaultExpiresIn: number;
  readonly bodyLimitBytes: number;
  readonly controlToken: string | undefined;
  readonly sleep: (ms: number) => Promise<void>;
  /** Makes a random id (a token's `jti`, a created client's id). */
  readonly randomId: () => string;
  /** Makes a random client secret. */
  readonly randomSecret: () => string;
  /** The id of the next request to arrive, for the events the recorder keeps of it. */
  readonly nextRequestId: () => string;
  /** The key webhooks are signed with (not the token key). */
  readonly webhookKey: WebhookKey;
  /** The webhook sender: subscriptions, events, deliveries on the mock's clock. */
  readonly webhooks: WebhookSender;
  /** The issuer; settable because with port 0 it is known only after listening. */
  issuer: string;
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const realRandomId = (): string => randomUUID();
const realRandomSecret = (): string => randomBytes(24).toString('base64url');

/** `req-1`, `req-2`, ...: unique per mock, in order of arrival, and cheap on the hot paths. */
function countingRequestIds(): () => string {
  let next = 0;
  return () => `req-${(next += 1)}`;
}

function resolveWebhookKey(options: MockServerOptions): Promise<WebhookKey> {
  if (options.webhookKey !== undefined) return Promise.resolve(options.webhookKey);
  if (options.webhookKeyFile !== undefined) return loadWebhookKey(options.webhookKeyFile);
  return loadTestOnlyWebhookKey();
}

async function resolveKey(options: MockServerOptions): Promise<SigningKey> {
  if (options.signingKey !== undefined) return options.signingKey;
  if (options.generateKey === true) return generateSigningKey();
  if (options.keyFile !== undefined) return loadSigningKey(options.keyFile);
  return loadTestOnlySigningKey();
}

/**
 * Keeps a finished webhook attempt in the recorder as a delivery event: the mock's own request, with a
 * request id like any other, started at `startedAtMs` and lasting `durationMs` by the mock's clock.
 */
function recordAttempt(recorder: Recorder, nextRequestId: () => string, record: WebhookAttemptRecord): void {
  const { kind: _kind, startedAtMs, durationMs, ...facts } = record;
  const event: Writable<WebhookDeliveryEvent> = {
    seq: 0,
    requestId: nextRequestId(),
    atMs: startedAtMs,
    durationMs: 0,
    ...facts,
    kind: 'webhook_delivery',
  };
  recorder.keep(event, startedAtMs + durationMs);
}

/** Builds the shared state from options (already validated) and the embedded defaults. */
export async function createMockContext(options: MockServerOptions = {}): Promise<MockContext> {
  const clock = options.clock ?? createClock();
  const defaultExpiresIn = options.defaultExpiresIn ?? DEFAULTS.defaultExpiresIn;
  const [key, webhookKey] = await Promise.all([resolveKey(options), resolveWebhookKey(options)]);
  const clients = new ClientRegistry(
    (options.clients ?? DEFAULTS.clients).map((client) => ({
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      expiresIn: client.expiresIn ?? defaultExpiresIn,
    })),
  );
  const ledger = new TokenLedger(clock);
  const randomId = options.randomId ?? realRandomId;
  const recorder = new Recorder(options.recorderCapacity);
  const nextRequestId = options.nextRequestId ?? countingRequestIds();
  const webhooks = new WebhookSender({
    key: webhookKey,
    clock,
    isKnownClient: (clientId) => clients.has(clientId),
    onAttempt: (record) => recordAttempt(recorder, nextRequestId, record),
    ...(options.randomBytes === undefined ? {} : { random: options.randomBytes }),
    ...(options.webhookTimeoutMs === undefined ? {} : { attemptTimeoutMs: options.webhookTimeoutMs }),
    ...(options.webhookScheduleMs === undefined ? {} : { scheduleMs: options.webhookScheduleMs }),
  });
  for (const subscription of options.webhookSubscriptions ?? [])
    webhooks.subscribe(
      {
        url: subscription.url,
        ...(subscription.clientId === undefined ? {} : { clientId: subscription.clientId }),
      },
      true,
    );
  const context: MockContext = {
    clock,
    key,
    clients,
    issueToken: createTokenIssuer({
      key,
      clock,
      issuer: () => context.issuer,
      randomId,
    }),
    ledger,
    verifyToken: createTokenVerifier({
      publicKey: key.publicKey,
      kid: key.kid,
      clock,
      issuer: () => context.issuer,
      isRevoked: (jti, clientId, issuedAtMs) => ledger.isRevoked(jti, clientId, issuedAtMs),
      isKnownClient: (clientId) => clients.has(clientId),
    }),
    recorder,
    faults: new FaultQueue(),
    defaultExpiresIn,
    bodyLimitBytes: DEFAULTS.bodyLimitBytes,
    controlToken: options.controlToken,
    sleep: options.sleep ?? realSleep,
    randomId,
    randomSecret: options.randomSecret ?? realRandomSecret,
    nextRequestId,
    issuer: options.issuer ?? `http://${DEFAULTS.host}:${DEFAULTS.port}`,
    webhookKey,
    webhooks,
  };
  return context;
}
