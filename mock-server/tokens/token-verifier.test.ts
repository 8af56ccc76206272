import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { forgeToken, mockClaims } from '../../test-support/forge-token.js';
import { createClock } from '../clock.js';
import { loadTestOnlySigningKey } from '../keys/signing-key.js';
import { createTokenVerifier, type TokenVerifierOptions } from './token-verifier.js';

const issuedAt = Date.UTC(2026, 0, 15, 14, 30);
const ISSUER = 'http://127.0.0.1:4010';
const key = await loadTestOnlySigningKey();
const own = { alg: 'RS256', key: key.privateKey } as const;
const foreign = {
  alg: 'RS256',
  key: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey,
} as const;

function setup(overrides: Partial<TokenVerifierOptions> = {}) {
  const clock = createClock({ frozenAt: issuedAt });
  const revoked = new Set<string>();
  const verify = createTokenVerifier({
    publicKey: key.publicKey,
    kid: key.kid,
    clock,
    issuer: () => ISSUER,
    isRevoked: (jti) => revoked.has(jti),
    isKnownClient: (clientId) => clientId !== 'forgotten-client',
    ...overrides,
  });
  return { clock, revoked, verify };
}

const claims = (overrides: Record<string, unknown> = {}) => ({
  ...mockClaims('demo-client', ISSUER, issuedAt, 3600, 'jti-1'),
  ...overrides,
});
const kid = { kid: key.kid };

