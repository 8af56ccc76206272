import type { KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { loadSigningKey } from '../keys/signing-key.js';
import { PACKAGE_ROOT } from '../../shared/package-root.js';

/** The committed, public, test-only webhook key (not the token key). Never trust it outside tests. */
export const TEST_ONLY_WEBHOOK_KEY_FILE = join(PACKAGE_ROOT, 'fixtures', 'keys', 'test-only-webhook-key.pem');

/** The RSA key the mock signs its webhooks with, and the public half receivers verify with. */
export interface WebhookKey {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** The public key as SPKI PEM (`-----BEGIN PUBLIC KEY-----`), as VectorCare shows it in Settings > Open API. */
  readonly publicKeyPem: string;
  /** Where it came from, for the banner: a file path or the test-only key's. */
  readonly origin: string;
  readonly isTestOnly: boolean;
}

/**
 * Loads an RSA private key (PEM, PKCS#1 or PKCS#8, or a private JWK; at least 2048 bits) for signing
 * webhooks. A problem throws a `ConfigError` naming the file.
 */
export async function loadWebhookKey(file: string, isTestOnly = false): Promise<WebhookKey> {
  // The token key's loader already validates RSA and the size; only the use differs.
  const key = await loadSigningKey(file, isTestOnly);
  return {
    privateKey: key.privateKey,
    publicKey: key.publicKey,
    publicKeyPem: key.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    origin: key.origin,
    isTestOnly,
  };
}

/** The committed test-only webhook key. */
export function loadTestOnlyWebhookKey(): Promise<WebhookKey> {
  return loadWebhookKey(TEST_ONLY_WEBHOOK_KEY_FILE, true);
}
