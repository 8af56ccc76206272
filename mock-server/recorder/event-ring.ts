/** An event a ring keeps: the ring numbers it. */
interface Numbered {
  seq: number;
}

/**
 * A bounded ring buffer of events, oldest first, each numbered as it is kept: a long run never grows
 * memory without limit, and what was pushed out is counted.
 */
export class EventRing<E extends { readonly seq: number }> {
  readonly capacity: number;
  readonly #buffer: (E | undefined)[];
  #next = 0;
  #size = 0;
  #seq = 0;
  #dropped = 0;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError('recorder capacity must be a positive integer');
    this.capacity = capacity;
    this.#buffer = new Array<E | undefined>(capacity);
  }

  /** Keeps `event`, setting its `seq` in place (no copy: the hub's hot path records through here). */
  push(event: E): E {
    this.#seq += 1;
    (event as unknown as Numbered).seq = this.#seq;
    if (this.#size === this.capacity) this.#dropped += 1;
    else this.#size += 1;
    this.#buffer[this.#next] = event;
    this.#next = (this.#next + 1) % this.capacity;
    return event;
  }

  /** The events kept, oldest first, that `keep` accepts. */
  list(keep: (event: E) => boolean = () => true): E[] {
    const out: E[] = [];
    const start = (this.#next - this.#size + this.capacity) % this.capacity;
    for (let i = 0; i < this.#size; i += 1) {
      const event = this.#buffer[(start + i) % this.capacity];
      if (event !== undefined && keep(event)) out.push(event);
    }
    return out;
  }

  /** How many events were pushed out since the last clear. */
  get dropped(): number {
    return this.#dropped;
  }

  /** The seq of the newest event ever kept (0 before the first), cleared or not: the ring's cursor. */
  get lastSeq(): number {
    return this.#seq;
  }

  get size(): number {
    return this.#size;
  }

  /** Forgets every event; numbering goes on where it was. */
  clear(): void {
    this.#buffer.fill(undefined);
    this.#next = 0;
    this.#size = 0;
    this.#dropped = 0;
  }
}
