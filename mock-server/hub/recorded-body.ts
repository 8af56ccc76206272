import { createHash } from 'node:crypto';
import { exceedsJsonDepth } from '../http/json-depth.js';

/** Bodies up to this size are kept as parsed JSON; larger ones as their size and digest. */
export const RECORDED_BODY_LIMIT_BYTES = 16 * 1024;

const SECRET_KEY = /secret|password|passwd|authorization|access_token|refresh_token/i;

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value))
    out[key] = SECRET_KEY.test(key) ? '[redacted]' : redact(inner);
  return out;
}

/**
 * What the recorder keeps of a hub request body: the parsed JSON with secret-looking fields redacted, or,
 * for a large or deeply nested body, `{truncated, bytes, sha256}`, which still tells a retried request from
 * a different one while keeping the ring buffer's memory bounded (and its JSON serialisable).
 */
export function recordedBody(parsed: unknown, raw: Buffer): unknown {
  if (parsed === undefined) return null;
  if (raw.length > RECORDED_BODY_LIMIT_BYTES || exceedsJsonDepth(parsed))
    return { truncated: true, bytes: raw.length, sha256: createHash('sha256').update(raw).digest('hex') };
  return redact(parsed);
}
