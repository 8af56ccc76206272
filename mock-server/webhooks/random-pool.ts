import { randomFillSync } from 'node:crypto';

/**
 * `n` random bytes from a pool filled 4 KiB at a time: one call into the system's generator per few hundred
 * ids instead of one per id (the sender takes two per event). The bytes are a view into the pool, valid until
 * the next call: read them at once.
 */
export function pooledRandomBytes(poolSize = 4096): (n: number) => Uint8Array {
  const pool = Buffer.allocUnsafe(poolSize);
  let offset = poolSize;
  return function randomBytesFromPool(n) {
    if (n > poolSize) return randomFillSync(Buffer.allocUnsafe(n));
    if (offset + n > poolSize) {
      randomFillSync(pool);
      offset = 0;
    }
    const bytes = pool.subarray(offset, offset + n);
    offset += n;
    return bytes;
  };
}
