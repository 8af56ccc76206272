import type { KeyObject } from 'node:crypto';
import {
  signWebhookBody,
  SIGNATURE_HEADER,
  type RequestData,
  type WebhookEnvelope,
} from '../../mock-server/index.js';

/** A POST the kit crafts: the exact bytes and headers it sends. */
export interface CraftedPost {
  readonly variant: string;
  readonly body: Buffer;
  readonly headers: Readonly<Record<string, string>>;
}

const JSON_TYPE = { 'Content-Type': 'application/json' } as const;

/** The body VectorCare would send: the envelope in its key order, compact (as the sender serializes it). */
export const compactBody = (envelope: WebhookEnvelope): Buffer =>
  Buffer.from(JSON.stringify(envelope), 'utf8');

async function signed(variant: string, body: Buffer, key: KeyObject): Promise<CraftedPost> {
  return { variant, body, headers: { ...JSON_TYPE, [SIGNATURE_HEADER]: await signWebhookBody(body, key) } };
}

/** The envelope's keys (and `data`'s) in reverse order: the same JSON value, other bytes. */
function reversed(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .reverse()
      .map(([key, inner]) => [key, reversed(inner)]),
  );
}

/** Compact JSON with every character outside ASCII written as a `\uXXXX` escape (é as `\u00e9`). */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u0080-\uffff]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * Correctly signed bodies whose bytes are not the compact serialization a receiver would get by parsing and
 * re-serializing (verifies-raw-bytes): keys in another order, indentation, `\u` escapes, a trailing
 * newline. Each is the same JSON value as its envelope and carries a valid signature over its own bytes.
 */
export const RESERIALIZATIONS: Readonly<Record<string, (envelope: WebhookEnvelope) => Buffer>> = {
  'reordered-keys': (envelope) => Buffer.from(JSON.stringify(reversed(envelope)), 'utf8'),
  indented: (envelope) => Buffer.from(JSON.stringify(envelope, null, 2), 'utf8'),
  'unicode-escapes': (envelope) => Buffer.from(asciiJson(envelope), 'utf8'),
  'trailing-newline': (envelope) => Buffer.from(`${JSON.stringify(envelope)}\n`, 'utf8'),
};

/** One re-serialization of `envelope`, signed with VectorCare's key over its bytes. */
export function reserialized(
  variant: string,
  envelope: WebhookEnvelope,
  key: KeyObject,
): Promise<CraftedPost> {
  const serialize = RESERIALIZATIONS[variant];
  if (serialize === undefined) throw new RangeError(`unknown re-serialization "${variant}"`);
  return signed(variant, serialize(envelope), key);
}

/** The forgeries of rejects-bad-signature, in the order they are sent. */
export const FORGERIES = ['tampered-body', 'other-key', 'missing-signature', 'not-base64'] as const;
export type Forgery = (typeof FORGERIES)[number];

/** A header value with characters outside the Base64 alphabet, carrying no signature in any encoding. */
export const NOT_BASE64 = '%%% not base64: no signature here %%%';

/**
 * A POST VectorCare never sent: a genuine signature over other bytes (the body changed after signing, here
 * its `request_status` raised to ASSIGNED as an attacker taking a request would), a signature by another
 * key, no signature, or a signature header that is not Base64.
 */
export async function forged(
  forgery: Forgery,
  envelope: WebhookEnvelope,
  keys: { readonly vectorcare: KeyObject; readonly other: KeyObject },
): Promise<CraftedPost> {
  const body = compactBody(envelope);
  switch (forgery) {
    case 'tampered-body': {
      const genuine = await signWebhookBody(body, keys.vectorcare);
      const changed = compactBody({ ...envelope, request_status: 'ASSIGNED', action: 'BROADCAST_ACCEPTED' });
      return { variant: forgery, body: changed, headers: { ...JSON_TYPE, [SIGNATURE_HEADER]: genuine } };
    }
    case 'other-key':
      return signed(forgery, body, keys.other);
    case 'missing-signature':
      return { variant: forgery, body, headers: { ...JSON_TYPE } };
    case 'not-base64':
      return { variant: forgery, body, headers: { ...JSON_TYPE, [SIGNATURE_HEADER]: NOT_BASE64 } };
  }
}

/** A correctly signed compact body, as VectorCare sends it, for a crafted POST (order-safe's pair). */
export const genuine = (variant: string, envelope: WebhookEnvelope, key: KeyObject): Promise<CraftedPost> =>
  signed(variant, compactBody(envelope), key);

/**
 * Request details with names outside ASCII (é, ô, ñ, ú), as real patients and facilities have: compact JSON
 * carries them as UTF-8, the `unicode-escapes` body as `\u00e9`, and a re-serializer writes one or the other.
 */
export function withAccents(data: RequestData): RequestData {
  return {
    ...data,
    facility_name: 'Hôpital Sainte-Thérèse',
    patient_first_name: 'Renée',
    patient_last_name: 'Núñez',
  };
}
