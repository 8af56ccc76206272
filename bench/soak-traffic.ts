import type { SoakClient, SoakOutcome } from './soak-client.js';

/** Steps in flight at most: when the server falls behind, the soak skips steps instead of piling them up. */
const MAX_IN_FLIGHT = 256;
const TICK_MS = 20;

/**
 * The soak's steady load: `rate` steps a second, each by a client picked at random, counted by outcome.
 * A steady rate, not a flood: steps that would exceed MAX_IN_FLIGHT are skipped and counted.
 */
export class SoakTraffic {
  readonly counts = new Map<SoakOutcome, number>();
  skipped = 0;
  #inFlight = 0;
  #ticker: NodeJS.Timeout | undefined;

  constructor(
    private readonly clients: readonly SoakClient[],
    private readonly rate: number,
    private readonly random: () => number,
  ) {}

  /** Steps finished so far. */
  get steps(): number {
    return [...this.counts.values()].reduce((sum, count) => sum + count, 0);
  }

  start(): void {
    let credit = 0;
    this.#ticker = setInterval(() => {
      credit += (this.rate * TICK_MS) / 1000;
      for (; credit >= 1; credit -= 1) {
        if (this.#inFlight >= MAX_IN_FLIGHT) {
          this.skipped += 1;
          continue;
        }
        const client = this.clients[Math.floor(this.random() * this.clients.length)] as SoakClient;
        this.#inFlight += 1;
        void client.step().then((outcome) => {
          this.#inFlight -= 1;
          this.counts.set(outcome, (this.counts.get(outcome) ?? 0) + 1);
        });
      }
    }, TICK_MS);
  }

  /** Stops starting steps and resolves once those in flight have finished. */
  async stop(): Promise<void> {
    clearInterval(this.#ticker);
    this.#ticker = undefined;
    while (this.#inFlight > 0) await new Promise((resolve) => setTimeout(resolve, TICK_MS));
  }
}
