import type { Clock } from '../clock.js';
import { createClockTimers, type CancelTimer, type ClockTimers } from '../clock-timers.js';
import { AttemptLimiter } from './attempt-limiter.js';
import { nextAttemptAt, RETRY_SCHEDULE_MS } from './delivery-schedule.js';
import { createEventIdSource, type EventIdSource } from './event-id.js';
import { requestDataFixture, type RequestData } from './request-data-fixture.js';
import { pooledRandomBytes } from './random-pool.js';
import { newServiceRequestId } from './service-request-id.js';
import { ACTION_DEFAULTS, type RequestStatus, type WebhookAction } from './webhook-actions.js';
import {
  attemptDelivery,
  DEFAULT_ATTEMPT_TIMEOUT_MS,
  DeliveryAgents,
  type AttemptOptions,
  type AttemptResult,
  type DeliveryError,
  type WebhookPost,
} from './webhook-attempt.js';
import { buildWebhookEvent, eventTimestampOf, type WebhookEvent } from './webhook-event.js';
import { WebhookInputError } from './webhook-input-error.js';
import type { WebhookKey } from './webhook-key.js';
import { signWebhookBody, SIGNATURE_HEADER } from './webhook-signature.js';
import { WebhookSubscriptions, type WebhookSubscription } from './webhook-subscriptions.js';
import { checkWebhookTrigger, type UncheckedTrigger } from './webhook-trigger.js';
import { checkWebhookUrl } from './webhook-url.js';

/** One finished delivery attempt: what the recorder keeps and the deliveries endpoint lists. */
export interface WebhookAttemptRecord {
  readonly kind: 'webhook_delivery';
  /** One event to one subscription; a redelivery is a delivery of its own. */
  readonly deliveryId: string;
  readonly eventId: string;
  readonly serviceRequestId: string;
  readonly action: WebhookAction;
  readonly requestStatus: RequestStatus;
  readonly subscriptionId: string;
  /** The subscription's client, or null for one that takes every client's events. */
  readonly clientId: string | null;
  readonly url: string;
  /** 1, 2 or 3. */
  readonly attempt: number;
  readonly redelivery: boolean;
  /** When the attempt started, epoch ms by the mock's clock. */
  readonly startedAtMs: number;
  /** Start to end of answer or failure, by the mock's clock (0 for a fast answer on a frozen clock). */
  readonly durationMs: number;
  readonly status: number | null;
  readonly error: DeliveryError | null;
  readonly delivered: boolean;
  /** When the next attempt is due by the mock's clock, or null when this was the last. */
  readonly nextAttemptAtMs: number | null;
  /** The headers sent (no secrets: the signature is public by design). */
  readonly headers: Readonly<Record<string, string>>;
  /** The exact bytes sent; the same Buffer for every attempt of an event. */
  readonly body: Buffer;
}

/** Where an event was sent, as `trigger` and `redeliver` return it. */
export interface SentEvent {
  readonly event: WebhookEvent;
  readonly subscriptions: readonly WebhookSubscription[];
}

/** What closing the sender stopped. */
export interface SenderShutdown {
  /** Retries that were scheduled and will now never run. */
  readonly pendingRetries: number;
  /** Attempts still running (or waiting for a connection slot) when closing, aborted as `cancelled`. */
  readonly inFlight: number;
}

export interface WebhookSenderOptions {
  readonly key: WebhookKey;
  readonly clock: Clock;
  /** Timers on `clock`; default made here. Retries and the 10 s answer limit run on them. */
  readonly timers?: ClockTimers;
  /** `n` random bytes, read at once (event, request and subscription ids); default from crypto's generator. */
  readonly random?: (n: number) => Uint8Array;
  /** Default: ids stamped by `clock` (see event-id.ts). */
  readonly nextEventId?: EventIdSource;
  /** One attempt; default `attemptDelivery` over node:http(s). */
  readonly attempt?: (post: WebhookPost, options: AttemptOptions) => Promise<AttemptResult>;
  /** The answer limit, ms by the mock's clock; default 10 s. */
  readonly attemptTimeoutMs?: number;
  /** Offsets of the attempts from the first, ms; default 0, 8 s, 64 s. */
  readonly scheduleMs?: readonly number[];
  /** Attempts running at once; more wait in order. Default 128. */
  readonly maxConcurrentAttempts?: number;
  /** Events kept for redelivery (oldest forgotten first); default 5,000. */
  readonly eventCapacity?: number;
  /** Whether a client id is known (subscriptions and events for a client must name one). */
  readonly isKnownClient?: (clientId: string) => boolean;
  /** Called with every finished attempt, in the order they finish. */
  readonly onAttempt?: (record: WebhookAttemptRecord) => void;
  /** How long `close()` lets running attempts finish before aborting them, real ms; default 1 s. */
  readonly closeGraceMs?: number;
}

