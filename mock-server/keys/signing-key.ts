import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPair,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ConfigError } from '../../shared/config-error.js';
import { PACKAGE_ROOT } from '../../shared/package-root.js';

/** The committed, public, test-only key: tokens verify across restarts. Never use it outside tests. */
export const TEST_ONLY_KEY_FILE = join(PACKAGE_ROOT, 'fixtures', 'keys', 'test-only-signing-key.pem');

/** An RSA public key as served in the JWKS (RFC 7517, 7518 §6.3.1). */
export interface RsaPublicJwk {
  readonly kty: 'RSA';
  readonly n: string;
  readonly e: string;
  readonly kid: string;
  readonly alg: 'RS256';
  readonly use: 'sig';
}

export interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** The public JWK as served in the JWKS. */
  readonly publicJwk: RsaPublicJwk;
  /** Where it came from, for the start-up banner: a file path, `generated`, or the test-only key. */
  readonly origin: string;
  readonly isTestOnly: boolean;
}

/**
 * The RFC 7638 SHA-256 thumbprint of an RSA public key: the required members in lexicographic order.
 * Computed with node:crypto rather than jose, whose import (WebCrypto set-up) cost the CLI's start-up
 * more than the rest of the mock together.
 */
function rsaThumbprint(e: string, n: string): string {
  return createHash('sha256')
    .update(JSON.stringify({ e, kty: 'RSA', n }))
    .digest('base64url');
}

async function fromPrivateKey(
  privateKey: KeyObject,
  origin: string,
  isTestOnly: boolean,
  givenKid?: string,
): Promise<SigningKey> {
  if (privateKey.asymmetricKeyType !== 'rsa') {
    throw new ConfigError(
      origin,
      'key',
      `must be an RSA private key, got ${privateKey.asymmetricKeyType ?? 'unknown'}`,
    );
  }
  const bits = privateKey.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < 2048) {
    throw new ConfigError(origin, 'key', `RS256 needs an RSA key of at least 2048 bits, got ${bits}`);
  }
  const publicKey = createPublicKey(privateKey);
  const exported = publicKey.export({ format: 'jwk' });
  const n = exported.n ?? '';
  const e = exported.e ?? '';
  // A JWK file's own kid is kept, so verifiers configured with it keep working; else the RFC 7638 thumbprint.
  const kid = givenKid ?? rsaThumbprint(e, n);
  return {
    kid,
    privateKey,
    publicKey,
    publicJwk: Object.freeze({ kty: 'RSA', n, e, kid, alg: 'RS256', use: 'sig' }),
    origin,
    isTestOnly,
  };
}

/** Loads an RSA private key from a PEM or JWK (JSON) file. */
export async function loadSigningKey(file: string, isTestOnly = false): Promise<SigningKey> {
  let text: string;
  try {
    // Read synchronously: a few kilobytes, once at start, where the asynchronous read took four trips
    // through libuv's thread pool (open, stat, read, close) before the first token could be signed.
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(
      file,
      'key',
      `cannot read the key file (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  let privateKey: KeyObject;
  let givenKid: string | undefined;
  try {
    if (text.trimStart().startsWith('{')) {
      const jwk = JSON.parse(text) as JsonWebKey;
      privateKey = createPrivateKey({ key: jwk, format: 'jwk' });
      if (typeof jwk.kid === 'string' && jwk.kid !== '') givenKid = jwk.kid;
    } else {
      privateKey = createPrivateKey(text);
    }
  } catch {
    throw new ConfigError(file, 'key', 'is not an RSA private key in PEM or JWK format');
  }
  return fromPrivateKey(privateKey, file, isTestOnly, givenKid);
}

/** The committed test-only key. */
export function loadTestOnlySigningKey(): Promise<SigningKey> {
  return loadSigningKey(TEST_ONLY_KEY_FILE, true);
}

/** A fresh 2048-bit key, for `--generate-key`. */
export async function generateSigningKey(): Promise<SigningKey> {
  const { privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
  return fromPrivateKey(privateKey, 'generated at start', false);
}
