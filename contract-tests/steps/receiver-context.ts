import type { KeyObject } from 'node:crypto';
import {
  ACTION_DEFAULTS,
  buildWebhookEvent,
  createClockTimers,
  createEventIdSource,
  eventTimestampOf,
  newServiceRequestId,
  requestDataFixture,
  WebhookSender,
  type AttemptOptions,
  type AttemptResult,
  type Clock,
  type RequestData,
  type WebhookAction,
  type WebhookAttemptRecord,
  type WebhookEvent,
  type WebhookKey,
  type WebhookPost,
} from '../../mock-server/index.js';
import { AdapterError } from '../adapters/adapter-error.js';
import type { ReceiverLauncher, ReceiverSession } from '../adapters/receiver-session.js';
import type { TimelineAction } from '../report/report-types.js';
import type { ReceiverProfile } from '../runner/receiver-profile.js';
import { createDeliveryTransport, IN_PROCESS_URL, type DeliveryTransport } from './delivery-transport.js';
import {
  DeliveryObservation,
  type AppliedRecord,
  type KitDelivery,
  type KitEvent,
  type StateRecord,
} from './delivery-observation.js';
import type { TimeDriver } from './time-driver.js';
import type { CraftedPost } from './webhook-variants.js';

/** The keys of a receiver run: VectorCare's (the mock's webhook key) and another anyone could hold. */
export interface ReceiverKeys {
  readonly vectorcare: WebhookKey;
  /** Where the public half is written, for VECTORCARE_WEBHOOK_PUBLIC_KEY_FILE. */
  readonly publicKeyFile: string;
  /** An RSA key VectorCare does not sign with: forgeries are signed with it. */
  readonly other: KeyObject;
}

export interface ReceiverContextOptions {
  readonly rule: string;
  readonly launch: ReceiverLauncher;
  readonly driver: TimeDriver;
  /** The kit's clock, which the sender's retry schedule runs on (moved by the driver in virtual time). */
  readonly clock: Clock;
  readonly profile: ReceiverProfile;
  readonly keys: ReceiverKeys;
  readonly randomBytes: (size: number) => Buffer;
  /** Real time, for the bounded waits (deliveries and applied messages happen in real time, always). */
  readonly realNow: () => number;
}

/** An event of the scenario as the kit made it: its label, envelope and the exact compact bytes. */
export interface ScenarioEvent extends KitEvent {
  readonly event: WebhookEvent;
}

/** What a scenario asks an event to be; the rest comes from the facts file's defaults. */
export interface EventSpec {
  readonly action: WebhookAction;
  /** Default: a fresh `VC-XXXXXXXX`. */
  readonly serviceRequestId?: string;
  /** Default: the realistic fixture, or null when the action's status is UNAVAILABLE. */
  readonly data?: RequestData | null;
  /** `event_timestamp` this long before now, by the kit's clock; default 0. */
  readonly ageMs?: number;
}

interface PendingSenderPost {
  readonly body: Buffer;
  readonly record: Omit<KitDelivery, 'seq' | 'attempt' | 'deliveryId' | 'redelivery' | 'nextAttemptAtMs'>;
}

/** The least an in-process receiver is watched for late applied messages, real ms: the quick profile's settle. */
const VIRTUAL_SETTLE_MS = 500;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/**
 * The shared steps receiver scenarios are written in: start the receiver, send VectorCare's deliveries
 * through the mock's webhook sender (its envelope, signature and retry schedule on the kit's clock), craft
 * POSTs VectorCare would never send (forgeries, other serializations, an older event after a newer one),
 * wait for the HTTP answers and the applied messages, ask the receiver what it holds, and observe.
 * Each scenario has its own receiver process, sender and request ids.
 */
