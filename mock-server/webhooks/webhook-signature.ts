import { sign, type KeyObject } from 'node:crypto';

/** The header VectorCare puts its webhook signature in. */
export const SIGNATURE_HEADER = 'X-VectorCare-Signature';

/**
 * Signs the exact bytes of a webhook body as VectorCare does: RSA with SHA-256, PKCS#1 v1.5 padding, the
 * signature Base64 encoded (standard alphabet, padded). Any RSA private key works, so a test can sign with
 * a key the receiver does not trust. Runs on libuv's thread pool, like the token signer.
 *
 * @example
 * const body = Buffer.from(JSON.stringify(envelope));
 * const signature = await signWebhookBody(body, key.privateKey);
 * // POST body with `X-VectorCare-Signature: ${signature}`
 */
export function signWebhookBody(body: Uint8Array, privateKey: KeyObject): Promise<string> {
  return new Promise((resolve, reject) => {
    // No padding option: node:crypto signs RSA keys with PKCS#1 v1.5 unless told otherwise.
    sign('sha256', body, privateKey, (error, signature) => {
      if (error) reject(error);
      else resolve(signature.toString('base64'));
    });
  });
}