/** The request details one request keeps across its events. */
const DATA_BOOK_CAPACITY = 10_000;
export const DEFAULT_EVENT_CAPACITY = 5_000;
export const DEFAULT_MAX_CONCURRENT_ATTEMPTS = 128;

/**
 * An event as kept for redelivery: its bytes and signature, not its parsed envelope (thousands of `data`
 * objects kept alive cost the garbage collector more than parsing one back when it is asked for).
 */
interface StoredEvent extends Omit<WebhookEvent, 'envelope'> {
  readonly signature: Promise<string>;
  /** Where it was first sent. */
  readonly subscriptionIds: readonly string[];
}

/** What one request keeps across its events: when its details were made, and what calls changed in them. */
interface BookedRequest {
  readonly createdAtMs: number;
  readonly changes: Partial<RequestData> | undefined;
}

/** A kept event with its envelope again, parsed from the very bytes that were sent. */
const withEnvelope = (stored: StoredEvent): WebhookEvent => {
  const { signature: _signature, subscriptionIds: _ids, ...event } = stored;
  return { ...event, envelope: JSON.parse(stored.body.toString('utf8')) as WebhookEvent['envelope'] };
};

interface Delivery {
  readonly deliveryId: string;
  readonly stored: StoredEvent;
  readonly subscription: WebhookSubscription;
  readonly redelivery: boolean;
  firstStartedAtMs: number;
  /** The scheduled next attempt, while one is pending. */
  cancelRetry: CancelTimer | undefined;
  /** Ends the running attempt as cancelled. */
  abort: (() => void) | undefined;
  /** Reset or unsubscribed: finish quietly, schedule nothing, record nothing more. */
  forgotten: boolean;
}

/**
 * The mock as VectorCare's webhook sender (DESIGN §7): subscriptions, events with VectorCare's envelope and
 * signature, and the retry schedule on the mock's clock. Every attempt is reported to `onAttempt`.
 */
export class WebhookSender {
  readonly key: WebhookKey;
  readonly subscriptions: WebhookSubscriptions;
  readonly timers: ClockTimers;
  readonly #clock: Clock;
  readonly #random: (n: number) => Uint8Array;
  readonly #nextEventId: EventIdSource;
  readonly #attempt: (post: WebhookPost, options: AttemptOptions) => Promise<AttemptResult>;
  readonly #timeoutMs: number;
  readonly #schedule: readonly number[];
  readonly #limiter: AttemptLimiter;
  readonly #eventCapacity: number;
  readonly #isKnownClient: (clientId: string) => boolean;
  readonly #onAttempt: (record: WebhookAttemptRecord) => void;
  readonly #closeGraceMs: number;
  readonly #agents = new DeliveryAgents();
  readonly #events = new Map<string, StoredEvent>();
  readonly #dataBook = new Map<string, BookedRequest>();
  readonly #deliveries = new Set<Delivery>();
  readonly #idleWaiters: (() => void)[] = [];
  #pendingRetries = 0;
  /** Attempts started and not finished, or waiting for a slot, or waiting for their signature. */
  #busy = 0;
  #deliveryCount = 0;
  #closed = false;

