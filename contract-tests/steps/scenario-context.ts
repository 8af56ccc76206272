import type { ClientCredentials, MockServer } from '../../mock-server/index.js';
import { AdapterError } from '../adapters/adapter-error.js';
import type { AdapterLauncher, AdapterSession, CallOutcome } from '../adapters/adapter-session.js';
import type { TimelineAction } from '../report/report-types.js';
import type { CertificationProfile } from '../runner/certification-profile.js';
import { describeOutcome, type KitCall } from './kit-call.js';
import { Observation } from './observation.js';
import type { TimeDriver } from './time-driver.js';
import type { RefreshMeasurement } from './refresh-measurement.js';

/** The state names the hub accepts; calls cycle through them so bodies differ. */
const STATE_NAMES = ['en_route', 'arrived', 'on_board', 'arrived_at_destination', 'completed'] as const;

export interface ScenarioContextOptions {
  /** The rule the scenario judges, or `check-adapter`; names the client and the request ids. */
  readonly rule: string;
  readonly mock: MockServer;
  readonly launch: AdapterLauncher;
  readonly driver: TimeDriver;
  readonly profile: CertificationProfile;
  /** The token lifetime of this scenario's client, seconds. */
  readonly lifetimeS: number;
  /** Random bytes, for the nonce in the client id and request ids, and the wrong secret. */
  readonly randomBytes: (size: number) => Buffer;
  /** The run's refresh-model measurement, shared by the scenarios that judge from it; absent in a check. */
  readonly refreshModel?: () => Promise<RefreshMeasurement>;
}

/**
 * The shared steps scenarios are written in: start the adapter with a fresh client, make calls at points
 * of the token lifetime, revoke tokens, fail the token endpoint, then observe what the mock recorded.
 * Each scenario has its own client and its own request ids, so scenarios run side by side on one mock.
 */
export class ScenarioContext {
  readonly rule: string;
  readonly profile: CertificationProfile;
  readonly lifetimeS: number;
  readonly t0: number;
  readonly client: ClientCredentials;
  readonly actions: TimelineAction[] = [];
  readonly calls: KitCall[] = [];
  readonly #mock: MockServer;
  readonly #launch: AdapterLauncher;
  readonly #driver: TimeDriver;
  readonly #requestPrefix: string;
  readonly #cleanups: (() => void)[] = [];
  readonly #randomBytes: (size: number) => Buffer;
  readonly #refreshModel: (() => Promise<RefreshMeasurement>) | undefined;
  #adapter: AdapterSession | undefined;
  #log = '';

  constructor(options: ScenarioContextOptions) {
    this.rule = options.rule;
    this.profile = options.profile;
    this.lifetimeS = options.lifetimeS;
    this.#mock = options.mock;
    this.#launch = options.launch;
    this.#driver = options.driver;
    this.t0 = options.driver.now();
    this.#randomBytes = options.randomBytes;
    this.#refreshModel = options.refreshModel;
    const nonce = this.#randomBytes(4).toString('hex').toUpperCase();
    this.#requestPrefix = `KP-${options.rule.toUpperCase()}-${nonce}`;
    this.client = options.mock.control.createClient({
      clientId: `kit-${options.rule}-${nonce.toLowerCase()}`,
      expiresIn: options.lifetimeS,
    });
  }

  get lifetimeMs(): number {
    return this.lifetimeS * 1000;
  }

  /** `real` when the kit waits, `virtual` when it moves the mock's clock. */
  get mode(): TimeDriver['mode'] {
    return this.#driver.mode;
  }

