import { randomBytes } from 'node:crypto';

// VectorCare's ids look like VC-BSBBCY5Q and KP-ABCD1234: two letters, a dash, eight of A-Z and 0-9.
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/**
 * A fresh `service_request_id` such as `VC-7KQ2M9XD`, from `random` (default `crypto.randomBytes`). The
 * tiny bias of a byte modulo 36 does not matter for test ids.
 */
export function newServiceRequestId(random: (n: number) => Uint8Array = randomBytes): string {
  const bytes = random(8);
  let id = 'VC-';
  for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length];
  return id;
}
