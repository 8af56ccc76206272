/**
 * How deeply a JSON request body may nest. The mock's own code (redacting a recorded body, echoing a
 * value in a field error, exporting recordings) walks bodies recursively, and V8 runs out of stack a few
 * thousand levels down, which a 64 KiB body easily reaches. Python's json module (VectorCare's hub runs
 * on Django) gives up near 1,000 levels; no real request comes close to this limit.
 */
export const MAX_JSON_DEPTH = 512;

/** Whether `value` nests objects or arrays deeper than `limit` levels; iterative, so it cannot overflow. */
export function exceedsJsonDepth(value: unknown, limit: number = MAX_JSON_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [node, depth] = next;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > limit) return true;
    for (const inner of Object.values(node)) stack.push([inner, depth + 1]);
  }
  return false;
}