export class ReceiverContext {
  readonly rule: string;
  readonly profile: ReceiverProfile;
  readonly t0: number;
  readonly actions: TimelineAction[] = [];
  readonly #options: ReceiverContextOptions;
  readonly #driver: TimeDriver;
  readonly #deliveries: KitDelivery[] = [];
  readonly #applied: AppliedRecord[] = [];
  readonly #states: StateRecord[] = [];
  readonly #events: ScenarioEvent[] = [];
  readonly #eventByBody = new Map<Buffer, ScenarioEvent>();
  readonly #awaitingSender: PendingSenderPost[] = [];
  /** Bodies whose next POSTs the kit hangs up on, and how many. */
  readonly #drops = new Map<Buffer, number>();
  readonly #changeListeners = new Set<() => void>();
  readonly #cleanups: (() => void)[] = [];
  readonly #nextEventId: () => string;
  #session: ReceiverSession | undefined;
  #transport: DeliveryTransport | undefined;
  #sender: WebhookSender | undefined;
  #subscriptionId = '';
  #stateCount = 0;
  #log = '';
  /** When the kit last started a POST of each event, real ms. */
  readonly #lastPostAt = new Map<string, number>();
  /** The longest the receiver took to apply an event after the POST before it, real ms. */
  #applyLatencyMs = 0;

  constructor(options: ReceiverContextOptions) {
    this.rule = options.rule;
    this.profile = options.profile;
    this.#options = options;
    this.#driver = options.driver;
    this.t0 = options.driver.now();
    // One id source for the scenario's events, crafted or sent by the sender: later ids compare greater.
    this.#nextEventId = createEventIdSource({ now: () => options.clock.now(), random: options.randomBytes });
  }

  now(): number {
    return this.#driver.now();
  }

  note(kind: TimelineAction['kind'], detail: string): void {
    this.actions.push({ at_ms: this.now() - this.t0, kind, detail });
  }

