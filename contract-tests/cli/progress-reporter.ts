import { systemNow } from '../../mock-server/index.js';
import type { CommandIo } from '../../shared/command-io.js';
import type { RuleResult } from '../report/report-types.js';
import { resultLine } from '../report/summary-table.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/**
 * Prints one line per rule as its scenario finishes. On a terminal it also keeps a spinner line with how
 * many scenarios are still running; in CI (no TTY) only the plain lines.
 */
export class ProgressReporter {
  readonly #io: CommandIo;
  readonly #total: number;
  #done = 0;
  #frame = 0;
  #timer: NodeJS.Timeout | undefined;
  readonly #now: () => number;
  readonly #startedAt: number;

  /** `now` is the time the spinner counts seconds by; default the system's. */
  constructor(io: CommandIo, total: number, now: () => number = systemNow) {
    this.#io = io;
    this.#total = total;
    this.#now = now;
    this.#startedAt = now();
  }

  start(): void {
    if (this.#io.isTTY !== true || this.#io.write === undefined) return;
    this.#timer = setInterval(() => this.#draw(), 120);
    this.#timer.unref();
    this.#draw();
  }

  result(result: RuleResult): void {
    this.#done += 1;
    this.#clear();
    this.#io.out(resultLine(result));
    this.#draw();
  }

  stop(): void {
    this.#clear();
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #draw(): void {
    if (this.#timer === undefined || this.#io.write === undefined) return;
    this.#frame = (this.#frame + 1) % FRAMES.length;
    const elapsed = Math.round((this.#now() - this.#startedAt) / 1000);
    this.#io.write(`\r${FRAMES[this.#frame]} ${this.#done}/${this.#total} rules judged, ${elapsed} s`);
  }

  #clear(): void {
    if (this.#timer !== undefined && this.#io.write !== undefined) this.#io.write('\r\u001b[2K');
  }
}
