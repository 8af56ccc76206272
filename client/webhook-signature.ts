/** The header VectorCare signs its webhooks in. */
export const VECTORCARE_SIGNATURE_HEADER = 'X-VectorCare-Signature';

/** Raw body bytes as frameworks hand them over; a string counts as its UTF-8 bytes. */
export type RawBody = Uint8Array | ArrayBuffer | string;

const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

type Bytes = Uint8Array<ArrayBuffer>;

/** The body as bytes WebCrypto takes (a view on a shared buffer is copied). */
function bytesOf(body: RawBody): Bytes {
  if (typeof body === 'string') return encoder.encode(body);
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  return body.buffer instanceof ArrayBuffer ? (body as Bytes) : new Uint8Array(body);
}

function base64Bytes(text: string): Bytes {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A DER length: short form below 128, long form above. */
function derLength(length: number): number[] {
  if (length < 0x80) return [length];
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return [0x80 | bytes.length, ...bytes];
}

// SEQUENCE { OID 1.2.840.113549.1.1.1 (rsaEncryption), NULL }
const RSA_ALGORITHM = [
  0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00,
];

/** Wraps a PKCS#1 `RSAPublicKey` in the SubjectPublicKeyInfo WebCrypto imports. */
function spkiOfPkcs1(pkcs1: Bytes): Bytes {
  const bitString = [0x03, ...derLength(pkcs1.length + 1), 0x00];
  const inner = RSA_ALGORITHM.length + bitString.length + pkcs1.length;
  const head = [0x30, ...derLength(inner), ...RSA_ALGORITHM, ...bitString];
  const out = new Uint8Array(head.length + pkcs1.length);
  out.set(head);
  out.set(pkcs1, head.length);
  return out;
}

function importPublicKey(pem: string): Promise<CryptoKey> {
  const match = /-----BEGIN (RSA )?PUBLIC KEY-----([\s\S]+?)-----END \1?PUBLIC KEY-----/.exec(pem);
  if (match === null)
    throw new TypeError(
      'verifyVectorCareSignature: publicKeyPem must be a PEM "PUBLIC KEY" (or "RSA PUBLIC KEY")',
    );
  const der = base64Bytes((match[2] ?? '').replace(/\s+/g, ''));
  const spki = match[1] === undefined ? der : spkiOfPkcs1(der);
  return crypto.subtle.importKey('spki', spki, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, [
    'verify',
  ]);
}

/** The imported key for a PEM, imported once. A PEM that fails to import is not kept. */
function publicKeyOf(pem: string): Promise<CryptoKey> {
  let key = keys.get(pem);
  if (key === undefined) {
    key = importPublicKey(pem);
    keys.set(pem, key);
    key.catch(() => keys.delete(pem));
    if (keys.size > 16) keys.delete(keys.keys().next().value as string);
  }
  return key;
}

/**
 * Checks VectorCare's webhook signature: `signatureHeader` (the `X-VectorCare-Signature` value) must be the
 * Base64 RSA-SHA256 PKCS#1 v1.5 signature of exactly `rawBody`, by the key whose PEM you copied from
 * Settings > Open API. Verify the bytes you received, before parsing them: parsing and re-serializing
 * changes them. Uses WebCrypto, so it runs in Node >= 20, Deno, Bun, workers and browsers.
 *
 * Resolves to false for a missing, non-Base64 or wrong signature and for altered bytes; rejects only
 * for a `publicKeyPem` that is not an RSA public key.
 *
 * @example
 * const ok = await verifyVectorCareSignature(rawBody, request.headers.get('x-vectorcare-signature'), pem);
 * if (!ok) return new Response(null, { status: 401 });
 */
export async function verifyVectorCareSignature(
  rawBody: RawBody,
  signatureHeader: string | null | undefined,
  publicKeyPem: string,
): Promise<boolean> {
  const key = await publicKeyOf(publicKeyPem);
  const signature = signatureHeader?.trim() ?? '';
  if (!BASE64.test(signature) || signature.length % 4 !== 0) return false;
  return crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, base64Bytes(signature), bytesOf(rawBody));
}
