import type { ClientRequest, IncomingMessage } from 'node:http';
import type * as Https from 'node:https';
import { connect } from 'node:net';
import { Http1Connections } from './http1-connections.js';
import { Http1ResponseReader } from './http1-response.js';
import type { components } from '../../generated/openapi.js';
import type { CancelTimer } from '../clock-timers.js';

/** Why an attempt got no usable answer (openapi.yaml `WebhookDeliveryError`). */
export type DeliveryError = components['schemas']['WebhookDeliveryError'];

/** What to POST: the exact bytes and headers, sent as given. */
export interface WebhookPost {
  readonly url: string | URL;
  readonly body: Uint8Array;
  /** Sent exactly as given (names keep their case); `Content-Length` is added from the body. */
  readonly headers: Readonly<Record<string, string>>;
}

/** How one attempt is run; every field has a default. */
export interface AttemptOptions {
  /** How long the receiver has for its whole answer, ms; default 10 s (facts §5: "more than 10 s"). */
  readonly timeoutMs?: number;
  /**
   * Sets the answer limit's timer; default real `setTimeout`. The sender passes timers on the mock's clock,
   * so a frozen clock holds the limit and moving it by 10 s cuts a hung receiver at once.
   */
  readonly setTimer?: (ms: number, callback: () => void) => CancelTimer;
  /** The clock durations are measured on, ms; default `performance.now`. */
  readonly now?: () => number;
  /** The most answer body read before the attempt fails as `response_too_large`; default 64 KiB. */
  readonly maxAnswerBytes?: number;
  /**
   * Hang up as soon as the request is sent, without reading the answer: what VectorCare does to a receiver
   * that timed out. The attempt fails as `dropped`.
   */
  readonly dropAfterSend?: boolean;
  /** Connection pools to use (keep-alive); default a fresh connection per attempt. */
  readonly agents?: DeliveryAgents;
  /** Aborting it ends the attempt at once as `cancelled` (the mock shutting down). */
  readonly signal?: AbortSignal;
  /**
   * Called at once with a function that ends the attempt as `cancelled`: the same as `signal`, without an
   * AbortController per attempt (the sender makes thousands a second).
   */
  readonly onStart?: (cancel: () => void) => void;
}

/** How an attempt ended. It always ends: the promise never rejects. */
export interface AttemptResult {
  /** A 2xx status and the whole answer read, within the limit. */
  readonly delivered: boolean;
  /** The receiver's status, when one came (also with `response_too_large`); null otherwise. */
  readonly status: number | null;
  readonly error: DeliveryError | null;
  /** From the start to the end of the answer or the failure, by `now`. */
  readonly durationMs: number;
  /** From the start to the status line (the receiver's first answer byte), or null without an answer. */
  readonly timeToAnswerMs: number | null;
  /** Answer body bytes read. */
  readonly answerBytes: number;
}

export const DEFAULT_ATTEMPT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_ANSWER_BYTES = 64 * 1024;

// node:https (and TLS with it) is loaded on the first https:// attempt: most subscriptions are local
// http:// receivers, and loading TLS would add to every mock's start-up.
let https: Promise<typeof Https> | undefined;
const loadHttps = (): Promise<typeof Https> => (https ??= import('node:https'));

/** Keep-alive connection pools for attempts; destroy them when the sender stops. */
export class DeliveryAgents {
  /** Plain HTTP/1.1 connections, for `http://` receivers. */
  readonly http = new Http1Connections();
  #https: Https.Agent | undefined;
  #destroyed = false;

  /** The https pool, made on first use. */
  httpsAgent(module: typeof Https): Https.Agent {
    this.#https ??= new module.Agent({ keepAlive: true, scheduling: 'lifo' });
    if (this.#destroyed) this.#https.destroy();
    return this.#https;
  }

  destroy(): void {
    this.#destroyed = true;
    this.http.destroy();
    this.#https?.destroy();
  }
}

const realTimer = (ms: number, callback: () => void): CancelTimer => {
  const timer = setTimeout(callback, ms);
  let live = true;
  return () => {
    const was = live;
    live = false;
    clearTimeout(timer);
    return was;
  };
};

const UNREACHABLE = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'ETIMEDOUT',
]);

/** The error code of a failed request, in the wire vocabulary. */
export function classifyDeliveryError(error: unknown): DeliveryError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  if (code === 'ECONNREFUSED') return 'connection_refused';
  if (UNREACHABLE.has(code)) return 'unreachable';
  if (code.startsWith('HPE_')) return 'protocol_error';
  if (/^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_OSSL)/.test(code)) return 'tls_error';
  return 'connection_reset';
}

