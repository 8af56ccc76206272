import type { WebhookAttemptRecord } from './webhook-sender.js';

/** A finished attempt with its place in the log. */
export interface LoggedAttempt {
  readonly seq: number;
  readonly record: WebhookAttemptRecord;
}

export interface DeliveryQuery {
  readonly eventId?: string;
  readonly subscriptionId?: string;
}

/**
 * Every finished delivery attempt, in a bounded ring buffer like the recorder's: the newest `capacity`
 * are kept, `dropped` counts the rest. Listeners hear each attempt as it is kept (a live dashboard).
 */
export class DeliveryLog {
  readonly capacity: number;
  readonly #buffer: (LoggedAttempt | undefined)[];
  readonly #listeners = new Set<(attempt: LoggedAttempt) => void>();
  #next = 0;
  #size = 0;
  #seq = 0;
  #dropped = 0;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError('capacity must be a positive integer');
    this.capacity = capacity;
    this.#buffer = new Array<LoggedAttempt | undefined>(capacity);
  }

  keep(record: WebhookAttemptRecord): LoggedAttempt {
    this.#seq += 1;
    const logged = { seq: this.#seq, record };
    if (this.#size === this.capacity) this.#dropped += 1;
    else this.#size += 1;
    this.#buffer[this.#next] = logged;
    this.#next = (this.#next + 1) % this.capacity;
    for (const listener of this.#listeners) listener(logged);
    return logged;
  }

  /** Kept attempts, oldest first. */
  list(query: DeliveryQuery = {}): LoggedAttempt[] {
    const out: LoggedAttempt[] = [];
    const start = (this.#next - this.#size + this.capacity) % this.capacity;
    for (let i = 0; i < this.#size; i += 1) {
      const logged = this.#buffer[(start + i) % this.capacity];
      if (logged === undefined) continue;
      if (query.eventId !== undefined && logged.record.eventId !== query.eventId) continue;
      if (query.subscriptionId !== undefined && logged.record.subscriptionId !== query.subscriptionId)
        continue;
      out.push(logged);
    }
    return out;
  }

  get dropped(): number {
    return this.#dropped;
  }

  get size(): number {
    return this.#size;
  }

  /** Calls `listener` with each attempt kept from now on; returns the function that stops it. */
  subscribe(listener: (attempt: LoggedAttempt) => void): () => void {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  }

  clear(): void {
    this.#buffer.fill(undefined);
    this.#next = 0;
    this.#size = 0;
    this.#dropped = 0;
  }
}
