import type { ClientClock } from './client-options.js';
import type { IssuedToken } from './token-response.js';

/** A token held by the cache, with the client-clock times that decide when it is replaced. */
export interface CachedToken {
  readonly accessToken: string;
  /** When the response arrived, by the client's clock. */
  readonly receivedAt: number;
  /** `receivedAt + refreshRatio × lifetime` (to the millisecond): the first instant at which the token is replaced. */
  readonly refreshAt: number;
}

export interface TokenCacheOptions {
  readonly clock: ClientClock;
  /** In (0, 1]; validated by the caller. */
  readonly refreshRatio: number;
  /** Asks the token endpoint for a token; rejects with a `VectorCareAuthError`. */
  readonly requestToken: () => Promise<IssuedToken>;
}

const RECENT_TOKENS = 4;

/**
 * Holds at most one token and decides, on each call, whether it may still be used. No timer: the refresh
 * point is compared with the clock when a token is asked for, so an idle process does nothing and a
 * suspended one cannot wake up to a token its timer thought was fresh.
 *
 * Concurrent callers that need a new token share one request (single flight). If it fails, they all get
 * its error, nothing is cached, and the next call starts a new request.
 */
export class TokenCache {
  readonly #options: TokenCacheOptions;
  #token: CachedToken | undefined;
  #inFlight: Promise<string> | undefined;
  #recent: string[] = [];

  constructor(options: TokenCacheOptions) {
    this.#options = options;
  }

  /** A token to present now: the cached one while fresh, else the one being requested, else a new request. */
  get(): Promise<string> {
    const cached = this.#token;
    if (cached !== undefined && this.#isFresh(cached)) return Promise.resolve(cached.accessToken);
    this.#token = undefined;
    return this.#inFlight ?? this.#startRequest();
  }

  /**
   * Forgets `accessToken` because the hub refused it. Only that token: when a concurrent caller already
   * replaced it, the replacement stays, so many calls failing with one revoked token cost one new token.
   */
  discard(accessToken: string): void {
    if (this.#token?.accessToken === accessToken) this.#token = undefined;
  }

  /** The last few tokens received, cached or not; for redacting them from errors a server echoes them in. */
  get recent(): readonly string[] {
    return this.#recent;
  }

  #isFresh(token: CachedToken): boolean {
    const now = this.#options.clock.now();
    // A clock that went backwards makes the age unknowable; a new token is the safe answer.
    return now >= token.receivedAt && now < token.refreshAt;
  }

  #startRequest(): Promise<string> {
    const flight = this.#options.requestToken().then(
      (issued) => {
        this.#inFlight = undefined;
        this.#recent = [issued.accessToken, ...this.#recent.slice(0, RECENT_TOKENS - 1)];
        if (issued.lifetimeMs !== undefined) {
          const receivedAt = this.#options.clock.now();
          this.#token = {
            accessToken: issued.accessToken,
            receivedAt,
            // Rounded so that 0.8 × 7 s is 5600 ms, not 5600.000000000001.
            refreshAt: receivedAt + Math.round(this.#options.refreshRatio * issued.lifetimeMs),
          };
        }
        return issued.accessToken;
      },
      (error: unknown) => {
        this.#inFlight = undefined;
        throw error;
      },
    );
    this.#inFlight = flight;
    return flight;
  }
}
