import { createHmac, sign, type KeyObject } from 'node:crypto';

const segment = (value: unknown): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

/** How to sign a forged token: with an RSA private key (RS256), an HMAC secret (HS256), or not at all. */
export type ForgeSigner =
  | { readonly alg: 'RS256'; readonly key: KeyObject }
  | { readonly alg: 'HS256'; readonly secret: Buffer | string }
  | { readonly alg: 'none' };

/**
 * Builds a compact JWS with any header and claims, for tests that check what the hub refuses. The
 * header's `alg` is whatever `header` says (default the signer's), so mismatches can be forged too.
 */
export function forgeToken(
  claims: Record<string, unknown>,
  signer: ForgeSigner,
  header: Record<string, unknown> = {},
): string {
  const input = `${segment({ typ: 'JWT', alg: signer.alg, ...header })}.${segment(claims)}`;
  switch (signer.alg) {
    case 'RS256':
      return `${input}.${sign('sha256', Buffer.from(input), signer.key).toString('base64url')}`;
    case 'HS256':
      return `${input}.${createHmac('sha256', signer.secret).update(input).digest('base64url')}`;
    case 'none':
      return `${input}.`;
  }
}

/** The claims the mock puts in its tokens, with NumericDates from `issuedAtMs`. */
export function mockClaims(
  clientId: string,
  issuer: string,
  issuedAtMs: number,
  expiresIn = 3600,
  jti = 'forged-jti',
): Record<string, unknown> {
  const iat = issuedAtMs / 1000;
  return { aud: clientId, jti, iat, nbf: iat, exp: iat + expiresIn, sub: clientId, scopes: [], iss: issuer };
}
