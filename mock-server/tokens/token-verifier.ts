import { verify as verifySignature, type KeyObject } from 'node:crypto';
import type { Clock } from '../clock.js';
/** Each outcome of a bearer check, and what it means. The recorder keeps it; the client is never told. */
export const TOKEN_CHECK_MEANINGS = {
  valid: "signed with the mock's key, its issuer, live by its clock, not revoked, of a known client",
  malformed: 'not three base64url segments of JSON objects, or a claim the hub relies on is missing',
  bad_signature: "the RS256 signature does not verify with the mock's key",
  unknown_key: "the header names a kid other than the mock's",
  bad_algorithm: 'the header says an alg other than RS256',
  expired: "exp has passed by the mock's clock (exp itself is already too late)",
  not_yet_valid: "nbf is still ahead by the mock's clock",
  wrong_issuer: "iss is not the mock's issuer",
  critical_header: 'the header has crit, and the mock understands no extension',
  revoked: 'revoked through the control API, by jti or by client',
  unknown_client: 'its client (sub) is no longer known, after a reset',
} as const;

/** The outcome of a bearer check, as recorded (never sent to the client). */
export type TokenCheck = keyof typeof TOKEN_CHECK_MEANINGS;

/** What a presented token turned out to be. */
export interface TokenVerdict {
  readonly check: TokenCheck;
  /** The token's `sub`, when its payload could be read (even if the token failed). */
  readonly clientId: string | null;
  /** The token's `jti`, when its payload could be read (even if the token failed). */
  readonly jti: string | null;
}

export interface TokenVerifierOptions {
  /** The only key the mock signs with; tokens naming another `kid` are refused unchecked. */
  readonly publicKey: KeyObject;
  readonly kid: string;
  readonly clock: Clock;
  /** The expected `iss`. A function, because the issuer may be known only once the server listens. */
  readonly issuer: () => string;
  /** Whether the token is revoked (the ledger's answer). */
  readonly isRevoked: (jti: string, clientId: string, issuedAtMs: number) => boolean;
  /** Whether the client still exists; tokens of forgotten clients are refused. Default: every client. */
  readonly isKnownClient?: (clientId: string) => boolean;
  /** How many tokens whose signature already verified are remembered; default 10,000. */
  readonly cacheSize?: number;
}

/** Checks one compact JWS; synchronous, so it never yields between the checks and the answer. */
export interface TokenVerifier {
  (token: string): TokenVerdict;
  /** How many verified tokens are remembered now, and at most (for memory figures such as the soak's). */
  readonly cache: { readonly size: number; readonly capacity: number };
}

/** How many tokens whose signature verified a verifier remembers unless told otherwise. */
export const DEFAULT_VERIFIER_CACHE_SIZE = 10_000;

interface VerifiedClaims {
  readonly sub: string;
  readonly jti: string;
  readonly iss: string;
  readonly expMs: number;
  readonly nbfMs: number | undefined;
  readonly iatMs: number;
}

const SEGMENT = /^[A-Za-z0-9_-]*$/;

function decodeJson(segment: string): Record<string, unknown> | undefined {
  if (segment === '' || !SEGMENT.test(segment)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

const isNumericDate = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);
const stringOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** The claims the hub relies on, with NumericDates in ms; undefined when any is missing or mistyped. */
function readClaims(payload: Record<string, unknown>): VerifiedClaims | undefined {
  const { sub, jti, iss, exp, nbf, iat } = payload;
  if (typeof sub !== 'string' || typeof jti !== 'string' || typeof iss !== 'string') return undefined;
  if (!isNumericDate(exp) || !isNumericDate(iat)) return undefined;
  if (nbf !== undefined && !isNumericDate(nbf)) return undefined;
  return {
    sub,
    jti,
    iss,
    expMs: exp * 1000,
    nbfMs: nbf === undefined ? undefined : nbf * 1000,
    iatMs: iat * 1000,
  };
}

/**
 * Creates the hub's bearer check: an RS256 JWS signed by the mock's own key, with the mock's issuer,
 * live by the mock's clock, and not revoked. Header fields that would make a verifier fetch or trust
 * another key (`jwk`, `jku`, `x5u`, `x5c`) are ignored; `crit` is refused, since the mock understands no
 * extension. Times are compared in milliseconds, because NumericDates may be fractional; `exp` is
 * exclusive (RFC 7519 §4.1.4) and no leeway is given.
 *
 * Signature checks dominate the cost, and clients reuse one token for many calls, so tokens whose
 * signature verified are remembered (bounded); time, issuer and revocation are judged on every call.
 */
export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const { publicKey, kid, clock } = options;
  const isKnownClient = options.isKnownClient ?? (() => true);
  const cacheSize = options.cacheSize ?? DEFAULT_VERIFIER_CACHE_SIZE;
  const verified = new Map<string, VerifiedClaims>();

  function judge(claims: VerifiedClaims): TokenCheck {
    if (claims.iss !== options.issuer()) return 'wrong_issuer';
    const now = clock.now();
    if (now >= claims.expMs) return 'expired';
    if (claims.nbfMs !== undefined && now < claims.nbfMs) return 'not_yet_valid';
    if (options.isRevoked(claims.jti, claims.sub, claims.iatMs)) return 'revoked';
    if (!isKnownClient(claims.sub)) return 'unknown_client';
    return 'valid';
  }

  function remember(token: string, claims: VerifiedClaims): void {
    if (verified.size >= cacheSize) {
      const oldest = verified.keys().next();
      if (oldest.done !== true) verified.delete(oldest.value);
    }
    verified.set(token, claims);
  }

  function verifyToken(token: string): TokenVerdict {
    const cached = verified.get(token);
    if (cached !== undefined) return { check: judge(cached), clientId: cached.sub, jti: cached.jti };

    const parts = token.split('.');
    const [headerPart, payloadPart, signaturePart] = parts;
    const header = parts.length === 3 && headerPart !== undefined ? decodeJson(headerPart) : undefined;
    const payload = header !== undefined && payloadPart !== undefined ? decodeJson(payloadPart) : undefined;
    if (header === undefined || payload === undefined || signaturePart === undefined)
      return { check: 'malformed', clientId: null, jti: null };
    const seen = { clientId: stringOrNull(payload['sub']), jti: stringOrNull(payload['jti']) };

    if (header['alg'] !== 'RS256') return { check: 'bad_algorithm', ...seen };
    if (header['crit'] !== undefined) return { check: 'critical_header', ...seen };
    if (header['kid'] !== undefined && header['kid'] !== kid) return { check: 'unknown_key', ...seen };
    if (!SEGMENT.test(signaturePart)) return { check: 'malformed', ...seen };
    const signed = verifySignature(
      'sha256',
      Buffer.from(`${headerPart}.${payloadPart}`),
      publicKey,
      Buffer.from(signaturePart, 'base64url'),
    );
    if (!signed) return { check: 'bad_signature', ...seen };

    const claims = readClaims(payload);
    if (claims === undefined) return { check: 'malformed', ...seen };
    remember(token, claims);
    return { check: judge(claims), clientId: claims.sub, jti: claims.jti };
  }

  return Object.defineProperty(verifyToken, 'cache', {
    get: () => ({ size: verified.size, capacity: cacheSize }),
  }) as TokenVerifier;
}
