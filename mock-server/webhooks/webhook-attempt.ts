import {
  Agent as HttpAgent,
  request as httpRequest,
  type ClientRequest,
  type IncomingMessage,
  type RequestOptions,
} from 'node:http';
import type * as Https from 'node:https';
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
  readonly http = new HttpAgent({ keepAlive: true, scheduling: 'lifo' });
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
const staleReuse = (request: ClientRequest, error: unknown): boolean => {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return request.reusedSocket && (code === 'ECONNRESET' || code === 'EPIPE');
};

/**
 * POSTs the given bytes and headers to a URL once, and says how it went: any 2xx with its whole answer
 * within the limit is delivered; a 3xx (never followed), 4xx or 5xx, no answer within the limit, a reset, an
 * unreachable host, or an answer body over the cap is a failed attempt. It never throws and never leaves a
 * timer or a socket behind.
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
  const headers = { ...post.headers, 'Content-Length': String(post.body.byteLength) };
  const startedAt = now();

  return new Promise((resolve) => {
    let settled = false;
    let current: ClientRequest | undefined;
    let status: number | null = null;
    let timeToAnswerMs: number | null = null;
    let answerBytes = 0;
    let retried = false;

    const finish = (error: DeliveryError | null): void => {
      if (settled) return;
      settled = true;
      cancelLimit();
      options.signal?.removeEventListener('abort', onAbort);
      const delivered = error === null && status !== null && status >= 200 && status < 300;
      resolve({ delivered, status, error, durationMs: now() - startedAt, timeToAnswerMs, answerBytes });
    };
    const fail = (error: DeliveryError): void => {
      finish(error);
      current?.destroy();
    };
    const onAbort = (): void => fail('cancelled');

    const cancelLimit = setTimer(options.timeoutMs ?? DEFAULT_ATTEMPT_TIMEOUT_MS, () => fail('timeout'));
    if (options.signal?.aborted === true) {
      fail('cancelled');
      return;
    }
    options.signal?.addEventListener('abort', onAbort, { once: true });
    options.onStart?.(onAbort);

    const onResponse = (response: IncomingMessage): void => {
      status = response.statusCode ?? null;
      timeToAnswerMs = now() - startedAt;
      response.on('data', (chunk: Buffer) => {
        answerBytes += chunk.length;
        if (answerBytes > maxAnswerBytes) fail('response_too_large');
      });
      response.on('end', () => finish(null));
      // A receiver that dies halfway through its answer.
      response.on('aborted', () => fail('connection_reset'));
      response.on('error', () => fail('connection_reset'));
    };

    const send = (): void => {
      if (secure) {
        loadHttps().then(
          (module) => {
            if (settled) return;
            const agent = options.agents?.httpsAgent(module);
            sendWith(
              module.request(url, { method: 'POST', headers, ...(agent === undefined ? {} : { agent }) }),
            );
          },
          () => finish('tls_error'),
        );
        return;
      }
      const agent = options.agents?.http;
      const requestOptions: RequestOptions = {
        method: 'POST',
        headers,
        ...(agent === undefined ? {} : { agent }),
      };
      sendWith(httpRequest(url, requestOptions));
    };

    const sendWith = (request: ClientRequest): void => {
      current = request;
      request.on('response', onResponse);
      request.on('error', (error) => {
        if (settled) return;
        if (status === null && !retried && staleReuse(request, error)) {
          retried = true;
          send();
          return;
        }
        finish(classifyDeliveryError(error));
      });
      if (options.dropAfterSend === true) request.on('finish', () => fail('dropped'));
      request.end(post.body);
    };
    send();
  });
}
