import { describe, expect, it } from 'vitest';
import { Http1ResponseReader, MAX_HEADER_BYTES, type ResponseProgress } from './http1-response.js';

const read = (text: string | Buffer, maxBodyBytes = 1024): ResponseProgress =>
  new Http1ResponseReader(maxBodyBytes).feed(Buffer.isBuffer(text) ? text : Buffer.from(text, 'latin1'));

describe('reading an HTTP/1.x answer', () => {
  it.each([
    ['HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok', { kind: 'done', status: 200, reusable: true }],
    [
      'HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok',
      { kind: 'done', status: 200, reusable: false },
    ],
    ['HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok', { kind: 'done', status: 200, reusable: false }],
    [
      'HTTP/1.0 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nok',
      { kind: 'done', status: 200, reusable: true },
    ],
    ['HTTP/1.1 204 No Content\r\n\r\n', { kind: 'done', status: 204, reusable: true }],
    [
      'HTTP/1.1 304 Not Modified\r\nContent-Length: 99\r\n\r\n',
      { kind: 'done', status: 304, reusable: true },
    ],
    ['HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n', { kind: 'done', status: 200, reusable: true }],
    ['HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokEXTRA', { kind: 'done', status: 200, reusable: false }],
    [
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n2;x=y\r\nok\r\n0\r\nTrailer: 1\r\n\r\n',
      { kind: 'done', status: 200, reusable: false },
    ],
    [
      'HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n',
      { kind: 'done', status: 201, reusable: true },
    ],
  ])('%j', (text, expected) => {
    expect(read(text)).toEqual(expected);
  });

  it.each([
    'HTTP/2 200\r\n\r\n',
    'HTTP/1.1 20 OK\r\n\r\n',
    'HTTP/1.1 101 Switching Protocols\r\nUpgrade: x\r\n\r\n',
    'HTTP/1.1 200 OK\r\nno colon here\r\n\r\n',
    'HTTP/1.1 200 OK\r\n: empty name\r\n\r\n',
    'HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nok',
    'HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n',
    'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
    'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nokNOTCRLF',
  ])('protocol_error for %j', (text) => {
    expect(read(text)).toMatchObject({ kind: 'failed', error: 'protocol_error' });
  });

  it('fails headers longer than 16 KiB, and bodies over the cap, counted across chunks and reads', () => {
    expect(read(`HTTP/1.1 200 OK\r\nX: ${'a'.repeat(MAX_HEADER_BYTES)}`)).toMatchObject({
      error: 'protocol_error',
    });
    const reader = new Http1ResponseReader(10);
    expect(
      reader.feed(Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nabcdef\r\n')),
    ).toEqual({ kind: 'more' });
    expect(reader.feed(Buffer.from('6\r\nghijkl\r\n'))).toEqual({
      kind: 'failed',
      error: 'response_too_large',
      status: 200,
    });
  });

  it('waits for more, a byte at a time, and an answer framed by the close ends with it; any other cut short is a reset', () => {
    const reader = new Http1ResponseReader(1024);
    for (const byte of Buffer.from('HTTP/1.1 200 OK\r\n\r\nbody until close'))
      expect(reader.feed(Buffer.from([byte]))).toEqual({ kind: 'more' });
    expect(reader.bodyBytes).toBe(16);
    expect(reader.end()).toEqual({ kind: 'done', status: 200, reusable: false });
    const cut = new Http1ResponseReader(1024);
    cut.feed(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc'));
    expect(cut.end()).toEqual({ kind: 'failed', error: 'connection_reset', status: 200 });
    const cutInHead = new Http1ResponseReader(1024);
    cutInHead.feed(Buffer.from('HTTP/1.1 200 OK\r\nContent-Le'));
    expect(cutInHead.end()).toEqual({ kind: 'failed', error: 'connection_reset', status: null });
  });
});
