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
  /** The issuer; settable because with port 0 it is known only after listening. */
  issuer: string;
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const realRandomId = (): string => randomUUID();
const realRandomSecret = (): string => randomBytes(24).toString('base64url');

async function resolveKey(options: MockServerOptions): Promise<SigningKey> {
  if (options.signingKey !== undefined) return options.signingKey;
  if (options.generateKey === true) return generateSigningKey();
  if (options.keyFile !== undefined) return loadSigningKey(options.keyFile);
  return loadTestOnlySigningKey();
}

/** Builds the shared state from options (already validated) and the embedded defaults. */
export async function createMockContext(options: MockServerOptions = {}): Promise<MockContext> {
  const clock = options.clock ?? createClock();
  const defaultExpiresIn = options.defaultExpiresIn ?? DEFAULTS.defaultExpiresIn;
  const key = await resolveKey(options);
  const clients = new ClientRegistry(
    (options.clients ?? DEFAULTS.clients).map((client) => ({
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      expiresIn: client.expiresIn ?? defaultExpiresIn,
    })),
  );
  const ledger = new TokenLedger(clock);
  const randomId = options.randomId ?? realRandomId;
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
    recorder: new Recorder(options.recorderCapacity),
    faults: new FaultQueue(),
    defaultExpiresIn,
    bodyLimitBytes: DEFAULTS.bodyLimitBytes,
    controlToken: options.controlToken,
    sleep: options.sleep ?? realSleep,
    randomId,
    randomSecret: options.randomSecret ?? realRandomSecret,
    issuer: options.issuer ?? `http://${DEFAULTS.host}:${DEFAULTS.port}`,
  };
  return context;
}
