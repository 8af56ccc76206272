import { createPublicKey } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTestOnlySigningKey } from '../mock-server/keys/signing-key.js';
import { loadTestOnlyWebhookKey, type WebhookKey } from '../mock-server/webhooks/webhook-key.js';
import { signWebhookBody } from '../mock-server/webhooks/webhook-signature.js';
import { verifyVectorCareSignature } from './webhook-signature.js';

describe('verifyVectorCareSignature', () => {
  let key: WebhookKey;
  // Bytes no re-serialisation would reproduce: spacing, key order, an escape, a trailing newline.
  const body = Buffer.from(
    '{ "data": null, "event_id" : "8e7994e1bd2b4076a4e6aaca2c65531d", "x": "caf\\u00e9" }\n',
  );
  let signature: string;
  beforeAll(async () => {
    key = await loadTestOnlyWebhookKey();
    signature = await signWebhookBody(body, key.privateKey);
  });

  it('accepts the exact bytes signed, as a Uint8Array, an ArrayBuffer or their UTF-8 string', async () => {
    expect(await verifyVectorCareSignature(body, signature, key.publicKeyPem)).toBe(true);
    const buffer = body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength);
    expect(await verifyVectorCareSignature(buffer, signature, key.publicKeyPem)).toBe(true);
    expect(await verifyVectorCareSignature(body.toString('utf8'), signature, key.publicKeyPem)).toBe(true);
    expect(await verifyVectorCareSignature(body, ` ${signature} `, key.publicKeyPem)).toBe(true);
  });

  it('refuses re-serialised or altered bytes, and a missing, empty or non-Base64 header', async () => {
    const reserialised = JSON.stringify(JSON.parse(body.toString()));
    expect(await verifyVectorCareSignature(reserialised, signature, key.publicKeyPem)).toBe(false);
    expect(await verifyVectorCareSignature(body.subarray(0, -1), signature, key.publicKeyPem)).toBe(false);
    for (const header of [undefined, null, '', 'not base64!', signature.slice(1), `${signature}AAAA`])
      expect(await verifyVectorCareSignature(body, header, key.publicKeyPem), String(header)).toBe(false);
  });

  it('refuses a signature by another key (the token key)', async () => {
    const tokenKey = await loadTestOnlySigningKey();
    const byOther = await signWebhookBody(body, tokenKey.privateKey);
    expect(await verifyVectorCareSignature(body, byOther, key.publicKeyPem)).toBe(false);
  });

  it('takes the key as SPKI ("PUBLIC KEY") or PKCS#1 ("RSA PUBLIC KEY") PEM, and rejects anything else', async () => {
    const pkcs1 = createPublicKey(key.publicKeyPem).export({ type: 'pkcs1', format: 'pem' }).toString();
    expect(pkcs1).toContain('BEGIN RSA PUBLIC KEY');
    expect(await verifyVectorCareSignature(body, signature, pkcs1)).toBe(true);
    await expect(verifyVectorCareSignature(body, signature, 'not a key')).rejects.toThrow(TypeError);
  });
});
