import { createHash } from 'node:crypto';
import { exceedsJsonDepth, MAX_JSON_DEPTH } from '../http/json-depth.js';

/** Bodies up to this size are kept as parsed JSON; larger ones as their size and digest. */
export const RECORDED_BODY_LIMIT_BYTES = 16 * 1024;

const SECRET_KEY = /secret|password|passwd|authorization|access_token|refresh_token/i;

/** Marks a value nested deeper than MAX_JSON_DEPTH. */
const TOO_DEEP = Symbol('too deep');

/**
 * The value with secret-looking keys redacted at any depth, or TOO_DEEP when it nests deeper than
 * MAX_JSON_DEPTH. One pass for both, as every hub call records its body; the recursion stops at that depth,
 * so it never overflows the stack, and a redacted value is still measured (iteratively).
 */
function redact(value: unknown, depth: number): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_JSON_DEPTH) return TOO_DEEP;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const item of value as unknown[]) {
      const kept = redact(item, depth + 1);
      if (kept === TOO_DEEP) return TOO_DEEP;
      out.push(kept);
    }
    return out;
  }
  const out: Record<string, unknown> = {};
  const object = value as Record<string, unknown>;
  for (const key of Object.keys(object)) {
    const inner = object[key];
    if (SECRET_KEY.test(key)) {
      if (exceedsJsonDepth(inner, MAX_JSON_DEPTH - depth - 1)) return TOO_DEEP;
      out[key] = '[redacted]';
      continue;
    }
    const kept = redact(inner, depth + 1);
    if (kept === TOO_DEEP) return TOO_DEEP;
    out[key] = kept;
  }
  return out;
}

/**
 * What the recorder keeps of a hub request body: the parsed JSON with secret-looking fields redacted, or,
 * for a large or deeply nested body, `{truncated, bytes, sha256}`, which still tells a retried request from
 * a different one while keeping the ring buffer's memory bounded (and its JSON serialisable).
 */
export function recordedBody(parsed: unknown, raw: Buffer): unknown {
  if (parsed === undefined) return null;
  const kept = raw.length > RECORDED_BODY_LIMIT_BYTES ? TOO_DEEP : redact(parsed, 0);
  if (kept === TOO_DEEP)
    return { truncated: true, bytes: raw.length, sha256: createHash('sha256').update(raw).digest('hex') };
  return kept;
}