  constructor(options: WebhookSenderOptions) {
    this.key = options.key;
    this.#clock = options.clock;
    this.#random = options.random ?? pooledRandomBytes();
    this.timers = options.timers ?? createClockTimers(options.clock);
    this.#nextEventId =
      options.nextEventId ?? createEventIdSource({ now: () => options.clock.now(), random: this.#random });
    this.#attempt = options.attempt ?? attemptDelivery;
    this.#timeoutMs = options.attemptTimeoutMs ?? DEFAULT_ATTEMPT_TIMEOUT_MS;
    this.#schedule = options.scheduleMs ?? RETRY_SCHEDULE_MS;
    this.#limiter = new AttemptLimiter(options.maxConcurrentAttempts ?? DEFAULT_MAX_CONCURRENT_ATTEMPTS);
    this.#eventCapacity = options.eventCapacity ?? DEFAULT_EVENT_CAPACITY;
    this.#isKnownClient = options.isKnownClient ?? (() => true);
    this.#onAttempt = options.onAttempt ?? (() => undefined);
    this.#closeGraceMs = options.closeGraceMs ?? 1_000;
    this.subscriptions = new WebhookSubscriptions(this.#random);
  }

  /** Retries scheduled and not yet started. */
  get pendingRetries(): number {
    return this.#pendingRetries;
  }

  /** Attempts running, waiting for a slot or for their signature. */
  get inFlight(): number {
    return this.#busy;
  }

  /** Adds a subscription; `configured` ones (CLI, config file) survive `reset`. */
  subscribe(
    input: { readonly url: unknown; readonly clientId?: unknown },
    configured = false,
  ): WebhookSubscription {
    const url = checkWebhookUrl(input.url);
    let clientId: string | null = null;
    if (input.clientId !== undefined) {
      if (typeof input.clientId !== 'string' || input.clientId === '')
        throw new WebhookInputError('client_id', 'must be a non-empty string');
      if (!this.#isKnownClient(input.clientId))
        throw new WebhookInputError('client_id', 'is not a client this mock knows');
      clientId = input.clientId;
    }
    return this.subscriptions.add(url, clientId, configured);
  }

  /** Removes a subscription and cancels its pending retries; undefined when there is none by that id. */
  unsubscribe(subscriptionId: string): WebhookSubscription | undefined {
    const removed = this.subscriptions.remove(subscriptionId);
    if (removed === undefined) return undefined;
    for (const delivery of this.#deliveries)
      if (delivery.subscription.subscriptionId === subscriptionId) this.#forget(delivery);
    return removed;
  }

  /**
   * Sends an event: checks it, fills in the defaults, serializes and signs it once, and starts the first
   * attempt to every subscription it goes to. Returns at once with the event as sent.
   */
  trigger(input: UncheckedTrigger): SentEvent {
    this.#assertOpen();
    const trigger = checkWebhookTrigger(input);
    if (trigger.clientId !== undefined && !this.#isKnownClient(trigger.clientId))
      throw new WebhookInputError('client_id', 'is not a client this mock knows');
    const targets = this.#targets(trigger.subscriptionId, trigger.clientId);
    const nowMs = this.#clock.now();
    const requestStatus = trigger.requestStatus ?? ACTION_DEFAULTS[trigger.action].requestStatus;
    const serviceRequestId = trigger.serviceRequestId ?? newServiceRequestId(this.#random);
    const data =
      requestStatus === 'UNAVAILABLE'
        ? null
        : trigger.data === undefined
          ? this.#bookedData(serviceRequestId, nowMs)
          : (trigger.data as RequestData);
    const event = buildWebhookEvent({
      eventId: this.#nextEventId(),
      eventTimestamp: trigger.eventTimestamp ?? eventTimestampOf(nowMs),
      serviceRequestId,
      requestStatus,
      action: trigger.action,
      data,
      createdAtMs: nowMs,
    });
    const { envelope: _envelope, ...kept } = event;
    const stored: StoredEvent = {
      ...kept,
      signature: signWebhookBody(event.body, this.key.privateKey),
      subscriptionIds: targets.map((s) => s.subscriptionId),
    };
    // A signing failure is reported through each delivery; this keeps the promise from going unhandled.
    stored.signature.catch(() => undefined);
    this.#keep(stored);
    for (const subscription of targets) this.#startDelivery(stored, subscription, false);
    return { event, subscriptions: targets };
  }

  /**
   * The hub twin: a hub call that succeeded emits the event VectorCare would send, to the calling client's
   * subscriptions. `dataChanges` are merged over the request's details (a new agreed time, say).
   */
  emitForHubCall(
    clientId: string,
    serviceRequestId: string,
    action: WebhookAction,
    dataChanges: Partial<RequestData> = {},
  ): SentEvent | undefined {
    if (this.#closed || this.subscriptions.for(clientId).length === 0) return undefined;
    const status = ACTION_DEFAULTS[action].requestStatus;
    const nowMs = this.#clock.now();
    let data: RequestData | undefined;
    if (status !== 'UNAVAILABLE') {
      const booked = this.#booking(serviceRequestId, nowMs);
      const changes = { ...booked.changes, ...dataChanges };
      this.#book(serviceRequestId, { createdAtMs: booked.createdAtMs, changes });
      data = { ...requestDataFixture(serviceRequestId, booked.createdAtMs), ...changes };
    }
    return this.trigger({ action, serviceRequestId, clientId, ...(data === undefined ? {} : { data }) });
  }

  /**
   * Sends an event's same bytes again, as a new delivery with its own schedule: to `subscriptionId`, or to
   * every subscription it first went to that still exists.
   */
  redeliver(eventId: string, subscriptionId?: string): SentEvent {
    this.#assertOpen();
    const stored = this.#events.get(eventId);
    if (stored === undefined)
      throw new WebhookInputError(
        'event_id',
        'no such event (or it is older than the events kept)',
        'not_found',
      );
    const targets =
      subscriptionId === undefined
        ? stored.subscriptionIds.flatMap((id) => this.subscriptions.get(id) ?? [])
        : this.#targets(subscriptionId, undefined);
    for (const subscription of targets) this.#startDelivery(stored, subscription, true);
    return { event: withEnvelope(stored), subscriptions: targets };
  }

  /** A kept event by id. */
  event(eventId: string): WebhookEvent | undefined {
    const stored = this.#events.get(eventId);
    return stored === undefined ? undefined : withEnvelope(stored);
  }

  /** Resolves once no attempt is running or about to (scheduled retries not yet due do not count). */
  settled(): Promise<void> {
    if (this.#busy === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /**
   * Forgets the events, the request details and the run-time subscriptions (configured ones stay);
   * cancels pending retries and abandons running attempts without recording them.
   */
  reset(): void {
    // Attempts waiting for a slot are not dropped: each sees it was forgotten and ends at once, so the
    // count `settled()` waits on stays right.
    for (const delivery of this.#deliveries) this.#forget(delivery);
    this.#events.clear();
    this.#dataBook.clear();
    this.subscriptions.reset();
  }

  /**
   * Stops: cancels every pending retry, lets running attempts finish for up to the grace (1 s), then aborts
   * the rest (recorded as `cancelled`), and closes the connection pools. Says how many of each there were.
   */
  async close(): Promise<SenderShutdown> {
    if (this.#closed) return { pendingRetries: 0, inFlight: 0 };
    this.#closed = true;
    const pendingRetries = this.#pendingRetries;
    for (const delivery of this.#deliveries) {
      if (delivery.cancelRetry?.() === true) this.#pendingRetries -= 1;
      delivery.cancelRetry = undefined;
    }
    const inFlight = this.#busy;
    if (inFlight > 0) {
      let grace: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([
        this.settled(),
        new Promise<void>((resolve) => {
          grace = setTimeout(resolve, this.#closeGraceMs);
        }),
      ]);
      clearTimeout(grace);
      for (const delivery of this.#deliveries) delivery.abort?.();
      await this.settled();
    }
    this.timers.dispose();
    this.#agents.destroy();
    return { pendingRetries, inFlight };
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error('the webhook sender is closed');
  }

  #targets(subscriptionId: string | undefined, clientId: string | undefined): WebhookSubscription[] {
    if (subscriptionId === undefined) return this.subscriptions.for(clientId);
    const subscription = this.subscriptions.get(subscriptionId);
    if (subscription === undefined)
      throw new WebhookInputError('subscription_id', 'no such subscription', 'not_found');
    return [subscription];
  }

  #keep(stored: StoredEvent): void {
    this.#events.set(stored.eventId, stored);
    if (this.#events.size > this.#eventCapacity) {
      const oldest = this.#events.keys().next().value;
      if (oldest !== undefined) this.#events.delete(oldest);
    }
  }

  /** The request's details: the same patient and trip for every event about it. */
  /** The request's details: the same patient and trip for every event about it, with what calls changed. */
  #bookedData(serviceRequestId: string, nowMs: number): RequestData {
    const booked = this.#booking(serviceRequestId, nowMs);
    const fixture = requestDataFixture(serviceRequestId, booked.createdAtMs);
    return booked.changes === undefined ? fixture : { ...fixture, ...booked.changes };
  }

  #booking(serviceRequestId: string, nowMs: number): BookedRequest {
    const known = this.#dataBook.get(serviceRequestId);
    if (known !== undefined) return known;
    const fresh = { createdAtMs: nowMs, changes: undefined };
    this.#book(serviceRequestId, fresh);
    return fresh;
  }

  #book(serviceRequestId: string, booked: BookedRequest): void {
    this.#dataBook.delete(serviceRequestId);
    this.#dataBook.set(serviceRequestId, booked);
    if (this.#dataBook.size > DATA_BOOK_CAPACITY) {
      const oldest = this.#dataBook.keys().next().value;
      if (oldest !== undefined) this.#dataBook.delete(oldest);
    }
  }

  #startDelivery(stored: StoredEvent, subscription: WebhookSubscription, redelivery: boolean): void {
    this.#deliveryCount += 1;
    const delivery: Delivery = {
      deliveryId: `dlv_${this.#deliveryCount}`,
      stored,
      subscription,
      redelivery,
      firstStartedAtMs: Number.NaN,
      cancelRetry: undefined,
      abort: undefined,
      forgotten: false,
    };
    this.#deliveries.add(delivery);
    this.#runAttempt(delivery, 1);
  }

  #forget(delivery: Delivery): void {
    delivery.forgotten = true;
    if (delivery.cancelRetry?.() === true) this.#pendingRetries -= 1;
    delivery.cancelRetry = undefined;
    delivery.abort?.();
    this.#deliveries.delete(delivery);
  }

  #runAttempt(delivery: Delivery, attempt: number): void {
    this.#busy += 1;
    const signature = delivery.stored.signature;
    this.#limiter.run((done) => {
      const finished = (): void => {
        done();
        this.#busy -= 1;
        if (this.#busy === 0) for (const resolve of this.#idleWaiters.splice(0)) resolve();
      };
      if (delivery.forgotten) {
        finished();
        return;
      }
      signature.then(
        (signed) => this.#send(delivery, attempt, signed, finished),
        () => {
          // Signing cannot fail with a key that loaded; should it, the delivery ends recorded, not stuck.
          this.#finishAttempt(delivery, attempt, this.#clock.now(), {}, failedResult('cancelled'));
          finished();
        },
      );
    });
  }

  #send(delivery: Delivery, attempt: number, signature: string, finished: () => void): void {
    if (delivery.forgotten) {
      finished();
      return;
    }
    const headers = { 'Content-Type': 'application/json', [SIGNATURE_HEADER]: signature };
    const startedAtMs = this.#clock.now();
    if (this.#closed) {
      // Closing: an attempt that was still waiting for a slot never starts.
      this.#finishAttempt(delivery, attempt, startedAtMs, headers, failedResult('cancelled'));
      finished();
      return;
    }
    if (attempt === 1) delivery.firstStartedAtMs = startedAtMs;
    this.#attempt(
      { url: delivery.subscription.url, body: delivery.stored.body, headers },
      {
        timeoutMs: this.#timeoutMs,
        setTimer: (ms, callback) => this.timers.after(ms, callback),
        now: () => this.#clock.now(),
        agents: this.#agents,
        onStart: (cancel) => (delivery.abort = cancel),
      },
    )
      .catch((): AttemptResult => failedResult('connection_reset'))
      .then((result) => {
        delivery.abort = undefined;
        if (!delivery.forgotten) this.#finishAttempt(delivery, attempt, startedAtMs, headers, result);
        finished();
      });
  }

  #finishAttempt(
    delivery: Delivery,
    attempt: number,
    startedAtMs: number,
    headers: Readonly<Record<string, string>>,
    result: AttemptResult,
  ): void {
    const first = Number.isNaN(delivery.firstStartedAtMs) ? startedAtMs : delivery.firstStartedAtMs;
    const dueAtMs =
      this.#closed || result.error === 'cancelled'
        ? null
        : nextAttemptAt(first, attempt, result.delivered, this.#schedule);
    const event = delivery.stored;
    const record: WebhookAttemptRecord = {
      kind: 'webhook_delivery',
      deliveryId: delivery.deliveryId,
      eventId: event.eventId,
      serviceRequestId: event.serviceRequestId,
      action: event.action,
      requestStatus: event.requestStatus,
      subscriptionId: delivery.subscription.subscriptionId,
      clientId: delivery.subscription.clientId,
      url: delivery.subscription.url,
      attempt,
      redelivery: delivery.redelivery,
      startedAtMs,
      durationMs: Math.max(0, result.durationMs),
      status: result.status,
      error: result.error,
      delivered: result.delivered,
      nextAttemptAtMs: dueAtMs,
      headers,
      body: event.body,
    };
    if (dueAtMs === null) this.#deliveries.delete(delivery);
    else {
      this.#pendingRetries += 1;
      delivery.cancelRetry = this.timers.at(dueAtMs, () => {
        delivery.cancelRetry = undefined;
        this.#pendingRetries -= 1;
        this.#runAttempt(delivery, attempt + 1);
      });
    }
    try {
      this.#onAttempt(record);
    } catch (error) {
      console.error(
        'vectorcare-auth-mock: recording a webhook attempt failed:',
        error instanceof Error ? error.name : 'error',
      );
    }
  }
}

const failedResult = (error: DeliveryError): AttemptResult => ({
  delivered: false,
  status: null,
  error,
  durationMs: 0,
  timeToAnswerMs: null,
  answerBytes: 0,
});
