/** Form parameters as sent: every value of every name, in order, so repeats can be refused. */
export type FormParameters = ReadonlyMap<string, readonly string[]>;

/** The body could not be parsed as the content type it claims. */
export class MalformedBodyError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'MalformedBodyError';
  }
}

const EMPTY: FormParameters = new Map();

/** RFC 6749 §3.2: parameters sent without a value are treated as if they were omitted. */
function collect(entries: Iterable<[string, string]>): FormParameters {
  const map = new Map<string, string[]>();
  for (const [name, value] of entries) {
    if (value === '') continue;
    const values = map.get(name);
    if (values === undefined) map.set(name, [value]);
    else values.push(value);
  }
  return map;
}

/** The media type of a Content-Type header, lower-cased, without parameters. */
export function mediaType(contentType: string | null): string | null {
  if (contentType === null) return null;
  const type = contentType.split(';', 1)[0]?.trim().toLowerCase();
  return type === undefined || type === '' ? null : type;
}

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Parses a token request body. `application/x-www-form-urlencoded` and `multipart/form-data` are read;
 * any other (or no) content type yields no parameters, as VectorCare's server treats it. Empty values are
 * dropped (RFC 6749 §3.2), so `client_secret=` is a missing secret, not a second authentication method.
 */
export async function parseFormBody(contentType: string | null, body: Buffer): Promise<FormParameters> {
  const type = mediaType(contentType);
  if (type === 'application/x-www-form-urlencoded') {
    let text: string;
    try {
      text = fatalUtf8.decode(body);
    } catch {
      throw new MalformedBodyError('body is not valid UTF-8');
    }
    if (/%(?![0-9a-fA-F]{2})/.test(text)) throw new MalformedBodyError('invalid percent-encoding');
    return collect(new URLSearchParams(text));
  }
  if (type === 'multipart/form-data') {
    let form: FormData;
    try {
      form = await new Response(new Uint8Array(body), {
        headers: { 'content-type': contentType ?? '' },
      }).formData();
    } catch {
      throw new MalformedBodyError('unparseable multipart body');
    }
    const entries: [string, string][] = [];
    for (const [name, value] of form) {
      if (typeof value !== 'string') throw new MalformedBodyError(`multipart field ${name} is a file`);
      entries.push([name, value]);
    }
    return collect(entries);
  }
  return EMPTY;
}