  /**
   * The run's refresh model: the client's refresh located at several lifetimes, each with a fresh client,
   * and the model they fit. Measured once per run, when a scenario first asks; throws in a check run.
   */
  refreshModel(): Promise<RefreshMeasurement> {
    if (this.#refreshModel === undefined) throw new Error('this run measures no refresh model');
    return this.#refreshModel();
  }

  /** The running adapter; throws before `start()`. */
  get adapter(): AdapterSession {
    if (this.#adapter === undefined) throw new Error('the scenario has not started its adapter');
    return this.#adapter;
  }

  /** The adapter's log (stderr), secrets removed. */
  log(): string {
    return this.#adapter?.log() ?? this.#log;
  }

  now(): number {
    return this.#driver.now();
  }

  note(kind: TimelineAction['kind'], detail: string): void {
    this.actions.push({ at_ms: this.now() - this.t0, kind, detail });
  }

  /** Starts the adapter with this scenario's credentials (or a wrong secret, for invalid-client). */
  async start(options: { readonly wrongSecret?: boolean } = {}): Promise<AdapterSession> {
    const secret =
      options.wrongSecret === true
        ? `wrong-${this.#randomBytes(12).toString('base64url')}`
        : this.client.clientSecret;
    if (options.wrongSecret === true) this.note('note', 'the adapter was given a wrong client secret');
    try {
      this.#adapter = await this.#launch({
        VECTORCARE_TOKEN_URL: this.#mock.tokenUrl,
        VECTORCARE_API_URL: this.#mock.apiUrl,
        VECTORCARE_CLIENT_ID: this.client.clientId,
        VECTORCARE_CLIENT_SECRET: secret,
        VECTORCARE_SCENARIO: this.rule,
      });
    } catch (error) {
      if (error instanceof AdapterError) this.#log = `[kit] ${error.message}`;
      throw error;
    }
    this.note('note', `adapter ready: ${this.#adapter.info.name} ${this.#adapter.info.version}`);
    return this.#adapter;
  }

  /**
   * When the scenario's first token was issued (the anchor for lifetime fractions), or the scenario start
   * when none has been issued yet.
   */
  anchor(): number {
    const first = this.#mock.recorder
      .list({ clientId: this.client.clientId })
      .find((event) => event.kind === 'token' && event.jtiIssued !== null);
    return first?.atMs ?? this.t0;
  }

  /** Waits until the mock's clock reads at least `atMs`. */
  async waitUntil(atMs: number): Promise<void> {
    await this.#driver.waitUntil(atMs);
  }

  /** Waits until `fraction` of the lifetime has passed since the first token was issued. */
  async at(fraction: number): Promise<void> {
    await this.#driver.waitUntil(this.anchor() + fraction * this.lifetimeMs);
  }

  /** Lets `ms` pass (the profile's settle time by default) while the adapter's client keeps running. */
  async settle(ms: number = this.profile.settleMs): Promise<void> {
    await this.#driver.pause(ms);
  }

  /**
   * Asks the adapter for one API call (a state update on a path unique to this call) and waits for its
   * result. With `stopWhen`, stops waiting as soon as the recordings settle the verdict (a client that
   * retries forever), and the call counts as unanswered.
   */
  async call(options: { readonly stopWhen?: (seen: Observation) => boolean } = {}): Promise<KitCall> {
    const [call] = await this.callTogether(1, options.stopWhen);
    return call as KitCall;
  }

  /** Makes a call once `fraction` of the lifetime has passed. */
  async callAt(fraction: number): Promise<KitCall> {
    await this.at(fraction);
    return this.call();
  }