/** A connection a keep-alive pool reused may have been closed by the receiver meanwhile: worth one retry. */
const staleReuse = (reused: boolean, error: unknown): boolean => {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return reused && (code === 'ECONNRESET' || code === 'EPIPE' || code === undefined);
};

const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
/** Headers the attempt writes itself, from the URL and the body. */
const FRAMING = new Set(['host', 'content-length', 'connection', 'transfer-encoding']);

/** The request head of a plain HTTP/1.1 POST: Host first, the given headers as given, then the framing. */
function requestHead(
  url: URL,
  headers: Readonly<Record<string, string>>,
  length: number,
  keepAlive: boolean,
): Buffer {
  let head = `POST ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\n`;
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name) || !HEADER_VALUE.test(value))
      throw new TypeError(`attemptDelivery: the header ${JSON.stringify(name)} is not a valid HTTP header`);
    if (!FRAMING.has(name.toLowerCase())) head += `${name}: ${value}\r\n`;
  }
  head += `Content-Length: ${length}\r\nConnection: ${keepAlive ? 'keep-alive' : 'close'}\r\n\r\n`;
  return Buffer.from(head, 'latin1');
}

/** How one attempt ends, whichever way it was sent. */
interface AttemptState {
  settled: boolean;
  status: number | null;
  timeToAnswerMs: number | null;
  answerBytes: number;
}

/**
 * POSTs the given bytes and headers to a URL once, and says how it went: any 2xx with its whole answer
 * within the limit is delivered; a 3xx (never followed), 4xx or 5xx, no answer within the limit, a reset, an
 * unreachable host, or an answer body over the cap is a failed attempt. It never rejects and never leaves a
 * timer or a socket behind; it throws (a TypeError, at once) only for a header that is not valid HTTP.
 *
 * `http://` goes over a lean HTTP/1.1 client of its own (one write per request, the answer parsed only as
 * far as its status and framing: a tenth of node:http's CPU per request, which the sender's throughput is
 * made of); `https://` over node:https.
 *
 * @example
 * const result = await attemptDelivery(
 *   { url, body, headers: { 'Content-Type': 'application/json', 'X-VectorCare-Signature': signature } },
 *   { timeoutMs: 10_000 },
 * );
 * result.delivered; // true for a 2xx
 */
export function attemptDelivery(post: WebhookPost, options: AttemptOptions = {}): Promise<AttemptResult> {
  const now = options.now ?? (() => performance.now());
  const setTimer = options.setTimer ?? realTimer;
  const maxAnswerBytes = options.maxAnswerBytes ?? DEFAULT_MAX_ANSWER_BYTES;
  const url = typeof post.url === 'string' ? new URL(post.url) : post.url;
  const secure = url.protocol === 'https:';
  const pool = options.agents?.http;
  const head = secure ? undefined : requestHead(url, post.headers, post.body.byteLength, pool !== undefined);
  const startedAt = now();

  return new Promise((resolve) => {
    const state: AttemptState = { settled: false, status: null, timeToAnswerMs: null, answerBytes: 0 };
    let destroyCurrent: () => void = () => undefined;

    const finish = (error: DeliveryError | null): void => {
      if (state.settled) return;
      state.settled = true;
      cancelLimit();
      options.signal?.removeEventListener('abort', onAbort);
      const { status, timeToAnswerMs, answerBytes } = state;
      const delivered = error === null && status !== null && status >= 200 && status < 300;
      resolve({ delivered, status, error, durationMs: now() - startedAt, timeToAnswerMs, answerBytes });
    };
    const fail = (error: DeliveryError): void => {
      finish(error);
      destroyCurrent();
    };
    const onAbort = (): void => fail('cancelled');

    const cancelLimit = setTimer(options.timeoutMs ?? DEFAULT_ATTEMPT_TIMEOUT_MS, () => fail('timeout'));
    if (options.signal?.aborted === true) {
      fail('cancelled');
      return;
    }
    options.signal?.addEventListener('abort', onAbort, { once: true });
    options.onStart?.(onAbort);

    const context: SendContext = {
      url,
      post,
      options,
      state,
      maxAnswerBytes,
      since: () => now() - startedAt,
      finish,
      fail,
      setDestroy: (destroy) => (destroyCurrent = destroy),
    };
    if (secure) sendHttps(context);
    else sendHttp1(context, head as Buffer, pool, false);
  });
}

