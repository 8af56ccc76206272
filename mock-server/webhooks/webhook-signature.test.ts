import { verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadTestOnlySigningKey } from '../keys/signing-key.js';
import { loadTestOnlyWebhookKey } from './webhook-key.js';
import { signWebhookBody } from './webhook-signature.js';

describe('webhook signatures', () => {
  it('are Base64 RSA-SHA256 PKCS#1 v1.5 over the exact bytes, verifiable with the public PEM alone', async () => {
    const key = await loadTestOnlyWebhookKey();
    const body = Buffer.from('{"event_id":"8e7994e1bd2b4076a4e6aaca2c65531d","data":"caf\\u00e9"}\n');
    const signature = await signWebhookBody(body, key.privateKey);
    expect(signature).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    expect(Buffer.from(signature, 'base64')).toHaveLength(256);
    expect(verify('sha256', body, key.publicKeyPem, Buffer.from(signature, 'base64'))).toBe(true);
    // One byte more (a re-serialisation, a stripped newline) and it no longer verifies.
    expect(verify('sha256', body.subarray(0, -1), key.publicKeyPem, Buffer.from(signature, 'base64'))).toBe(
      false,
    );
  });

  it('use a key of their own, not the token key, and sign with any other key given', async () => {
    const webhookKey = await loadTestOnlyWebhookKey();
    const tokenKey = await loadTestOnlySigningKey();
    expect(webhookKey.publicKeyPem).not.toBe(tokenKey.publicKey.export({ type: 'spki', format: 'pem' }));
    const body = Buffer.from('{}');
    const byTokenKey = await signWebhookBody(body, tokenKey.privateKey);
    expect(verify('sha256', body, webhookKey.publicKeyPem, Buffer.from(byTokenKey, 'base64'))).toBe(false);
  });

  it('publish the committed public PEM that matches the committed test-only private key', async () => {
    const { readFile } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const { PACKAGE_ROOT } = await import('../../shared/package-root.js');
    const committed = await readFile(
      join(PACKAGE_ROOT, 'fixtures/keys/test-only-webhook-public-key.pem'),
      'utf8',
    );
    const key = await loadTestOnlyWebhookKey();
    expect(key.publicKeyPem).toBe(committed);
    expect(key.isTestOnly).toBe(true);
  });
});
