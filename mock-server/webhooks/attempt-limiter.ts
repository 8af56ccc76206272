/**
 * Bounds how many delivery attempts run at once; the rest wait their turn in order. Without it a burst of
 * events to many subscribers opens a socket each and runs the process out of file descriptors, turning
 * good receivers into failed attempts. An attempt's 10 s limit starts when it leaves the queue.
 */
export class AttemptLimiter {
  readonly #limit: number;
  readonly #queue: (() => void)[] = [];
  #head = 0;
  #running = 0;

  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError('the attempt limit must be a positive integer');
    this.#limit = limit;
  }

  /** Attempts running now. */
  get running(): number {
    return this.#running;
  }

  /** Attempts waiting for a slot. */
  get waiting(): number {
    return this.#queue.length - this.#head;
  }

  /** Runs `start` now or once a slot frees; `start` must call the `done` it is given exactly once. */
  run(start: (done: () => void) => void): void {
    if (this.#running < this.#limit) this.#start(start);
    else this.#queue.push(() => this.#start(start));
  }

  #start(start: (done: () => void) => void): void {
    this.#running += 1;
    let finished = false;
    start(() => {
      if (finished) return;
      finished = true;
      this.#running -= 1;
      this.#next();
    });
  }

  #next(): void {
    if (this.#head >= this.#queue.length) return;
    const next = this.#queue[this.#head] as () => void;
    this.#head += 1;
    if (this.#head > 1024 && this.#head * 2 > this.#queue.length) {
      this.#queue.splice(0, this.#head);
      this.#head = 0;
    }
    next();
  }
}
