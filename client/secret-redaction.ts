const REDACTED = '[REDACTED]';

/** Removes the given secrets from text and JSON values, in the spellings a server might echo them in. */
export interface Redactor {
  text(value: string): string;
  json(value: unknown): unknown;
}

function spellingsOf(secret: string): string[] {
  // A server that echoes its input may echo it decoded or still form- or percent-encoded.
  return [secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2)];
}

/**
 * Builds a redactor for these secrets (empty strings are ignored). Errors are built from what servers
 * send back, and a server may echo a secret or a token: every string an error carries passes through here.
 */
export function createRedactor(secrets: readonly (string | undefined)[]): Redactor {
  const spellings = [
    ...new Set(
      secrets.flatMap((secret) => (secret === undefined || secret === '' ? [] : spellingsOf(secret))),
    ),
  ].sort((a, b) => b.length - a.length);

  const text = (value: string): string => {
    let out = value;
    for (const spelling of spellings) out = out.split(spelling).join(REDACTED);
    return out;
  };

  const json = (value: unknown): unknown => {
    if (typeof value === 'string') return text(value);
    if (Array.isArray(value)) return value.map(json);
    if (typeof value === 'object' && value !== null)
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [text(key), json(item)]));
    return value;
  };

  return { text, json };
}
