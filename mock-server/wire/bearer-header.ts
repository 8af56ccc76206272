/** What an `Authorization` header says about a bearer token (RFC 6750 §2.1). */
export type BearerHeader =
  | { readonly kind: 'missing' }
  /** Another scheme (Basic, Token, ...): no bearer credentials were provided. */
  | { readonly kind: 'other_scheme' }
  /** `Bearer` with nothing usable after it. */
  | { readonly kind: 'malformed' }
  | { readonly kind: 'bearer'; readonly token: string };

const MISSING: BearerHeader = Object.freeze({ kind: 'missing' });
const OTHER: BearerHeader = Object.freeze({ kind: 'other_scheme' });
const MALFORMED: BearerHeader = Object.freeze({ kind: 'malformed' });

/** RFC 6750 §2.1 b64token: the only characters a bearer token may contain. */
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

function parse(header: string): BearerHeader {
  const trimmed = header.trim();
  if (trimmed === '') return MISSING;
  const space = trimmed.search(/\s/);
  const scheme = space < 0 ? trimmed : trimmed.slice(0, space);
  if (scheme.toLowerCase() !== 'bearer') return OTHER;
  if (space < 0) return MALFORMED;
  const token = trimmed.slice(space).trim();
  if (!B64TOKEN.test(token)) return MALFORMED;
  return Object.freeze({ kind: 'bearer', token });
}

/**
 * The last header parsed, and what it said. A client sends the same header on call after call, and comparing
 * it with the last one costs far less than checking a token of hundreds of characters again; the token
 * string handed out is then the same object each time, so the verifier's cache finds it by its stored hash.
 */
let lastHeader: string | undefined;
let lastParsed: BearerHeader = MISSING;

/**
 * Parses `Authorization: Bearer <token>`. The scheme is case-insensitive (RFC 7235 §2.1); a header with
 * another scheme counts as no bearer credentials, as Django REST framework treats it.
 */
export function parseBearerHeader(header: string | null | undefined): BearerHeader {
  if (header === null || header === undefined) return MISSING;
  if (header !== lastHeader) {
    lastParsed = parse(header);
    lastHeader = header;
  }
  return lastParsed;
}
