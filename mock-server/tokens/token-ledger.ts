import type { Clock } from '../clock.js';
import type { IssuedToken } from './token-issuer.js';

interface LedgerEntry {
  readonly clientId: string;
  readonly issuedAtMs: number;
  readonly expiresAtMs: number;
}

/** How many issued tokens are remembered for revoke-by-client counting; older ones fall back to a cutoff. */
export const DEFAULT_LEDGER_CAPACITY = 100_000;

/**
 * Remembers the tokens the mock issued and which are revoked. Memory is bounded: the ledger keeps the
 * newest `capacity` tokens, and revocations are forgotten once the token has expired anyway.
 */
export class TokenLedger {
  readonly #clock: Clock;
  readonly #capacity: number;
  readonly #issued = new Map<string, LedgerEntry>();
  /** jti → expiry (ms); dropped once expired. */
  readonly #revoked = new Map<string, number>();
  /** client → time (ms) before which its tokens no longer in the ledger count as revoked. */
  readonly #clientCutoff = new Map<string, number>();

  constructor(clock: Clock, capacity: number = DEFAULT_LEDGER_CAPACITY) {
    this.#clock = clock;
    this.#capacity = capacity;
  }

  add(token: IssuedToken): void {
    if (this.#issued.size >= this.#capacity) {
      const oldest = this.#issued.keys().next();
      if (oldest.done !== true) this.#issued.delete(oldest.value);
    }
    this.#issued.set(token.jti, {
      clientId: token.clientId,
      issuedAtMs: token.issuedAtMs,
      expiresAtMs: token.expiresAtMs,
    });
  }

  /** Revokes one token. Returns 1 when it was a live token this mock issued and not yet revoked, else 0. */
  revokeJti(jti: string): number {
    if (this.#revoked.has(jti)) return 0;
    const entry = this.#issued.get(jti);
    const live = entry !== undefined && entry.expiresAtMs > this.#clock.now();
    this.#revoked.set(jti, entry?.expiresAtMs ?? Number.POSITIVE_INFINITY);
    this.#prune();
    return live ? 1 : 0;
  }

  /** Revokes every token issued to `clientId` so far; returns how many of them were live. */
  revokeClient(clientId: string): number {
    const now = this.#clock.now();
    let count = 0;
    for (const [jti, entry] of this.#issued) {
      if (entry.clientId !== clientId || this.#revoked.has(jti)) continue;
      this.#revoked.set(jti, entry.expiresAtMs);
      if (entry.expiresAtMs > now) count += 1;
    }
    this.#clientCutoff.set(clientId, now);
    this.#prune();
    return count;
  }

  /** Whether a presented token (by its claims) is revoked. */
  isRevoked(jti: string, clientId: string, issuedAtMs: number): boolean {
    if (this.#revoked.has(jti)) return true;
    if (this.#issued.has(jti)) return false;
    const cutoff = this.#clientCutoff.get(clientId);
    return cutoff !== undefined && issuedAtMs < cutoff;
  }

  clear(): void {
    this.#revoked.clear();
    this.#clientCutoff.clear();
  }

  #prune(): void {
    const now = this.#clock.now();
    for (const [jti, expiresAtMs] of this.#revoked) if (expiresAtMs <= now) this.#revoked.delete(jti);
  }
}
