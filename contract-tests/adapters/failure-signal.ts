import type { AdapterError } from './adapter-error.js';

/** The first way an adapter broke, told to whoever listens (once), and to those who ask later. */
export class FailureSignal {
  #error: AdapterError | undefined;
  readonly #listeners = new Set<(error: AdapterError) => void>();

  /** Why the adapter broke, or undefined while it is sound. */
  get error(): AdapterError | undefined {
    return this.#error;
  }

  /** Records the failure and tells the listeners; false (and nothing told) when one was recorded already. */
  fail(error: AdapterError): boolean {
    if (this.#error !== undefined) return false;
    this.#error = error;
    for (const listener of [...this.#listeners]) listener(error);
    this.#listeners.clear();
    return true;
  }

  /** Calls `listener` once when the adapter breaks (at once if it has); returns the function that stops it. */
  onFailure(listener: (error: AdapterError) => void): () => void {
    if (this.#error !== undefined) {
      listener(this.#error);
      return () => undefined;
    }
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  }
}
