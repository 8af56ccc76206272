/** How reading an answer went, chunk by chunk. */
export type ResponseProgress =
  | { readonly kind: 'more' }
  | {
      readonly kind: 'done';
      readonly status: number;
      /** The connection may carry another request (HTTP/1.1 keep-alive, nothing left over). */
      readonly reusable: boolean;
    }
  | {
      readonly kind: 'failed';
      /** `connection_reset`: the connection ended before the answer did (a truncated answer). */
      readonly error: 'protocol_error' | 'response_too_large' | 'connection_reset';
      readonly status: number | null;
    };

/** The most header bytes read before an answer is not HTTP we will parse. */
export const MAX_HEADER_BYTES = 16 * 1024;

const CRLF = Buffer.from('\r\n');
const END_OF_HEADERS = Buffer.from('\r\n\r\n');
const STATUS_LINE = /^HTTP\/1\.([01]) (\d{3})(?: [^\r\n]*)?$/;
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

type BodyMode =
  | { readonly kind: 'none' }
  | { kind: 'length'; remaining: number }
  | { kind: 'chunked'; state: 'size' | 'data' | 'data-end' | 'trailers'; remaining: number }
  | { readonly kind: 'until-close' };

/**
 * Reads one HTTP/1.x answer from the bytes a connection delivers (RFC 9112): the status line and headers
 * (1xx interim answers skipped), then the body by `Content-Length`, by chunks, or until the connection
 * closes. The body is counted and dropped, never kept; more than `maxBodyBytes` fails the answer. Only as
 * much is parsed as a webhook sender needs: the status, the framing, whether the connection can be reused.
 */
export class Http1ResponseReader {
  readonly #maxBodyBytes: number;
  #pending: Buffer = Buffer.alloc(0);
  #status: number | null = null;
  #keepAlive = false;
  #body: BodyMode | undefined;
  #bodyBytes = 0;

  constructor(maxBodyBytes: number) {
    this.#maxBodyBytes = maxBodyBytes;
  }

  /** The final answer's status, once its headers are read. */
  get status(): number | null {
    return this.#body === undefined ? null : this.#status;
  }

  /** Body bytes read so far. */
  get bodyBytes(): number {
    return this.#bodyBytes;
  }

