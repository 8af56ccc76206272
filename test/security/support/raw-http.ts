import { connect } from 'node:net';

/** One HTTP/1.x response as read off the wire. */
export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** What a raw exchange produced: the responses parsed, and whether bytes were left over unparsed. */
export interface RawExchange {
  readonly responses: RawResponse[];
  readonly trailing: string;
  /** The server closed the connection (rather than us, after `idleMs` of silence). */
  readonly closedByServer: boolean;
}

/** Decodes a chunked body at the start of `text` (no trailers); undefined while incomplete. */
function dechunk(text: string): { body: string; consumed: number } | undefined {
  let body = '';
  let position = 0;
  for (;;) {
    const end = text.indexOf('\r\n', position);
    if (end < 0) return undefined;
    const size = Number.parseInt(text.slice(position, end), 16);
    if (Number.isNaN(size)) return undefined;
    if (size === 0) return text.startsWith('\r\n', end + 2) ? { body, consumed: end + 4 } : undefined;
    if (text.length < end + 2 + size + 2) return undefined;
    body += text.slice(end + 2, end + 2 + size);
    position = end + 2 + size + 2;
  }
}

/** Splits the bytes a server sent into responses; a response still incomplete stays in `trailing`. */
export function parseResponses(raw: string): { responses: RawResponse[]; trailing: string } {
  const responses: RawResponse[] = [];
  let rest = raw;
  while (rest.length > 0) {
    const headEnd = rest.indexOf('\r\n\r\n');
    if (headEnd < 0) break;
    const [statusLine = '', ...lines] = rest.slice(0, headEnd).split('\r\n');
    const match = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine);
    if (match === null) break;
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const afterHead = rest.slice(headEnd + 4);
    let body: string;
    let consumed: number;
    if (headers['transfer-encoding']?.includes('chunked') === true) {
      const decoded = dechunk(afterHead);
      if (decoded === undefined) break;
      body = decoded.body;
      consumed = decoded.consumed;
    } else {
      const length = Number(headers['content-length'] ?? 0);
      if (afterHead.length < length) break;
      body = afterHead.slice(0, length);
      consumed = length;
    }
    responses.push({ status: Number(match[1]), headers, body });
    rest = afterHead.slice(consumed);
  }
  return { responses, trailing: rest };
}

/**
 * Writes `bytes` on a fresh connection and collects the answer until the server closes, or until we give
 * up (then we close): `answerMs` without any answer, or `idleMs` without a byte once the answer began.
 * A server that waits for more body stays silent, so some bound is needed; the wait for the first byte
 * is the longer one because a busy machine delays the answer itself (a signed token), not just its end.
 * Never rejects: a reset is just the end of the exchange.
 */
export function rawExchange(
  port: number,
  bytes: Buffer,
  idleMs: number,
  answerMs = idleMs,
): Promise<RawExchange> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let closedByServer = true;
    const socket = connect({ port, host: '127.0.0.1' });
    let timer: NodeJS.Timeout | undefined;
    const arm = (): void => {
      clearTimeout(timer);
      timer = setTimeout(
        () => {
          closedByServer = false;
          socket.destroy();
        },
        chunks.length === 0 ? answerMs : idleMs,
      );
    };
    socket.on('connect', () => {
      socket.write(bytes, () => undefined);
      arm();
    });
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      arm();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ ...parseResponses(Buffer.concat(chunks).toString('latin1')), closedByServer });
    });
  });
}