  /** Sends `count` calls at once (only for adapters that declared `concurrent`) and waits for every result. */
  async callTogether(count: number, stopWhen?: (seen: Observation) => boolean): Promise<KitCall[]> {
    const adapter = this.adapter;
    const sentAtMs = this.now();
    const started = Array.from({ length: count }, (_, index) => {
      const number = this.calls.length + index + 1;
      const requestId = `${this.#requestPrefix}-${number}`;
      const request = {
        id: String(number),
        method: 'POST',
        path: `/requests/${requestId}/state/`,
        body: {
          name: STATE_NAMES[(number - 1) % STATE_NAMES.length],
          timestamp: new Date(Math.floor(sentAtMs)).toISOString(),
        },
      };
      this.note('call', `call ${request.id}: ${request.method} ${request.path}`);
      const answer = adapter.call(request, this.profile.callTimeoutMs);
      const outcome: Promise<CallOutcome> =
        stopWhen === undefined
          ? answer
          : Promise.race([
              answer,
              this.#whenever(stopWhen).then((): CallOutcome => ({
                kind: 'timeout',
                afterMs: this.now() - sentAtMs,
              })),
            ]);
      return { request, requestId, outcome };
    });
    // Promise.all so that when a broken adapter rejects every pending call, each rejection is handled.
    const outcomes = await Promise.all(started.map((entry) => entry.outcome));
    return started.map(({ request, requestId }, index) => {
      const call: KitCall = { ...request, requestId, sentAtMs, outcome: outcomes[index] as CallOutcome };
      this.calls.push(call);
      this.note('result', `call ${call.id}: ${describeOutcome(call)}`);
      return call;
    });
  }

  /** Revokes every token issued to this scenario's client so far: the hub answers 401 to them. */
  revokeTokens(): void {
    const count = this.#mock.control.revokeClient(this.client.clientId);
    this.note('revoke', `revoked the client's tokens (${count} live)`);
  }

  /**
   * The hub answers this client's next API call 401 whatever token it carries. With a revocation this makes
   * sure the 401 happens even for a client that fetched a fresh token for the call, so the retry is judged.
   */
  rejectNextApiCall(): void {
    this.#mock.control.addFault({
      target: 'hub',
      kind: 'hub_unauthorized',
      client_id: this.client.clientId,
      count: 1,
    });
    this.note('fault', "the hub answers the client's next API call 401");
  }

  /**
   * The client's next token response is held back `ms` after the token is issued, as a slow network would
   * deliver it: a client that counts the lifetime from when it got the answer then runs `ms` past `exp`.
   */
  delayNextTokenResponse(ms: number): void {
    this.#mock.control.addFault({
      target: 'token',
      kind: 'delay',
      client_id: this.client.clientId,
      delay_ms: ms,
      count: 1,
    });
    this.note('fault', `the client's next token response arrives ${ms} ms after the token was issued`);
  }

  /** The client's next token lives `expiresInS` seconds, not the scenario's lifetime (a `lifetime` fault). */
  issueNextTokenFor(expiresInS: number): void {
    this.#mock.control.addFault({
      target: 'token',
      kind: 'lifetime',
      client_id: this.client.clientId,
      expires_in: expiresInS,
      count: 1,
    });
    this.note('fault', `the client's next token is issued with expires_in ${expiresInS} s`);
  }

  /** From now on, every token issued to this client is revoked the moment it is issued. */
  revokeEveryNewToken(): void {
    this.revokeTokens();
    const clientId = this.client.clientId;
    const control = this.#mock.control;
    const stop = this.#mock.recorder.subscribe((event) => {
      if (event.kind === 'token' && event.clientId === clientId && event.jtiIssued !== null)
        control.revokeToken(event.jtiIssued);
    });
    this.#cleanups.push(stop);
    this.note('revoke', 'every new token of the client is revoked as it is issued');
  }

  /** The token endpoint answers `status` to every request of this client from now on. */
  failTokenEndpoint(status = 503): void {
    this.#mock.control.addFault({
      target: 'token',
      kind: 'token_response',
      client_id: this.client.clientId,
      count: 1_000_000,
      status,
      body: {
        error: 'temporarily_unavailable',
        error_description: 'The service is temporarily unavailable.',
      },
    });
    this.note('fault', `the token endpoint answers ${status} to this client`);
  }

  /** Resolves once `condition` holds on what the mock recorded; never, otherwise (callers race it). */
  #whenever(condition: (seen: Observation) => boolean): Promise<void> {
    return new Promise((resolve) => {
      const check = (): void => {
        if (!condition(this.observe())) return;
        stop();
        resolve();
      };
      const stop = this.#mock.recorder.subscribe(check);
      this.#cleanups.push(stop);
      check();
    });
  }

  /** Stops the adapter and undoes what this scenario changed on the mock. */
  async close(): Promise<void> {
    for (const cleanup of this.#cleanups.splice(0)) cleanup();
    await this.#adapter?.close();
  }

  /** What the mock recorded for this scenario. */
  observe(): Observation {
    const prefix = `/requests/${this.#requestPrefix}-`;
    const events = this.#mock.recorder
      .list()
      .filter(
        (event) =>
          event.atMs >= this.t0 &&
          (event.clientId === this.client.clientId || (event.kind === 'hub' && event.path.includes(prefix))),
      );
    return new Observation(events, this.calls, this.t0);
  }
}
