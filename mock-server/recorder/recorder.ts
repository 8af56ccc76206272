import type { components } from '../../generated/openapi.js';

/** One recorded exchange, in the wire shape served by `GET /__control/recordings`. */
export type Recording = components['schemas']['Recording'];

/** What a route reports; the recorder adds `seq`, `time` and `duration_ms`. */
export type RecordingInput = Omit<Recording, 'seq' | 'time' | 'duration_ms'>;

export interface RecorderQuery {
  readonly clientId?: string;
  /** Only exchanges with a greater `seq`. */
  readonly sinceSeq?: number;
}

export type RecorderListener = (recording: Recording) => void;

export const DEFAULT_RECORDER_CAPACITY = 10_000;

/**
 * Remembers every exchange in a bounded ring buffer, so a long run never grows memory without limit.
 * Callers never pass secrets in: token requests keep only how the client authenticated.
 */
export class Recorder {
  readonly capacity: number;
  readonly #buffer: (Recording | undefined)[];
  #next = 0;
  #size = 0;
  #seq = 0;
  #dropped = 0;
  #lastTimeMs = Number.NaN;
  #lastTime = '';
  readonly #listeners = new Set<RecorderListener>();

  constructor(capacity: number = DEFAULT_RECORDER_CAPACITY) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError('recorder capacity must be a positive integer');
    this.capacity = capacity;
    this.#buffer = new Array<Recording | undefined>(capacity);
  }

  /** Records an exchange that ended at `endedAtMs` (by the mock clock) and returns it with its sequence number. */
  record(input: RecordingInput, endedAtMs?: number): Recording {
    return this.keep({ seq: 0, time: '', duration_ms: 0, ...input }, endedAtMs);
  }

  /**
   * Records an exchange whose recording the route built whole, without copying it: `seq`, `time` and
   * `duration_ms` are filled in here (put them first, as placeholders, to keep the wire order). The hub's
   * hot path uses it; a hub call costs only tens of microseconds, and a copy per call counted.
   */
  keep(recording: Recording, endedAtMs?: number): Recording {
    this.#seq += 1;
    recording.seq = this.#seq;
    recording.time = this.#isoTime(recording.time_ms);
    recording.duration_ms = endedAtMs === undefined ? 0 : Math.max(0, endedAtMs - recording.time_ms);
    if (this.#size === this.capacity) this.#dropped += 1;
    else this.#size += 1;
    this.#buffer[this.#next] = recording;
    this.#next = (this.#next + 1) % this.capacity;
    for (const listener of this.#listeners) listener(recording);
    return recording;
  }

  /** `time_ms` in ISO 8601; exchanges under load share their millisecond, so the last one is kept. */
  #isoTime(timeMs: number): string {
    if (timeMs !== this.#lastTimeMs) {
      this.#lastTime = new Date(timeMs).toISOString();
      this.#lastTimeMs = timeMs;
    }
    return this.#lastTime;
  }

  /** Recorded exchanges, oldest first. */
  list(query: RecorderQuery = {}): Recording[] {
    const out: Recording[] = [];
    const start = (this.#next - this.#size + this.capacity) % this.capacity;
    for (let i = 0; i < this.#size; i += 1) {
      const recording = this.#buffer[(start + i) % this.capacity];
      if (recording === undefined) continue;
      if (query.clientId !== undefined && recording.client_id !== query.clientId) continue;
      if (query.sinceSeq !== undefined && recording.seq <= query.sinceSeq) continue;
      out.push(recording);
    }
    return out;
  }

  /** How many exchanges were pushed out of the buffer since the last clear. */
  get dropped(): number {
    return this.#dropped;
  }

  get size(): number {
    return this.#size;
  }

  /** Calls `listener` for each new exchange; returns the function that stops it. */
  subscribe(listener: RecorderListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  clear(): void {
    this.#buffer.fill(undefined);
    this.#next = 0;
    this.#size = 0;
    this.#dropped = 0;
  }
}
