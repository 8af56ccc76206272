import type { IncomingMessage } from 'node:http';

const isHttpWhitespace = (code: number): boolean => code === 9 || code === 10 || code === 13 || code === 32;

function trimHttpWhitespace(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && isHttpWhitespace(value.charCodeAt(start))) start += 1;
  while (end > start && isHttpWhitespace(value.charCodeAt(end - 1))) end -= 1;
  return start === 0 && end === value.length ? value : value.slice(start, end);
}

/**
 * A request header as the Web `Headers` of the Hono route reads it: every occurrence, trimmed, joined with
 * ", ". Node's `incoming.headers` keeps only the first `Authorization` or `Content-Type`, so a request that
 * repeats one would otherwise be judged differently on the fast path. `lowerName` must be lower case.
 */
export function webHeader(incoming: IncomingMessage, lowerName: string): string | null {
  const raw = incoming.rawHeaders;
  let value: string | null = null;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string;
    if (name.length !== lowerName.length || name.toLowerCase() !== lowerName) continue;
    const one = trimHttpWhitespace(raw[i + 1] as string);
    value = value === null ? one : `${value}, ${one}`;
  }
  return value;
}
