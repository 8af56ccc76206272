import { EventRing } from './event-ring.js';
import type {
  ControlExchangeEvent,
  ExchangeEvent,
  RecordedEvent,
  WebhookDeliveryEvent,
  Writable,
} from './recorded-event.js';

export interface RecorderQuery {
  readonly clientId?: string;
  /** Only events with a greater `seq` (within their ring). */
  readonly sinceSeq?: number;
}

/** Told of each event as it is kept, whatever its kind. */
export type RecorderListener = (event: RecordedEvent) => void;

export const DEFAULT_RECORDER_CAPACITY = 10_000;

/** Which webhook delivery attempts to list. */
export interface DeliveryQuery {
  readonly eventId?: string;
  readonly subscriptionId?: string;
}

/**
 * Remembers what happened on the mock as typed domain events (recorded-event.ts), in bounded rings, so a
 * long run never grows memory without limit. Token requests and hub calls share one ring, the recordings
 * the control API lists; control API requests have their own, so polling the control API never pushes a
 * client's exchanges out (or renumbers them). A new kind of event gets its own ring here, beside these.
 * Callers never pass secrets in: token requests keep only how the client authenticated. The snake_case
 * wire shapes (JSON, HAR) are made from these events only at the control API's edge (control/).
 */
export class Recorder {
  readonly #exchanges: EventRing<ExchangeEvent>;
  readonly #control: EventRing<ControlExchangeEvent>;
  readonly #deliveries: EventRing<WebhookDeliveryEvent>;
  readonly #listeners = new Set<RecorderListener>();

  /**
   * `capacity` bounds each ring: the exchanges (the recordings) and, separately, the control requests and
   * the webhook delivery attempts.
   */
  constructor(capacity: number = DEFAULT_RECORDER_CAPACITY) {
    this.#exchanges = new EventRing(capacity);
    this.#control = new EventRing(capacity);
    this.#deliveries = new EventRing(capacity);
  }

  /**
   * Keeps an event whose producer built it whole, without copying it: `seq` and `durationMs` are set here
   * (the producer puts them as placeholders). The hub's hot path records through here; a hub call costs only
   * tens of microseconds, and a copy per call counted. `endedAtMs` is when the answer was ready, by the mock
   * clock. Then every listener is told.
   */
  keep<E extends RecordedEvent>(event: Writable<E>, endedAtMs?: number): E {
    event.durationMs = endedAtMs === undefined ? 0 : Math.max(0, endedAtMs - event.atMs);
    const kept = event as E;
    if (kept.kind === 'control') this.#control.push(kept);
    else if (kept.kind === 'webhook_delivery') this.#deliveries.push(kept);
    else this.#exchanges.push(kept);
    for (const listener of this.#listeners) listener(kept);
    return kept;
  }

  /** Token requests and hub calls, oldest first: what `GET /__control/recordings` lists. */
  list(query: RecorderQuery = {}): ExchangeEvent[] {
    const { clientId, sinceSeq } = query;
    if (clientId === undefined && sinceSeq === undefined) return this.#exchanges.list();
    return this.#exchanges.list(
      (event) =>
        (clientId === undefined || event.clientId === clientId) &&
        (sinceSeq === undefined || event.seq > sinceSeq),
    );
  }

  /** Requests to the control API, oldest first. */
  controlExchanges(query: Pick<RecorderQuery, 'sinceSeq'> = {}): ControlExchangeEvent[] {
    const { sinceSeq } = query;
    return sinceSeq === undefined
      ? this.#control.list()
      : this.#control.list((event) => event.seq > sinceSeq);
  }

  /** Webhook delivery attempts, oldest first, of one event or subscription if asked. */
  deliveries(query: DeliveryQuery = {}): WebhookDeliveryEvent[] {
    const { eventId, subscriptionId } = query;
    if (eventId === undefined && subscriptionId === undefined) return this.#deliveries.list();
    return this.#deliveries.list(
      (event) =>
        (eventId === undefined || event.eventId === eventId) &&
        (subscriptionId === undefined || event.subscriptionId === subscriptionId),
    );
  }

  /** How many delivery attempts were pushed out of their ring since the last clear. */
  get droppedDeliveries(): number {
    return this.#deliveries.dropped;
  }

  /** The bound of each ring. */
  get capacity(): number {
    return this.#exchanges.capacity;
  }

  /** How many exchanges were pushed out of their ring since the last clear. */
  get dropped(): number {
    return this.#exchanges.dropped;
  }

  /** How many exchanges are kept. */
  get size(): number {
    return this.#exchanges.size;
  }

  /** Calls `listener` for each new event of any kind; returns the function that stops it. */
  subscribe(listener: RecorderListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Forgets every event of every kind; numbering goes on. */
  clear(): void {
    this.#exchanges.clear();
    this.#control.clear();
    this.#deliveries.clear();
  }
}
