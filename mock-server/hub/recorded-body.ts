import { createHash } from 'node:crypto';
import { exceedsJsonDepth, MAX_JSON_DEPTH } from '../wire/json-depth.js';

/** Bodies up to this size are kept as parsed JSON; larger ones as their size and digest. */
export const RECORDED_BODY_LIMIT_BYTES = 16 * 1024;

const SECRET_KEY = /secret|password|passwd|authorization|access_token|refresh_token/i;

/** Marks a value nested deeper than MAX_JSON_DEPTH. */
const TOO_DEEP = Symbol('too deep');

/**
 * The value with secret-looking keys redacted at any depth, or TOO_DEEP when it nests deeper than
 * MAX_JSON_DEPTH. One pass for both, as every hub call records its body; the recursion stops at that depth,
 * so it never overflows the stack, and a redacted value is still measured (iteratively). A value with nothing
 * to redact is returned as it is, not copied: the parsed body is the request's own and nothing changes it.
 */
function redact(value: unknown, depth: number): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_JSON_DEPTH) return TOO_DEEP;
  if (Array.isArray(value)) {
    const items = value as unknown[];
    let out: unknown[] | undefined;
    for (let i = 0; i < items.length; i += 1) {
      const item = items[i];
      const kept = redact(item, depth + 1);
      if (kept === TOO_DEEP) return TOO_DEEP;
      if (kept !== item) out ??= items.slice(0, i);
      out?.push(kept);
    }
    return out ?? items;
  }
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object);
  let out: Record<string, unknown> | undefined;
  for (let i = 0; i < keys.length; i += 1) {
    const key = keys[i] as string;
    const inner = object[key];
    let kept: unknown;
    if (SECRET_KEY.test(key)) {
      if (exceedsJsonDepth(inner, MAX_JSON_DEPTH - depth - 1)) return TOO_DEEP;
      kept = '[redacted]';
    } else {
      kept = redact(inner, depth + 1);
      if (kept === TOO_DEEP) return TOO_DEEP;
    }
    // `__proto__` forces the copy, whose assignment has always made it the copy's prototype.
    if ((kept !== inner || key === '__proto__') && out === undefined) {
      out = {};
      for (let j = 0; j < i; j += 1) out[keys[j] as string] = object[keys[j] as string];
    }
    if (out !== undefined) out[key] = kept;
  }
  return out ?? object;
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
