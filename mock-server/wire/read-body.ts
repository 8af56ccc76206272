import type { IncomingMessage } from 'node:http';

/** The body was larger than the limit; nothing beyond the limit was read. */
export class BodyTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`request body exceeds ${limitBytes} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/** The client went away or the stream failed before the body was complete. */
export class BodyReadError extends Error {
  constructor(cause: unknown) {
    super('request body could not be read', { cause });
    this.name = 'BodyReadError';
  }
}

function declaredLength(value: string | null | undefined): number | undefined {
  if (value === null || value === undefined || !/^\d+$/.test(value)) return undefined;
  return Number(value);
}

/**
 * Reads a request body up to `limitBytes`. On Node it reads the raw `IncomingMessage` (much cheaper than
 * going through the Web `Request`); elsewhere the Web stream. A declared Content-Length over the limit is
 * refused before anything is read; an undeclared one as soon as the limit is passed.
 */
export async function readBody(
  request: Request,
  incoming: IncomingMessage | undefined,
  limitBytes: number,
): Promise<Buffer> {
  if (
    incoming !== undefined &&
    !incoming.readableEnded &&
    incoming.readableLength >= 0 &&
    !incoming.destroyed
  ) {
    return readIncomingBody(incoming, limitBytes);
  }
  const declared = declaredLength(request.headers.get('content-length'));
  if (declared !== undefined && declared > limitBytes) throw new BodyTooLargeError(limitBytes);
  if (request.body === null) return Buffer.alloc(0);
  return readWebStream(request.body, limitBytes);
}

/** Reads the body of a Node request up to `limitBytes`, refusing a larger declared Content-Length at once. */
export function readIncomingBody(incoming: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const declared = declaredLength(incoming.headers['content-length']);
  if (declared !== undefined && declared > limitBytes)
    return Promise.reject(new BodyTooLargeError(limitBytes));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = (): void => {
      incoming.off('data', onData);
      incoming.off('end', onEnd);
      incoming.off('error', onError);
      incoming.off('aborted', onError);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limitBytes) {
        cleanup();
        incoming.pause();
        reject(new BodyTooLargeError(limitBytes));
        return;
      }
      chunks.push(chunk);
    };
    // Once the body has ended the listeners go with the request; removing four of them on every call of
    // the hot paths cost more than leaving them (a late error only rejects a settled promise).
    const onEnd = (): void => {
      resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size));
    };
    const onError = (error: unknown): void => {
      cleanup();
      reject(new BodyReadError(error));
    };
    incoming.on('data', onData);
    incoming.on('end', onEnd);
    incoming.on('error', onError);
    incoming.on('aborted', onError);
  });
}

async function readWebStream(stream: ReadableStream<Uint8Array>, limitBytes: number): Promise<Buffer> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limitBytes) {
        await reader.cancel().catch(() => undefined);
        throw new BodyTooLargeError(limitBytes);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw error;
    throw new BodyReadError(error);
  }
  return Buffer.concat(chunks, size);
}
