import { describe, expect, it } from 'vitest';
import { createClock } from '../clock.js';
import type { IssuedToken } from './token-issuer.js';
import { TokenLedger } from './token-ledger.js';

const issuedAt = Date.UTC(2026, 0, 15, 14, 30);

const token = (jti: string, clientId = 'demo-client'): IssuedToken => ({
  accessToken: `header.claims.${jti}`,
  jti,
  clientId,
  issuedAtMs: issuedAt,
  expiresAtMs: issuedAt + 3_600_000,
  expiresIn: 3600,
});

function ledgerOf(capacity: number): TokenLedger {
  return new TokenLedger(createClock({ frozenAt: issuedAt }), capacity);
}

describe('TokenLedger', () => {
  it('revokes a live token it issued once, and counts it', () => {
    const ledger = ledgerOf(10);
    ledger.add(token('a'));
    expect(ledger.revokeJti('a')).toBe(1);
    expect(ledger.revokeJti('a')).toBe(0);
    expect(ledger.isRevoked('a', 'demo-client', issuedAt)).toBe(true);
  });

  it('keeps the newest tokens up to its capacity, forgets the oldest first, and says how many', () => {
    const ledger = ledgerOf(3);
    expect([ledger.size, ledger.capacity]).toEqual([0, 3]);
    for (const jti of ['a', 'b', 'c', 'd', 'e']) ledger.add(token(jti));
    expect([ledger.size, ledger.capacity]).toEqual([3, 3]);
    // 'a' and 'b' are forgotten: revoking them counts no live token; 'c'..'e' are still known.
    expect(ledger.revokeJti('a')).toBe(0);
    expect(ledger.revokeJti('b')).toBe(0);
    expect(['c', 'd', 'e'].map((jti) => ledger.revokeJti(jti))).toEqual([1, 1, 1]);
  });

  it('counts only the remembered tokens when revoking a client', () => {
    const ledger = ledgerOf(4);
    for (const jti of ['a1', 'a2', 'a3']) ledger.add(token(jti, 'client-a'));
    for (const jti of ['b1', 'b2']) ledger.add(token(jti, 'client-b'));
    // Capacity 4: 'a1' was pushed out by 'b2'.
    expect(ledger.revokeClient('client-a')).toBe(2);
    expect(ledger.revokeClient('client-b')).toBe(2);
  });

  it('forgets a jti issued twice only with its newest issue', () => {
    const ledger = ledgerOf(3);
    ledger.add(token('same'));
    ledger.add(token('x'));
    ledger.add(token('same'));
    ledger.add(token('y')); // evicts the first 'same' slot, not the newer issue
    expect(ledger.revokeJti('same')).toBe(1);
  });

  it('keeps every expiry over thousands of tokens', () => {
    const ledger = ledgerOf(5000);
    for (let i = 0; i < 3000; i += 1) ledger.add(token(`t${i}`));
    expect([0, 1023, 1024, 2047, 2999].map((i) => ledger.revokeJti(`t${i}`))).toEqual([1, 1, 1, 1, 1]);
    expect(ledger.revokeClient('demo-client')).toBe(2995);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => ledgerOf(0)).toThrow(RangeError);
  });
});