  /** Takes the next bytes the connection delivered. */
  feed(chunk: Buffer): ResponseProgress {
    this.#pending = this.#pending.length === 0 ? chunk : Buffer.concat([this.#pending, chunk]);
    for (;;) {
      if (this.#body === undefined) {
        const head = this.#readHead();
        if (head !== undefined) return head;
        if (this.#body === undefined) return { kind: 'more' };
      }
      return this.#readBody();
    }
  }

  /** The connection ended: an answer framed by the close is done; any other was cut short. */
  end(): ResponseProgress {
    if (this.#body?.kind === 'until-close')
      return { kind: 'done', status: this.#status as number, reusable: false };
    return this.#fail('connection_reset');
  }

  /** Parses the head if it is all there; a result only when it ends the answer (or fails it). */
  #readHead(): ResponseProgress | undefined {
    for (;;) {
      const end = this.#pending.indexOf(END_OF_HEADERS);
      if (end < 0) {
        if (this.#pending.length > MAX_HEADER_BYTES) return this.#fail('protocol_error');
        return undefined;
      }
      if (end > MAX_HEADER_BYTES) return this.#fail('protocol_error');
      const lines = this.#pending.subarray(0, end).toString('latin1').split('\r\n');
      this.#pending = this.#pending.subarray(end + END_OF_HEADERS.length);
      const statusLine = STATUS_LINE.exec(lines[0] ?? '');
      if (statusLine === null) return this.#fail('protocol_error');
      const minor = statusLine[1];
      const status = Number(statusLine[2]);
      let contentLength: number | undefined;
      let chunked = false;
      let transferEncoded = false;
      let connection = '';
      for (let i = 1; i < lines.length; i += 1) {
        const line = lines[i] as string;
        const colon = line.indexOf(':');
        if (colon <= 0 || !TOKEN.test(line.slice(0, colon))) return this.#fail('protocol_error');
        const name = line.slice(0, colon).toLowerCase();
        const value = line.slice(colon + 1).trim();
        if (name === 'content-length') {
          if (!/^\d{1,15}$/.test(value)) return this.#fail('protocol_error');
          if (contentLength !== undefined && contentLength !== Number(value))
            return this.#fail('protocol_error');
          contentLength = Number(value);
        } else if (name === 'transfer-encoding') {
          transferEncoded = true;
          chunked = /(?:^|,)\s*chunked\s*$/i.test(value);
        } else if (name === 'connection') connection += `,${value.toLowerCase()}`;
      }
      if (status >= 100 && status < 200) {
        // 101 would switch protocols, which nothing asked for; other 1xx precede the real answer.
        if (status === 101) return this.#fail('protocol_error');
        continue;
      }
      this.#status = status;
      const closes = /(?:^|,)\s*close\s*(?:,|$)/.test(connection);
      this.#keepAlive = minor === '1' ? !closes : /(?:^|,)\s*keep-alive\s*(?:,|$)/.test(connection);
      if (status === 204 || status === 304) this.#body = { kind: 'none' };
      else if (transferEncoded) {
        // Transfer-Encoding wins over Content-Length (RFC 9112 §6.3); a connection that sent both is not reused.
        if (contentLength !== undefined) this.#keepAlive = false;
        this.#body = chunked ? { kind: 'chunked', state: 'size', remaining: 0 } : { kind: 'until-close' };
      } else if (contentLength !== undefined) this.#body = { kind: 'length', remaining: contentLength };
      else this.#body = { kind: 'until-close' };
      if (this.#body.kind === 'until-close') this.#keepAlive = false;
      return undefined;
    }
  }

  #readBody(): ResponseProgress {
    const body = this.#body as BodyMode;
    switch (body.kind) {
      case 'none':
        return this.#done();
      case 'until-close':
        return this.#count(this.#take(this.#pending.length)) ?? { kind: 'more' };
      case 'length': {
        const taken = this.#take(Math.min(body.remaining, this.#pending.length));
        body.remaining -= taken;
        const failed = this.#count(taken);
        if (failed !== undefined) return failed;
        return body.remaining === 0 ? this.#done() : { kind: 'more' };
      }
      case 'chunked':
        return this.#readChunks(body);
    }
  }

  #readChunks(body: Extract<BodyMode, { kind: 'chunked' }>): ResponseProgress {
    for (;;) {
      if (body.state === 'data') {
        const taken = this.#take(Math.min(body.remaining, this.#pending.length));
        body.remaining -= taken;
        const failed = this.#count(taken);
        if (failed !== undefined) return failed;
        if (body.remaining > 0) return { kind: 'more' };
        body.state = 'data-end';
      }
      // The CRLF after a chunk's data comes at once, or the framing is broken.
      if (
        body.state === 'data-end' &&
        this.#pending.length >= 2 &&
        !this.#pending.subarray(0, 2).equals(CRLF)
      )
        return this.#fail('protocol_error');
      const lineEnd = this.#pending.indexOf(CRLF);
      if (lineEnd < 0) return this.#pending.length > 1024 ? this.#fail('protocol_error') : { kind: 'more' };
      const line = this.#pending.subarray(0, lineEnd).toString('latin1');
      this.#pending = this.#pending.subarray(lineEnd + CRLF.length);
      if (body.state === 'data-end') {
        if (line !== '') return this.#fail('protocol_error');
        body.state = 'size';
      } else if (body.state === 'size') {
        const size = /^([0-9a-fA-F]{1,12})(?:[ \t]*;.*)?$/.exec(line)?.[1];
        if (size === undefined) return this.#fail('protocol_error');
        body.remaining = parseInt(size, 16);
        body.state = body.remaining === 0 ? 'trailers' : 'data';
      } else if (line === '') return this.#done();
    }
  }

  #take(n: number): number {
    this.#pending = this.#pending.subarray(n);
    return n;
  }

  #count(n: number): ResponseProgress | undefined {
    this.#bodyBytes += n;
    return this.#bodyBytes > this.#maxBodyBytes ? this.#fail('response_too_large') : undefined;
  }

  #done(): ResponseProgress {
    // Bytes after the answer (a pipelined extra, garbage) mean the connection's state is unknown: not reused.
    return {
      kind: 'done',
      status: this.#status as number,
      reusable: this.#keepAlive && this.#pending.length === 0,
    };
  }

  #fail(error: Extract<ResponseProgress, { kind: 'failed' }>['error']): ResponseProgress {
    return { kind: 'failed', error, status: this.status };
  }
}
