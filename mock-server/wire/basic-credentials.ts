/** The candidate (id, secret) pairs a Basic header may stand for. */
export interface BasicCredentials {
  /** Candidates to try in order: form-decoded per RFC 6749 §2.3.1 first, then as sent. */
  readonly candidates: readonly { readonly clientId: string; readonly clientSecret: string }[];
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function formDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

/**
 * Parses `Authorization: Basic ...`. Returns undefined when the header is not Basic, null when it is
 * Basic but malformed (bad base64, no colon), else the candidates. RFC 6749 §2.3.1 says to form-encode
 * id and secret before base64; many clients skip that, so both readings are offered.
 */
export function parseBasicCredentials(header: string | null): BasicCredentials | null | undefined {
  if (header === null) return undefined;
  const match = /^basic(?:\s+(.*))?$/is.exec(header.trim());
  if (match === null) return undefined;
  const encoded = (match[1] ?? '').trim();
  if (encoded === '' || encoded.length % 4 === 1 || !BASE64.test(encoded)) return null;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  const rawId = decoded.slice(0, colon);
  const rawSecret = decoded.slice(colon + 1);
  const candidates: { clientId: string; clientSecret: string }[] = [];
  const id = formDecode(rawId);
  const secret = formDecode(rawSecret);
  if (id !== undefined && secret !== undefined) candidates.push({ clientId: id, clientSecret: secret });
  if (id !== rawId || secret !== rawSecret) candidates.push({ clientId: rawId, clientSecret: rawSecret });
  return { candidates };
}