/** What either way of sending needs from the attempt. */
interface SendContext {
  readonly url: URL;
  readonly post: WebhookPost;
  readonly options: AttemptOptions;
  readonly state: AttemptState;
  readonly maxAnswerBytes: number;
  /** Time since the attempt started, by its clock. */
  since(): number;
  finish(error: DeliveryError | null): void;
  fail(error: DeliveryError): void;
  setDestroy(destroy: () => void): void;
}

/** Plain HTTP/1.1 on a pooled (or, without a pool, a fresh) connection. */
function sendHttp1(
  context: SendContext,
  head: Buffer,
  pool: Http1Connections | undefined,
  retried: boolean,
): void {
  const { url, state } = context;
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const port = url.port === '' ? 80 : Number(url.port);
  const leased = pool?.lease(host, port) ?? { socket: connect({ host, port, noDelay: true }), reused: false };
  const { socket, reused } = leased;
  const reader = new Http1ResponseReader(context.maxAnswerBytes);
  let received = false;
  let done = false;

  const detach = (): void => {
    socket.removeListener('data', onData);
    socket.removeListener('end', onEnd);
    socket.removeListener('error', onError);
    socket.removeListener('close', onClose);
  };
  context.setDestroy(() => {
    detach();
    socket.destroy();
  });
  const complete = (progress: ReturnType<Http1ResponseReader['feed']>): void => {
    if (progress.kind === 'more') return;
    done = true;
    detach();
    state.status = reader.status;
    state.answerBytes = reader.bodyBytes;
    if (progress.kind === 'failed') {
      socket.destroy();
      context.finish(progress.error);
      return;
    }
    if (progress.reusable && pool !== undefined) pool.release(host, port, socket);
    else socket.destroy();
    context.finish(null);
  };
  function onData(chunk: Buffer): void {
    if (!received) {
      received = true;
      state.timeToAnswerMs = context.since();
    }
    complete(reader.feed(chunk));
    if (!done) state.status = reader.status;
  }
  function onEnd(): void {
    if (done) return;
    // Closed before a byte of answer: a reset (and, on a reused connection, the stale case worth a retry).
    if (!received) onError(Object.assign(new Error('closed before answering'), { code: 'ECONNRESET' }));
    else complete(reader.end());
  }
  function onError(error: Error): void {
    if (done || state.settled) return;
    done = true;
    detach();
    socket.destroy();
    if (!received && !retried && staleReuse(reused, error)) {
      sendHttp1(context, head, pool, true);
      return;
    }
    state.status = reader.status;
    context.finish(received ? 'connection_reset' : classifyDeliveryError(error));
  }
  function onClose(): void {
    // A close without an error or an end first (a destroyed socket): the answer was cut short.
    if (!done && !state.settled) onError(Object.assign(new Error('closed'), { code: 'ECONNRESET' }));
  }
  socket.on('data', onData);
  socket.on('end', onEnd);
  socket.on('error', onError);
  socket.on('close', onClose);
  const written = Buffer.concat([head, context.post.body]);
  socket.write(written, () => {
    if (context.options.dropAfterSend === true && !state.settled) context.fail('dropped');
  });
}

/** HTTPS through node:https (TLS is rare for local receivers; its cost is the handshake, not the client). */
function sendHttps(context: SendContext): void {
  const { url, post, options, state } = context;
  const headers = { ...post.headers, 'Content-Length': String(post.body.byteLength) };
  let retried = false;
  const send = (): void => {
    loadHttps().then(
      (module) => {
        if (state.settled) return;
        const agent = options.agents?.httpsAgent(module);
        sendWith(module.request(url, { method: 'POST', headers, ...(agent === undefined ? {} : { agent }) }));
      },
      () => context.finish('tls_error'),
    );
  };
  const onResponse = (response: IncomingMessage): void => {
    state.status = response.statusCode ?? null;
    state.timeToAnswerMs = context.since();
    response.on('data', (chunk: Buffer) => {
      state.answerBytes += chunk.length;
      if (state.answerBytes > context.maxAnswerBytes) context.fail('response_too_large');
    });
    response.on('end', () => context.finish(null));
    // A receiver that dies halfway through its answer.
    response.on('aborted', () => context.fail('connection_reset'));
    response.on('error', () => context.fail('connection_reset'));
  };
  const sendWith = (request: ClientRequest): void => {
    context.setDestroy(() => request.destroy());
    request.on('response', onResponse);
    request.on('error', (error) => {
      if (state.settled) return;
      if (state.status === null && !retried && staleReuse(request.reusedSocket, error)) {
        retried = true;
        send();
        return;
      }
      context.finish(classifyDeliveryError(error));
    });
    if (options.dropAfterSend === true) request.on('finish', () => context.fail('dropped'));
    request.end(post.body);
  };
  send();
}
