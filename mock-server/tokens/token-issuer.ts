import { randomUUID, sign } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { SigningKey } from '../keys/signing-key.js';

export interface IssuedToken {
  readonly accessToken: string;
  readonly jti: string;
  readonly clientId: string;
  /** Epoch ms by the mock clock. */
  readonly issuedAtMs: number;
  readonly expiresAtMs: number;
  readonly expiresIn: number;
}

export interface TokenIssuerOptions {
  readonly key: SigningKey;
  readonly clock: Clock;
  /** The `iss` claim. A function, because the issuer may be known only once the server listens. */
  readonly issuer: () => string;
  /** Source of `jti` values; defaults to `crypto.randomUUID`. */
  readonly randomId?: () => string;
}

export type TokenIssuer = (clientId: string, expiresIn: number) => Promise<IssuedToken>;

const base64url = (value: string): string => Buffer.from(value, 'utf8').toString('base64url');

/** NumericDate with millisecond precision (RFC 7519 §2 allows fractions): never truncated down. */
const numericDate = (ms: number): number => Math.round(ms) / 1000;

/**
 * Creates the one function that mints access tokens: RS256 JWTs with VectorCare's claims. Signing runs
 * asynchronously on libuv's thread pool, so it uses every core.
 */
export function createTokenIssuer(options: TokenIssuerOptions): TokenIssuer {
  const { key, clock } = options;
  const randomId = options.randomId ?? randomUUID;
  const header = base64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', kid: key.kid }));

  return function issueToken(clientId, expiresIn) {
    const jti = randomId();
    const issuedAtMs = Math.round(clock.now());
    const iat = numericDate(issuedAtMs);
    const claims = {
      aud: clientId,
      jti,
      iat,
      nbf: iat,
      exp: iat + expiresIn,
      sub: clientId,
      scopes: [] as string[],
      iss: options.issuer(),
    };
    const signingInput = `${header}.${base64url(JSON.stringify(claims))}`;
    return new Promise((resolve, reject) => {
      sign('sha256', Buffer.from(signingInput), key.privateKey, (error, signature) => {
        if (error) {
          reject(error);
          return;
        }
        resolve({
          accessToken: `${signingInput}.${signature.toString('base64url')}`,
          jti,
          clientId,
          issuedAtMs,
          expiresAtMs: issuedAtMs + expiresIn * 1000,
          expiresIn,
        });
      });
    });
  };
}
