import type { AdapterError } from './adapter-error.js';
import type { LineOutcome } from './line-session.js';
import type { AppliedMessage, ReceiverInfo, ReceiverState } from './receiver-protocol-messages.js';

/** What a webhook receiver adapter is started with (DESIGN.md §8), named as the stdio environment names it. */
export interface ReceiverEnvironment {
  /** The PEM public key text the receiver must verify signatures with. */
  readonly VECTORCARE_WEBHOOK_PUBLIC_KEY: string;
  /** The same key, as a file path. */
  readonly VECTORCARE_WEBHOOK_PUBLIC_KEY_FILE: string;
  /** The scenario (rule) id, for the adapter's logs only. */
  readonly VECTORCARE_SCENARIO: string;
}

/** Where the kit's deliveries go: a URL over HTTP, or an in-process Fetch-style handler. */
export type DeliveryTarget =
  | { readonly kind: 'http'; readonly url: string }
  | { readonly kind: 'in-process'; readonly fetch: (request: Request) => Promise<Response> };

/** How a state query ended, from the kit's side. */
export type StateOutcome = LineOutcome<ReceiverState>;

/** One running receiver adapter: a child process or an in-process module, seen the same way by scenarios. */
export interface ReceiverSession {
  /** The ready message (for a module, as the kit built it from what `createAdapter` returned). */
  readonly info: ReceiverInfo;
  readonly target: DeliveryTarget;
  /**
   * Calls `listener` with every applied message, those that came before it was added first, each with the
   * time it arrived by the kit's clock. Returns the function that stops it.
   */
  onApplied(listener: (message: AppliedMessage, atMs: number) => void): () => void;
  /** Asks what the application holds for a request, waiting at most `timeoutMs`. Rejects once the session broke. */
  state(id: string, serviceRequestId: string, timeoutMs: number): Promise<StateOutcome>;
  /** Why the session broke (non-protocol output, an exit before shutdown), or undefined while it is sound. */
  failure(): AdapterError | undefined;
  /** Calls `listener` once if the session breaks. */
  onFailure(listener: (error: AdapterError) => void): () => void;
  /** Asks the receiver to stop, and makes sure it has. Never rejects. */
  close(): Promise<void>;
  /** The adapter's log so far (stderr for a process, `env.log` lines for a module). */
  log(): string;
}

/** Starts a receiver for one scenario; rejects with an AdapterError when it never becomes ready. */
export type ReceiverLauncher = (environment: ReceiverEnvironment) => Promise<ReceiverSession>;

/** Applied messages kept and passed on to listeners, those added late included. */
export class AppliedFeed {
  readonly #seen: { readonly message: AppliedMessage; readonly atMs: number }[] = [];
  readonly #listeners = new Set<(message: AppliedMessage, atMs: number) => void>();

  push(message: AppliedMessage, atMs: number): void {
    this.#seen.push({ message, atMs });
    for (const listener of [...this.#listeners]) listener(message, atMs);
  }

  subscribe(listener: (message: AppliedMessage, atMs: number) => void): () => void {
    for (const { message, atMs } of this.#seen) listener(message, atMs);
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  }
}