describe('createTokenVerifier', () => {
  it('accepts a token the mock could have issued and reports its sub and jti', () => {
    const { verify } = setup();
    expect(verify(forgeToken(claims(), own, kid))).toEqual({
      check: 'valid',
      clientId: 'demo-client',
      jti: 'jti-1',
    });
  });

  it('accepts a token without kid when the mock key signed it', () => {
    const { verify } = setup();
    expect(verify(forgeToken(claims(), own)).check).toBe('valid');
  });

  it.each([
    ['not three segments', 'abc.def'],
    ['garbage segments', 'a.b.c'],
    [
      'a payload that is not an object',
      `${Buffer.from('{"alg":"RS256"}').toString('base64url')}.${Buffer.from('[1]').toString('base64url')}.sig`,
    ],
    ['empty', '..'],
  ])('refuses a malformed token: %s', (_name, token) => {
    const { verify } = setup();
    expect(verify(token)).toEqual({ check: 'malformed', clientId: null, jti: null });
  });

  it('refuses a token signed by a foreign key under the mock kid (bad_signature), still naming its sub and jti', () => {
    const { verify } = setup();
    expect(verify(forgeToken(claims(), foreign, kid))).toEqual({
      check: 'bad_signature',
      clientId: 'demo-client',
      jti: 'jti-1',
    });
  });

  it('refuses a kid the mock did not issue without checking the signature', () => {
    const { verify } = setup();
    expect(verify(forgeToken(claims(), foreign, { kid: 'someone-else' })).check).toBe('unknown_key');
    expect(verify(forgeToken(claims(), own, { kid: 'someone-else' })).check).toBe('unknown_key');
  });

  it('refuses alg none', () => {
    const { verify } = setup();
    expect(verify(forgeToken(claims(), { alg: 'none' }, kid)).check).toBe('bad_algorithm');
  });

  it('refuses HS256 signed with the public key as the secret', () => {
    const { verify } = setup();
    const pem = key.publicKey.export({ type: 'spki', format: 'pem' });
    expect(verify(forgeToken(claims(), { alg: 'HS256', secret: pem }, kid)).check).toBe('bad_algorithm');
  });

  it('refuses an RS256 signature labelled with another RSA algorithm', () => {
    const { verify } = setup();
    expect(verify(forgeToken(claims(), own, { ...kid, alg: 'RS512' })).check).toBe('bad_algorithm');
    expect(verify(forgeToken(claims(), own, { ...kid, alg: 'rs256' })).check).toBe('bad_algorithm');
  });

  it('ignores an embedded jwk, jku or x5u: a foreign key it names is never trusted', () => {
    const { verify } = setup();
    const foreignJwk = foreign.key.export({ format: 'jwk' });
    const header = {
      jwk: foreignJwk,
      jku: 'http://127.0.0.1:1/jwks.json',
      x5u: 'http://127.0.0.1:1/cert.pem',
    };
    expect(verify(forgeToken(claims(), foreign, header)).check).toBe('bad_signature');
    expect(verify(forgeToken(claims(), own, { ...kid, ...header })).check).toBe('valid');
  });

  it('refuses a crit header, which it cannot understand', () => {
    const { verify } = setup();
    expect(verify(forgeToken(claims(), own, { ...kid, crit: ['exp'] })).check).toBe('critical_header');
  });

  it('judges expiry in milliseconds by its clock, exp exclusive, fractional NumericDates kept', () => {
    const { clock, verify } = setup();
    const token = forgeToken(claims({ exp: issuedAt / 1000 + 60.5 }), own, kid);
    clock.freeze(issuedAt + 60_499);
    expect(verify(token).check).toBe('valid');
    clock.freeze(issuedAt + 60_500);
    expect(verify(token).check).toBe('expired');
  });

  it('refuses a token before its nbf, fractional', () => {
    const { clock, verify } = setup();
    const token = forgeToken(claims({ nbf: issuedAt / 1000 + 0.25 }), own, kid);
    expect(verify(token).check).toBe('not_yet_valid');
    clock.advance(250);
    expect(verify(token).check).toBe('valid');
  });

  it('refuses another issuer', () => {
    const { verify } = setup();
    expect(verify(forgeToken(claims({ iss: 'https://auth.vectorcare.com' }), own, kid)).check).toBe(
      'wrong_issuer',
    );
  });

  it('refuses a revoked token even after it was accepted once (the cache keeps only the signature)', () => {
    const { revoked, verify } = setup();
    const token = forgeToken(claims(), own, kid);
    expect(verify(token).check).toBe('valid');
    revoked.add('jti-1');
    expect(verify(token)).toEqual({ check: 'revoked', clientId: 'demo-client', jti: 'jti-1' });
  });

  it('remembers at most cacheSize verified tokens, and no refused one, and says how many', () => {
    const { verify } = setup({ cacheSize: 2 });
    expect(verify.cache).toEqual({ size: 0, capacity: 2 });
    for (const jti of ['jti-1', 'jti-2', 'jti-3']) verify(forgeToken(claims({ jti }), own, kid));
    verify(forgeToken(claims({ jti: 'jti-4' }), foreign, kid));
    expect(verify.cache).toEqual({ size: 2, capacity: 2 });
    expect(setup().verify.cache.capacity).toBe(10_000);
  });

  it('refuses a token of a client the mock no longer knows', () => {
    const { verify } = setup();
    const token = forgeToken(claims({ sub: 'forgotten-client' }), own, kid);
    expect(verify(token).check).toBe('unknown_client');
  });

  it.each([
    ['no exp', { exp: undefined }],
    ['a string exp', { exp: '2026-01-15' }],
    ['no sub', { sub: undefined }],
    ['a numeric jti', { jti: 7 }],
    ['a string nbf', { nbf: 'now' }],
  ])('refuses a correctly signed token with %s as malformed', (_name, overrides) => {
    const { verify } = setup();
    expect(verify(forgeToken(claims(overrides), own, kid)).check).toBe('malformed');
  });

  it('refuses a token whose signature was altered', () => {
    const { verify } = setup();
    const token = forgeToken(claims(), own, kid);
    const last = token.at(-2) === 'A' ? 'B' : 'A';
    expect(verify(`${token.slice(0, -2)}${last}${token.at(-1)}`).check).toBe('bad_signature');
  });
});