  /** VectorCare's key and another one, for the kit's crafted POSTs. */
  get keys(): { readonly vectorcare: KeyObject; readonly other: KeyObject } {
    return { vectorcare: this.#options.keys.vectorcare.privateKey, other: this.#options.keys.other };
  }

  /** The running receiver; throws before `start()`. */
  get session(): ReceiverSession {
    if (this.#session === undefined) throw new Error('the scenario has not started its receiver');
    return this.#session;
  }

  /** The adapter's log, and what the kit appended to it. */
  log(): string {
    return this.#session?.log() ?? this.#log;
  }

  /** Why the receiver's session broke, if it did. */
  failure(): AdapterError | undefined {
    return this.#session?.failure();
  }

  /** Starts the receiver with VectorCare's public key, and a sender subscribed to where it listens. */
  async start(): Promise<ReceiverSession> {
    const { keys } = this.#options;
    try {
      this.#session = await this.#options.launch({
        VECTORCARE_WEBHOOK_PUBLIC_KEY: keys.vectorcare.publicKeyPem,
        VECTORCARE_WEBHOOK_PUBLIC_KEY_FILE: keys.publicKeyFile,
        VECTORCARE_SCENARIO: this.rule,
      });
    } catch (error) {
      if (error instanceof AdapterError) this.#log = `[kit] ${error.message}`;
      throw error;
    }
    const session = this.#session;
    this.#cleanups.push(
      session.onApplied((message, atMs) => {
        this.#applied.push({ atMs, message });
        const postedAt = this.#lastPostAt.get(message.event_id);
        if (postedAt !== undefined)
          this.#applyLatencyMs = Math.max(this.#applyLatencyMs, this.#options.realNow() - postedAt);
        this.#changed();
      }),
      session.onFailure(() => this.#changed()),
    );
    this.#transport = createDeliveryTransport({
      target: session.target,
      answerLimitMs: this.profile.answerLimitMs,
      now: () => this.#options.clock.now(),
      realNow: this.#options.realNow,
      log: (line) => this.note('note', line),
    });
    this.#sender = new WebhookSender({
      key: keys.vectorcare,
      clock: this.#options.clock,
      timers: createClockTimers(this.#options.clock),
      random: this.#options.randomBytes,
      nextEventId: this.#nextEventId,
      attempt: (post, options) => this.#senderAttempt(post, options),
      attemptTimeoutMs: this.profile.answerLimitMs,
      scheduleMs: this.profile.scheduleMs,
      onAttempt: (record) => this.#senderRecord(record),
    });
    const url = session.target.kind === 'http' ? session.target.url : IN_PROCESS_URL;
    this.#subscriptionId = this.#sender.subscribe({ url }).subscriptionId;
    const where = session.target.kind === 'http' ? session.target.url : 'in process';
    this.note('note', `receiver ready: ${session.info.name} ${session.info.version}, at ${where}`);
    return session;
  }

  /** A fresh `service_request_id`, `VC-XXXXXXXX`. */
  newRequestId(): string {
    return newServiceRequestId(this.#options.randomBytes);
  }

  /** The realistic `data` VectorCare sends for a request (the sender's fixture). */
  requestData(serviceRequestId: string): RequestData {
    return requestDataFixture(serviceRequestId, this.now());
  }

  /** Makes an event (not sent): the envelope VectorCare would send, with the scenario's next event id. */
  newEvent(spec: EventSpec): ScenarioEvent {
    const nowMs = this.now();
    const requestStatus = ACTION_DEFAULTS[spec.action].requestStatus;
    const serviceRequestId = spec.serviceRequestId ?? this.newRequestId();
    const data =
      spec.data !== undefined
        ? spec.data
        : requestStatus === 'UNAVAILABLE'
          ? null
          : requestDataFixture(serviceRequestId, nowMs);
    const event = buildWebhookEvent({
      eventId: this.#nextEventId(),
      eventTimestamp: eventTimestampOf(nowMs - (spec.ageMs ?? 0)),
      serviceRequestId,
      requestStatus,
      action: spec.action,
      data,
      createdAtMs: nowMs,
    });
    return this.#keep(event);
  }

  /**
   * Sends an event as VectorCare does, through the sender: at once, retried on the profile's schedule until a
   * 2xx. `dropFirst` makes the kit hang up on the first attempt right after sending it.
   */
  send(spec: EventSpec & { readonly dropFirst?: boolean }): ScenarioEvent {
    const sender = this.#senderOrThrow();
    const sent = sender.trigger({
      action: spec.action,
      subscriptionId: this.#subscriptionId,
      ...(spec.serviceRequestId === undefined ? {} : { serviceRequestId: spec.serviceRequestId }),
      ...(spec.data === undefined ? {} : { data: spec.data }),
      ...(spec.ageMs === undefined ? {} : { eventTimestamp: eventTimestampOf(this.now() - spec.ageMs) }),
    });
    const event = this.#keep(sent.event);
    if (spec.dropFirst === true) {
      this.#drops.set(sent.event.body, 1);
      this.note('fault', `${event.label}: the kit will hang up on its first attempt right after sending it`);
    }
    this.note('note', `VectorCare sends ${event.label}: ${event.action} for ${event.serviceRequestId}`);
    return event;
  }

  /** Sends an event's same bytes again as a new delivery (its own schedule), as VectorCare's redelivery does. */
  redeliver(event: ScenarioEvent): void {
    this.#senderOrThrow().redeliver(event.eventId, this.#subscriptionId);
    this.note('note', `VectorCare redelivers ${event.label}: the same bytes again`);
  }

  /** POSTs crafted bytes and headers once (no retries: VectorCare did not send it) and waits for the answer. */
  async post(event: ScenarioEvent, crafted: CraftedPost): Promise<KitDelivery> {
    const transport = this.#transportOrThrow();
    this.#eventByBody.set(crafted.body, event);
    const sentAtMs = this.now();
    this.#stampPost(event);
    const result = await transport.post({ url: '', body: crafted.body, headers: crafted.headers });
    const signature = Object.entries(crafted.headers).find(
      ([name]) => name.toLowerCase() === 'x-vectorcare-signature',
    )?.[1];
    const delivery: KitDelivery = {
      ...this.#deliveryFields(event, crafted.body, signature ?? null, sentAtMs, result, false),
      seq: this.#deliveries.length + 1,
      kind: 'crafted',
      variant: crafted.variant,
      attempt: null,
      deliveryId: null,
      redelivery: false,
      nextAttemptAtMs: null,
    };
    this.#record(delivery);
    return delivery;
  }

  /** The sender's attempt: the kit's transport, hanging up when told to, recorded as it ends. */
  async #senderAttempt(post: WebhookPost, options: AttemptOptions): Promise<AttemptResult> {
    const transport = this.#transportOrThrow();
    // The sender sends the same Buffer for every attempt of an event: it is the event's key here.
    const key = post.body as Buffer;
    const drops = this.#drops.get(key) ?? 0;
    if (drops > 0) this.#drops.set(key, drops - 1);
    const event = this.#eventByBody.get(key);
    const sentAtMs = this.now();
    if (event !== undefined) this.#stampPost(event);
    const result = await transport.post(post, { drop: drops > 0, attempt: options });
    if (event !== undefined)
      this.#awaitingSender.push({
        body: key,
        record: {
          ...this.#deliveryFields(
            event,
            key,
            post.headers['X-VectorCare-Signature'] ?? null,
            sentAtMs,
            result,
            drops > 0,
          ),
          kind: 'vectorcare',
          variant: null,
        },
      });
    return result;
  }

  /** The sender's own record of the attempt that just ended: its attempt number and schedule. */
  #senderRecord(record: WebhookAttemptRecord): void {
    // Attempts end in the order the sender records them, so the first one waiting with these bytes is this.
    const index = this.#awaitingSender.findIndex((pending) => pending.body === record.body);
    if (index === -1) return;
    const [pending] = this.#awaitingSender.splice(index, 1);
    if (pending === undefined) return;
    this.#record({
      ...pending.record,
      seq: this.#deliveries.length + 1,
      attempt: record.attempt,
      deliveryId: record.deliveryId,
      redelivery: record.redelivery,
      nextAttemptAtMs: record.nextAttemptAtMs,
    });
  }

  #deliveryFields(
    event: ScenarioEvent,
    body: Buffer,
    signature: string | null,
    sentAtMs: number,
    result: AttemptResult,
    dropped: boolean,
  ): Omit<
    KitDelivery,
    'seq' | 'kind' | 'variant' | 'attempt' | 'deliveryId' | 'redelivery' | 'nextAttemptAtMs'
  > {
    return {
      event: event.label,
      eventId: event.eventId,
      serviceRequestId: event.serviceRequestId,
      sentAtMs,
      body,
      signature,
      dropped,
      status: result.status,
      error: result.error,
      delivered: result.delivered,
      timeToAnswerMs: result.timeToAnswerMs,
      durationMs: result.durationMs,
    };
  }

  #stampPost(event: ScenarioEvent): void {
    this.#lastPostAt.set(event.eventId, this.#options.realNow());
  }

  #keep(event: WebhookEvent): ScenarioEvent {
    const kept: ScenarioEvent = {
      label: `E${this.#events.length + 1}`,
      eventId: event.eventId,
      serviceRequestId: event.serviceRequestId,
      action: event.action,
      requestStatus: event.requestStatus,
      eventTimestamp: event.eventTimestamp,
      event,
    };
    this.#events.push(kept);
    this.#eventByBody.set(event.body, kept);
    return kept;
  }

  #record(delivery: KitDelivery): void {
    this.#deliveries.push(delivery);
    this.#changed();
  }

  #changed(): void {
    for (const listener of [...this.#changeListeners]) listener();
  }

  #senderOrThrow(): WebhookSender {
    if (this.#sender === undefined) throw new Error('the scenario has not started its receiver');
    return this.#sender;
  }

  #transportOrThrow(): DeliveryTransport {
    if (this.#transport === undefined) throw new Error('the scenario has not started its receiver');
    return this.#transport;
  }

  /**
   * Waits, in real time at most `timeoutMs`, until `condition` holds on what was observed; resolves false if
   * it never did. Rejects with the AdapterError if the receiver's session breaks meanwhile.
   */
  waitFor(condition: (seen: DeliveryObservation) => boolean, timeoutMs: number): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      const finish = (done: () => void): void => {
        clearTimeout(timer);
        this.#changeListeners.delete(check);
        done();
      };
      const check = (): void => {
        const failure = this.failure();
        if (failure !== undefined) finish(() => reject(failure));
        else if (condition(this.observe())) finish(() => resolve(true));
      };
      const timer = setTimeout(() => finish(() => resolve(false)), timeoutMs);
      this.#changeListeners.add(check);
      check();
    });
  }

  /** Waits until `count` POSTs of this event have ended (their answers in); false when they did not in time. */
  answers(event: ScenarioEvent, count = 1, timeoutMs = this.#answerWaitMs()): Promise<boolean> {
    return this.waitFor((seen) => seen.deliveriesOf(event).length >= count, timeoutMs);
  }

  /** Waits until the event was applied (at least once); false after the profile's apply timeout. */
  appliedOnce(event: ScenarioEvent): Promise<boolean> {
    return this.waitFor((seen) => seen.appliedOf(event).length > 0, this.profile.applyTimeoutMs);
  }

  /** The longest an answer can take: the 10 s limit, and some slack for a busy machine. */
  #answerWaitMs(): number {
    return this.profile.answerLimitMs + 5_000;
  }

  /**
   * Waits until the sender's next attempt of this event is due and has ended: in real time by waiting, in
   * virtual time by moving the clock to it. The receiver's own work runs in real time even then, so first the
   * kit lets the last attempt's work finish (until the event is applied, at most the apply timeout), as the
   * seconds before a real retry would. False when the attempt never came.
   */
  async nextAttempt(event: ScenarioEvent, count: number): Promise<boolean> {
    const seen = this.observe().deliveriesOf(event);
    const dueAt = seen.at(-1)?.nextAttemptAtMs ?? null;
    if (dueAt === null) return false;
    if (this.#driver.mode === 'virtual') {
      await this.#transportOrThrow().idle();
      await this.waitFor((now) => now.appliedOf(event).length > 0, this.profile.applyTimeoutMs);
      this.note('clock', `the kit moves the clock to the retry, +${((dueAt - this.t0) / 1000).toFixed(2)} s`);
      await this.#driver.waitUntil(dueAt);
    }
    const wait = Math.max(0, dueAt - this.now()) + this.#answerWaitMs();
    return this.answers(event, count, wait);
  }

  /**
   * How long the kit watches for applied messages it does not wait for (an event applied twice, a forgery
   * applied): the profile's settle time, or twice the longest this receiver took to apply an event in this
   * scenario if that is longer (a receiver that works in the background applies late), at most the apply
   * timeout.
   */
  settleWindowMs(): number {
    // In process there is no process to schedule nor network: the quick profile's settle time is the floor.
    const floorMs =
      this.#driver.mode === 'virtual'
        ? Math.min(this.profile.settleMs, VIRTUAL_SETTLE_MS)
        : this.profile.settleMs;
    return Math.min(this.profile.applyTimeoutMs, Math.max(floorMs, 2 * this.#applyLatencyMs));
  }

  /**
   * Lets the receiver's pending work finish: in-process handlers first, then the settle window. In virtual
   * time the clock moves by it and the same time passes for real: a receiver's own work (a queue, a worker)
   * runs in real time whatever the clock says.
   */
  async settle(): Promise<void> {
    await this.#transport?.idle();
    const windowMs = this.settleWindowMs();
    if (this.#driver.mode === 'virtual') {
      await this.#driver.waitUntil(this.now() + windowMs);
      await sleep(windowMs);
    } else await this.#driver.pause(windowMs);
  }

  /** Asks the receiver what its application holds for a request. */
  async state(serviceRequestId: string): Promise<StateRecord> {
    this.#stateCount += 1;
    const id = String(this.#stateCount);
    const askedAtMs = this.now();
    this.note('note', `the kit asks the state of ${serviceRequestId}`);
    const outcome = await this.session.state(id, serviceRequestId, this.profile.stateTimeoutMs);
    const record: StateRecord = { id, serviceRequestId, askedAtMs, outcome };
    this.#states.push(record);
    this.#changed();
    return record;
  }

  /** Stops the sender (its pending retries with it) and the receiver. */
  async close(): Promise<void> {
    for (const cleanup of this.#cleanups.splice(0)) cleanup();
    await this.#sender?.close();
    this.#sender = undefined;
    await this.#transport?.idle();
    await this.#session?.close();
  }

  /** What the scenario observed so far. */
  observe(): DeliveryObservation {
    return new DeliveryObservation(
      [...this.#deliveries],
      [...this.#applied],
      [...this.#states],
      this.#events.map(({ event: _event, ...kitEvent }) => kitEvent),
      this.t0,
    );
  }
}
